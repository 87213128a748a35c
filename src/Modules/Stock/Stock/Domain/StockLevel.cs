namespace Inventory.Stock.Domain;

/// <summary>
/// The stock of one SKU in one warehouse, as named quantities. Only the stock write engine changes the
/// counters (decided in <c>WriteBatch</c> on locked rows); every change is also a <see cref="StockMovement"/>
/// in the ledger.
/// </summary>
internal sealed class StockLevel
{
    /// <summary>
    /// No quantity may grow beyond this. GraphQL's Int is 32-bit, and available subtracts four quantities from
    /// onHand: with each at most 5 x 10^8, available stays within Int32 even with backorders.
    /// </summary>
    public const int MaxQuantity = 500_000_000;

    public Guid Id { get; set; }
    public string Sku { get; set; } = "";
    public string SkuKey { get; set; } = "";
    public Guid WarehouseId { get; set; }
    public string WarehouseCode { get; set; } = "";

    public int OnHand { get; set; }
    public int Reserved { get; set; }
    public int Committed { get; set; }
    public int Damaged { get; set; }
    public int SafetyStock { get; set; }
    public int Incoming { get; set; }

    public int ReorderPoint { get; set; }
    public bool AllowBackorder { get; set; }

    /// <summary>The threshold state last announced, so an alert is raised once per crossing (hysteresis).</summary>
    public StockAlertState AlertState { get; set; }

    /// <summary>Grows with every change of the quantities or settings.</summary>
    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>What can still be promised: onHand - reserved - committed - damaged - safetyStock.</summary>
    public int Available => OnHand - Reserved - Committed - Damaged - SafetyStock;

    /// <summary>A copy of the level as it is now (a batch goes on changing the original).</summary>
    public StockLevel Copy() => (StockLevel)MemberwiseClone();

    public static StockLevel Create(string sku, Warehouse warehouse, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        Sku = sku,
        SkuKey = StockProduct.KeyOf(sku),
        WarehouseId = warehouse.Id,
        WarehouseCode = warehouse.Code,
        AlertState = StockAlertState.New,
        CreatedAt = now,
        UpdatedAt = now,
    };
}

/// <summary>A change of the counters of one level; what the ledger records as deltas.</summary>
internal readonly record struct QuantityDeltas(int OnHand = 0, int Reserved = 0, int Committed = 0, int Damaged = 0, int Incoming = 0)
{
    public bool IsZero => OnHand == 0 && Reserved == 0 && Committed == 0 && Damaged == 0 && Incoming == 0;

    public QuantityDeltas Negate() => new(-OnHand, -Reserved, -Committed, -Damaged, -Incoming);

    public IEnumerable<(string Name, int Delta)> NonZero()
    {
        if (OnHand != 0) yield return ("onHand", OnHand);
        if (Reserved != 0) yield return ("reserved", Reserved);
        if (Committed != 0) yield return ("committed", Committed);
        if (Damaged != 0) yield return ("damaged", Damaged);
        if (Incoming != 0) yield return ("incoming", Incoming);
    }
}
