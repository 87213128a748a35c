namespace Inventory.Stock.Domain;

internal enum PurchaseOrderStatus { Open, PartiallyReceived, Received, Closed }

/// <summary>
/// Stock ordered from a supplier into one warehouse: its quantities are incoming there until received (partial
/// receipts allowed) or the order is closed. It lives with Stock because every step of it changes stock levels,
/// in the same transaction as the level and its ledger.
/// </summary>
internal sealed class PurchaseOrder
{
    public const int MaxLines = 100;

    public Guid Id { get; set; }
    public PurchaseOrderStatus Status { get; set; }
    public string Supplier { get; set; } = "";
    public Guid WarehouseId { get; set; }
    public string WarehouseCode { get; set; } = "";
    public DateTime? ExpectedAt { get; set; }
    public string Actor { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string SortKey { get; set; } = "";
    public List<PurchaseOrderLine> Lines { get; set; } = [];

    public string Reference => $"po:{Id}";

    /// <summary>A copy to answer with: the write engine goes on changing the loaded row (and its lines' received) for later writes of its batch.</summary>
    public PurchaseOrder Copy()
    {
        var copy = (PurchaseOrder)MemberwiseClone();
        copy.Lines = Lines.Select(l => (PurchaseOrderLine)l.Clone()).ToList();
        return copy;
    }
}

internal sealed class PurchaseOrderLine
{
    public Guid PurchaseOrderId { get; set; }
    public int LineNumber { get; set; }
    public string Sku { get; set; } = "";
    public string SkuKey { get; set; } = "";
    public Guid LevelId { get; set; }
    public int Quantity { get; set; }
    public int Received { get; set; }

    public int Remaining => Math.Max(0, Quantity - Received);

    internal object Clone() => MemberwiseClone();
}
