namespace Inventory.Orders.Domain;

internal enum OrderStatus { Pending, Reserved, Rejected, Confirmed, Shipped, Cancelled }

/// <summary>
/// A sales order. It is PENDING until Stock answers: RESERVED (every line held, possibly split over warehouses)
/// or REJECTED (nothing held, a reason per line).
/// </summary>
internal sealed class Order
{
    public const int MaxLines = 100;
    public const int DefaultHoldSeconds = 1800;

    public Guid Id { get; set; }
    public OrderStatus Status { get; set; }
    public string CustomerReference { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int HoldSeconds { get; set; }
    public Guid? ReservationId { get; set; }
    public DateTime? HoldExpiresAt { get; set; }
    public string? RejectionReason { get; set; }
    public string Actor { get; set; } = "";
    public DateTime PlacedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>Placement time then id, as one sortable string (for paging).</summary>
    public string SortKey { get; set; } = "";

    public List<OrderLine> Lines { get; set; } = [];
    public List<OrderAllocationRow> Allocations { get; set; } = [];
}

internal sealed class OrderLine
{
    public Guid OrderId { get; set; }
    public int LineNumber { get; set; }
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
    public string? RejectionReason { get; set; }
}

/// <summary>Where a line's stock is held: a warehouse and a quantity (a line may be split over several).</summary>
internal sealed class OrderAllocationRow
{
    public Guid OrderId { get; set; }
    public int Number { get; set; }
    public int LineNumber { get; set; }
    public string WarehouseCode { get; set; } = "";
    public int Quantity { get; set; }
}
