namespace Inventory.Stock.Domain;

internal enum TransferStatus { Draft, InTransit, Received, Cancelled }

/// <summary>
/// Stock sent from one warehouse to another. Shipping takes it out of the source's onHand and shows it as
/// incoming at the destination; receiving lands it in the destination's onHand.
/// </summary>
internal sealed class Transfer
{
    public const int MaxLines = 100;

    public Guid Id { get; set; }
    public TransferStatus Status { get; set; }
    public Guid FromWarehouseId { get; set; }
    public string FromWarehouseCode { get; set; } = "";
    public Guid ToWarehouseId { get; set; }
    public string ToWarehouseCode { get; set; } = "";
    public string? Reference { get; set; }
    public string Actor { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ShippedAt { get; set; }
    public DateTime? ReceivedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<TransferLine> Lines { get; set; } = [];

    /// <summary>Creation time then id as one sortable string (for paging).</summary>
    public string SortKey { get; set; } = "";

    /// <summary>A copy to answer with: the write engine goes on changing the loaded row for later writes of its batch. Lines never change.</summary>
    public Transfer Copy()
    {
        var copy = (Transfer)MemberwiseClone();
        copy.Lines = [.. Lines];
        return copy;
    }
}

internal sealed class TransferLine
{
    public Guid TransferId { get; set; }
    public int LineNumber { get; set; }
    public string Sku { get; set; } = "";
    public string SkuKey { get; set; } = "";
    public int Quantity { get; set; }
}
