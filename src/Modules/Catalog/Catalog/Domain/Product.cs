namespace Inventory.Catalog.Domain;

internal enum ProductStatus { Active, Discontinued }

internal sealed class Product
{
    public Guid Id { get; private set; }

    /// <summary>As the tenant typed it (trimmed).</summary>
    public string Sku { get; private set; } = "";

    /// <summary>Upper-cased SKU: uniqueness and lookups ignore case, so "sku-1" and "SKU-1" are one product.</summary>
    public string SkuKey { get; private set; } = "";

    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Category { get; set; }
    public string UnitOfMeasure { get; set; } = "each";
    public string? Barcode { get; set; }
    public ProductStatus Status { get; private set; }
    public List<ProductAttribute> Attributes { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency token; also carried by the integration events so consumers can order them.</summary>
    public int Version { get; private set; }

    public static string KeyOf(string sku) => sku.Trim().ToUpperInvariant();

    public static Product Create(string sku, string name, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        Sku = sku,
        SkuKey = KeyOf(sku),
        Name = name,
        Status = ProductStatus.Active,
        CreatedAt = now,
        UpdatedAt = now,
        Version = 1,
    };

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    public void Discontinue(DateTime now)
    {
        Status = ProductStatus.Discontinued;
        Touch(now);
    }

    public void ReplaceAttributes(IEnumerable<(string Key, string Value)> attributes)
    {
        Attributes.Clear();
        Attributes.AddRange(attributes.Select(a => new ProductAttribute { Key = a.Key, Value = a.Value }));
    }
}

internal sealed class ProductAttribute
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
