using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Catalog.Contracts.IntegrationEvents;
using Inventory.Catalog.Domain;
using Inventory.Catalog.GraphQL;
using Inventory.Catalog.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Catalog.Features.CreateProduct;

internal sealed class CreateProductHandler(
    ModuleDbContextFactory<CatalogDbContext> contexts,
    IValidator<CreateProductInput> validator,
    TimeProvider time)
{
    public async Task<ProductPayload> HandleAsync(CreateProductInput input, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return ProductPayload.Fail(errors);

        var sku = input.Sku.Trim();
        await using var db = contexts.Create();
        if (await db.Products.AnyAsync(p => p.SkuKey == Product.KeyOf(sku), cancellationToken))
            return ProductPayload.Fail(CatalogErrors.SkuTaken(sku));

        var now = time.GetUtcNow().UtcDateTime;
        var product = Product.Create(sku, input.Name.Trim(), now);
        product.Description = input.Description;
        product.Category = input.Category?.Trim();
        product.UnitOfMeasure = input.UnitOfMeasure?.Trim() ?? "each";
        product.Barcode = input.Barcode?.Trim();
        product.ReplaceAttributes((input.Attributes ?? []).Select(a => (a.Key.Trim(), a.Value)));
        db.Products.Add(product);
        db.Publish(new ProductCreated(product.Id, product.Sku, product.Name, product.Category, product.UnitOfMeasure, product.Version, now), now);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Two requests raced for one SKU: the unique index decided, the loser wrote nothing.
            return ProductPayload.Fail(CatalogErrors.SkuTaken(sku));
        }
        return ProductPayload.Ok(product);
    }
}
