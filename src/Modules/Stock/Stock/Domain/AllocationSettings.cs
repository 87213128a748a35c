namespace Inventory.Stock.Domain;

internal enum AllocationStrategy
{
    /// <summary>Warehouses in priority order (lower first), then by code.</summary>
    Priority,
    /// <summary>The warehouse with the most available stock of the SKU first.</summary>
    MostStock,
}

/// <summary>How a tenant's orders are allocated over its warehouses. One row per tenant database.</summary>
internal sealed class AllocationSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public AllocationStrategy Strategy { get; set; }

    /// <summary>Ship an order from one warehouse when one can cover every line; split only otherwise.</summary>
    public bool PreferSingleWarehouse { get; set; }

    /// <summary>Receiving more than a purchase order line asked for is refused unless this is on.</summary>
    public bool AllowOverReceipt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
