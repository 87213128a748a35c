namespace Inventory.Stock.Domain;

/// <summary>
/// Stock's own copy of what it needs to know about a catalog product, fed by Catalog's integration events
/// (modules never read each other's tables). Stock levels will refer to it by SKU.
/// </summary>
internal sealed class StockProduct
{
    public Guid ProductId { get; set; }
    public string Sku { get; set; } = "";
    public string SkuKey { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Discontinued { get; set; }

    /// <summary>The catalog version last applied: an older event arriving late never overwrites a newer one.</summary>
    public int CatalogVersion { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>SKUs are unique ignoring case: the key compares them.</summary>
    public static string KeyOf(string sku) => sku.Trim().ToUpperInvariant();
}
