using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Catalog.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Messaging;

/// <summary>Keeps Stock's product list in step with the catalog. Each consumer is idempotent through the inbox.</summary>
internal sealed class ProductCreatedConsumer(ModuleDbContextFactory<StockDbContext> contexts, TimeProvider time)
    : IdempotentConsumer<ProductCreated, StockDbContext>(contexts, time)
{
    protected override async Task HandleAsync(ProductCreated message, StockDbContext db, CancellationToken cancellationToken) =>
        await StockProducts.ApplyAsync(db, message.ProductId, message.Sku, message.Name, discontinued: false, message.Version, message.OccurredAt, cancellationToken);
}

internal sealed class ProductUpdatedConsumer(ModuleDbContextFactory<StockDbContext> contexts, TimeProvider time)
    : IdempotentConsumer<ProductUpdated, StockDbContext>(contexts, time)
{
    protected override async Task HandleAsync(ProductUpdated message, StockDbContext db, CancellationToken cancellationToken) =>
        await StockProducts.ApplyAsync(db, message.ProductId, message.Sku, message.Name, discontinued: null, message.Version, message.OccurredAt, cancellationToken);
}

internal sealed class ProductDiscontinuedConsumer(ModuleDbContextFactory<StockDbContext> contexts, TimeProvider time)
    : IdempotentConsumer<ProductDiscontinued, StockDbContext>(contexts, time)
{
    protected override async Task HandleAsync(ProductDiscontinued message, StockDbContext db, CancellationToken cancellationToken) =>
        await StockProducts.ApplyAsync(db, message.ProductId, message.Sku, name: null, discontinued: true, message.Version, message.OccurredAt, cancellationToken);
}

internal static class StockProducts
{
    public static async Task ApplyAsync(StockDbContext db, Guid productId, string sku, string? name, bool? discontinued, int version, DateTime at, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.ProductId == productId, cancellationToken);
        if (product is null)
        {
            db.Products.Add(new StockProduct
            {
                ProductId = productId,
                Sku = sku,
                SkuKey = StockProduct.KeyOf(sku),
                Name = name ?? sku,
                Discontinued = discontinued ?? false,
                CatalogVersion = version,
                UpdatedAt = at,
            });
            return;
        }
        // Events may arrive out of order (retries, several consumers): apply only what is newer.
        if (version <= product.CatalogVersion)
            return;
        product.Name = name ?? product.Name;
        product.Discontinued = discontinued ?? product.Discontinued;
        product.CatalogVersion = version;
        product.UpdatedAt = at;
    }
}
