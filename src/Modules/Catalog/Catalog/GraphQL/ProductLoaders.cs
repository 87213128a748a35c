using GraphQL.DataLoader;
using Inventory.BuildingBlocks.GraphQL.DataLoaders;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Catalog.Domain;
using Inventory.Catalog.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Catalog.GraphQL;

/// <summary>Batched lookups of products by id and by SKU: any number of them in one query level cost one SELECT.</summary>
internal sealed class ProductLoaders(DataLoaderContext loaders, ModuleDbContextFactory<CatalogDbContext> contexts)
{
    public IDataLoaderResult<Product?> ById(Guid id) =>
        loaders.GetOrAdd<Guid, Product>("catalog.product-by-id", async (ids, ct) =>
        {
            await using var db = contexts.Create();
            return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        }).Load(id);

    public IDataLoaderResult<Product?> BySku(string sku) =>
        loaders.GetOrAdd<string, Product>("catalog.product-by-sku", async (keys, ct) =>
        {
            await using var db = contexts.Create();
            return await db.Products.AsNoTracking().Where(p => keys.Contains(p.SkuKey)).ToDictionaryAsync(p => p.SkuKey, StringComparer.Ordinal, ct);
        }, StringComparer.Ordinal).Load(Product.KeyOf(sku));
}
