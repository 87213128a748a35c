using Inventory.Stock.Domain;

namespace Inventory.Stock.Features.Common;

/// <summary>
/// A subscription filter's SKU and warehouse lists, normalized once: a list left out (null) matches everything;
/// SKUs and codes match case-insensitively, as everywhere in Stock.
/// </summary>
internal sealed class SkuWarehouseMatch(IEnumerable<string>? skus, IEnumerable<string>? warehouseCodes)
{
    private readonly HashSet<string>? _skus = skus?.Select(StockProduct.KeyOf).ToHashSet();
    private readonly HashSet<string>? _warehouses = warehouseCodes?.Select(WarehouseRules.Normalize).ToHashSet();

    public bool Sku(string sku) => _skus is null || _skus.Contains(StockProduct.KeyOf(sku));

    public bool Warehouse(string code) => _warehouses is null || _warehouses.Contains(WarehouseRules.Normalize(code));

    /// <summary>One level (a SKU in a warehouse) matches both lists.</summary>
    public bool Level(string sku, string warehouseCode) => Sku(sku) && Warehouse(warehouseCode);
}
