using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Catalog.Contracts.IntegrationEvents;
using Inventory.Catalog.Domain;
using Inventory.Catalog.GraphQL;
using Inventory.Catalog.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Catalog.Features.UpdateProduct;

internal sealed class UpdateProductHandler(
    ModuleDbContextFactory<CatalogDbContext> contexts,
    IValidator<UpdateProductInput> validator,
    TimeProvider time)
{
    public async Task<ProductPayload> HandleAsync(UpdateProductInput input, CancellationToken cancellationToken)
    {
        var (reference, referenceError) = ProductReference.From(input.Id, input.Sku, "input.");
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (referenceError is not null)
            errors.Insert(0, referenceError);
        if (errors.Count > 0)
            return ProductPayload.Fail(errors);

        await using var db = contexts.Create();
        var product = await db.Products.FirstOrDefaultAsync(reference!.Matches(), cancellationToken);
        if (product is null)
            return ProductPayload.Fail(CatalogErrors.ProductNotFound(reference.Field("input.")));
        if (input.ExpectedVersion is { } expected && expected != product.Version)
            return ProductPayload.Fail(CatalogErrors.Conflict(expected, product.Version));

        product.Name = input.Name.IsSet ? input.Name.Value!.Trim() : product.Name;
        product.Description = input.Description.Or(product.Description);
        product.Category = input.Category.IsSet ? input.Category.Value?.Trim() : product.Category;
        product.UnitOfMeasure = input.UnitOfMeasure.IsSet ? input.UnitOfMeasure.Value!.Trim() : product.UnitOfMeasure;
        product.Barcode = input.Barcode.IsSet ? input.Barcode.Value?.Trim() : product.Barcode;
        if (input.Attributes.IsSet)
            product.ReplaceAttributes((input.Attributes.Value ?? []).Select(a => (a.Key.Trim(), a.Value)));

        var now = time.GetUtcNow().UtcDateTime;
        var previousVersion = product.Version;
        product.Touch(now);
        db.Publish(new ProductUpdated(product.Id, product.Sku, product.Name, product.Category, product.UnitOfMeasure, product.Version, now), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another writer saved between our read and our write: the version guard refused ours.
            return ProductPayload.Fail(CatalogErrors.Conflict(input.ExpectedVersion ?? previousVersion, previousVersion + 1));
        }
        return ProductPayload.Ok(product);
    }
}
