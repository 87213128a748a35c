namespace Inventory.Stock.Domain;

/// <summary>
/// Why a quantity changed. The ledger keeps the reason of every movement; GraphQL shows them in
/// CONSTANT_CASE (RECEIVED, CYCLE_COUNT, TRANSFER_OUT...).
/// </summary>
internal enum StockReason
{
    Received,
    Correction,
    CycleCount,
    Damaged,
    Shrinkage,
    Returned,
    Reserved,
    Released,
    Expired,
    Committed,
    Shipped,
    TransferOut,
    TransferIn,
    /// <summary>A shipped transfer is on its way: incoming at the destination.</summary>
    InTransit,
    /// <summary>A transfer cancelled in transit: the stock goes back to the source.</summary>
    TransferCancelled,
    /// <summary>Stock moved between named quantities of one level (e.g. available to damaged).</summary>
    Moved,
    /// <summary>A purchase order was placed: its quantities are incoming.</summary>
    PurchaseOrdered,
    /// <summary>A purchase order was closed: what was not received is no longer incoming.</summary>
    PurchaseClosed,
}

/// <summary>
/// One entry of the append-only ledger: the deltas of one level, the quantities after, why, on whose behalf,
/// and under which idempotency key. The ledger summed per level equals the level (the reconciliation job checks).
/// </summary>
internal sealed class StockMovement
{
    public Guid Id { get; set; }
    public Guid LevelId { get; set; }
    public string Sku { get; set; } = "";
    public string SkuKey { get; set; } = "";
    public Guid WarehouseId { get; set; }
    public string WarehouseCode { get; set; } = "";
    public StockReason Reason { get; set; }
    public string? Reference { get; set; }
    public string? Note { get; set; }

    public int OnHandDelta { get; set; }
    public int ReservedDelta { get; set; }
    public int CommittedDelta { get; set; }
    public int DamagedDelta { get; set; }
    public int IncomingDelta { get; set; }

    public int OnHandAfter { get; set; }
    public int ReservedAfter { get; set; }
    public int CommittedAfter { get; set; }
    public int DamagedAfter { get; set; }
    public int IncomingAfter { get; set; }
    public int AvailableAfter { get; set; }
    public int VersionAfter { get; set; }

    /// <summary><c>user:&lt;id&gt;</c>, <c>apikey:&lt;id&gt;</c> or <c>system</c>.</summary>
    public string Actor { get; set; } = "";
    public string? IdempotencyKey { get; set; }
    public Guid? ReservationId { get; set; }
    public Guid? TransferId { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>Time then id as one sortable string: pages of the ledger seek on it the same way on every database.</summary>
    public string SortKey { get; set; } = "";

    public QuantityDeltas Deltas => new(OnHandDelta, ReservedDelta, CommittedDelta, DamagedDelta, IncomingDelta);
}
