using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Catalog.Features.CreateProduct;
using Inventory.Catalog.GraphQL;
using Inventory.Catalog.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Catalog.Seeding;

/// <summary>A few products for an empty catalog, created through the use case so their events leave through the outbox too.</summary>
internal sealed class CatalogDemoSeeder : IDemoDataSeeder
{
    private static readonly CreateProductInput[] Products =
    [
        new() { Sku = "WID-001", Name = "Widget, small", Category = "widgets", UnitOfMeasure = "each", Barcode = "4006381333931", Attributes = [new() { Key = "color", Value = "blue" }] },
        new() { Sku = "WID-002", Name = "Widget, large", Category = "widgets", UnitOfMeasure = "each", Attributes = [new() { Key = "color", Value = "red" }] },
        new() { Sku = "BOLT-M6", Name = "Hex bolt M6 x 30", Category = "fasteners", UnitOfMeasure = "box", Description = "Box of 100, zinc plated." },
        new() { Sku = "NUT-M6", Name = "Hex nut M6", Category = "fasteners", UnitOfMeasure = "box" },
        new() { Sku = "CABLE-2M", Name = "Cable, 2 m", Category = "cables", UnitOfMeasure = "each" },
    ];

    public async Task SeedAsync(TenantInfo tenant, IServiceProvider tenantServices, CancellationToken cancellationToken)
    {
        await using (var db = tenantServices.GetRequiredService<ModuleDbContextFactory<CatalogDbContext>>().Create())
        {
            if (await db.Products.AnyAsync(cancellationToken))
                return;
        }
        var handler = tenantServices.GetRequiredService<CreateProductHandler>();
        foreach (var product in Products)
        {
            ProductPayload result = await handler.HandleAsync(product, cancellationToken);
            if (result.UserErrors.Count > 0)
                throw new InvalidOperationException($"Demo product {product.Sku} was refused: {result.UserErrors[0].Message}");
        }
    }
}
