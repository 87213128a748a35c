using System.Linq.Expressions;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.Catalog.Domain;

namespace Inventory.Catalog.Features;

/// <summary>How a mutation or query names a product: by <c>id</c> or by <c>sku</c>, exactly one of them.</summary>
internal sealed record ProductReference(Guid? Id, string? Sku)
{
    public static (ProductReference? Reference, UserError? Error) From(object? id, object? sku, string prefix)
    {
        var idText = id?.ToString();
        var skuText = sku as string;
        if (string.IsNullOrWhiteSpace(idText) == string.IsNullOrWhiteSpace(skuText))
            return (null, UserError.Validation("Name the product by exactly one of `id` or `sku`.", $"{prefix}id"));
        if (!string.IsNullOrWhiteSpace(idText))
            return Guid.TryParse(idText, out var guid)
                ? (new ProductReference(guid, null), null)
                : (null, CatalogErrors.ProductNotFound($"{prefix}id"));
        return (new ProductReference(null, Product.KeyOf(skuText!)), null);
    }

    public string Field(string prefix) => Id is not null ? $"{prefix}id" : $"{prefix}sku";

    public Expression<Func<Product, bool>> Matches() =>
        Id is { } id ? p => p.Id == id : p => p.SkuKey == Sku;
}
