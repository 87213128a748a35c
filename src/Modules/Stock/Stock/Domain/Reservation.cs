namespace Inventory.Stock.Domain;

internal enum ReservationStatus { Held, Committed, Released, Expired, Fulfilled }

/// <summary>
/// Stock held for a reference (a cart, an order) until it expires, is released, or is committed and then
/// fulfilled. All of its lines were reserved together, or none was.
/// </summary>
internal sealed class Reservation
{
    public const int MinTtlSeconds = 1;
    public const int MaxTtlSeconds = 7 * 24 * 3600;
    public const int MaxLines = 100;

    public Guid Id { get; set; }
    public ReservationStatus Status { get; set; }
    public string? Reference { get; set; }
    public DateTime ExpiresAt { get; set; }
    public string Actor { get; set; } = "";
    public string? IdempotencyKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ReservationLine> Lines { get; set; } = [];

    /// <summary>Creation time then id as one sortable string (for paging).</summary>
    public string SortKey { get; set; } = "";

    /// <summary>A copy of the reservation as it is now (a batch goes on changing the original); lines never change.</summary>
    public Reservation Copy()
    {
        var copy = (Reservation)MemberwiseClone();
        copy.Lines = [.. Lines];
        return copy;
    }
}

internal sealed class ReservationLine
{
    public Guid ReservationId { get; set; }
    public int LineNumber { get; set; }
    public string Sku { get; set; } = "";
    public string SkuKey { get; set; } = "";
    public Guid WarehouseId { get; set; }
    public string WarehouseCode { get; set; } = "";
    public Guid LevelId { get; set; }
    public int Quantity { get; set; }
}
