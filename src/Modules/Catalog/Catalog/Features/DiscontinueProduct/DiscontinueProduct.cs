using Inventory.BuildingBlocks.Security;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Catalog.Contracts.IntegrationEvents;
using Inventory.Catalog.Domain;
using Inventory.Catalog.GraphQL;
using Inventory.Catalog.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Catalog.Features.DiscontinueProduct;

internal sealed class DiscontinueProductInputType : InputObjectGraphType
{
    public DiscontinueProductInputType()
    {
        Name = "DiscontinueProductInput";
        Description = "Name the product by `id` or `sku`.";
        Field<IdGraphType>("id");
        Field<StringGraphType>("sku");
    }
}

/// <summary>
/// Discontinuing is idempotent: a product already discontinued is answered as it is, with no second event,
/// so a client may safely retry.
/// </summary>
internal sealed class DiscontinueProductHandler(ModuleDbContextFactory<CatalogDbContext> contexts, TimeProvider time)
{
    public async Task<ProductPayload> HandleAsync(IDictionary<string, object?> input, CancellationToken cancellationToken)
    {
        // No validator here (the input only names the product): the text rules still apply before any query.
        if (TextRules.Check(input) is { Count: > 0 } invalid)
            return ProductPayload.Fail(invalid);
        var (reference, error) = ProductReference.From(input.TryGetValue("id", out var id) ? id : null, input.TryGetValue("sku", out var sku) ? sku : null, "input.");
        if (error is not null)
            return ProductPayload.Fail(error);

        await using var db = contexts.Create();
        var product = await db.Products.FirstOrDefaultAsync(reference!.Matches(), cancellationToken);
        if (product is null)
            return ProductPayload.Fail(CatalogErrors.ProductNotFound(reference.Field("input.")));
        if (product.Status == ProductStatus.Discontinued)
            return ProductPayload.Ok(product);

        var now = time.GetUtcNow().UtcDateTime;
        product.Discontinue(now);
        db.Publish(new ProductDiscontinued(product.Id, product.Sku, product.Version, now), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = contexts.Create();
            var current = await fresh.Products.AsNoTracking().FirstAsync(p => p.Id == product.Id, cancellationToken);
            return current.Status == ProductStatus.Discontinued
                ? ProductPayload.Ok(current)
                : ProductPayload.Fail(CatalogErrors.Conflict(product.Version - 1, current.Version));
        }
        return ProductPayload.Ok(product);
    }
}

internal static class DiscontinueProductMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DiscontinueProductPayloadType>>("discontinueProduct")
            .Description("Marks a product DISCONTINUED: it stays readable, and stock can no longer be received or reserved for it.")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<DiscontinueProductInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<DiscontinueProductHandler>()
                .HandleAsync(ctx.GetArgument<Dictionary<string, object?>>("input"), ctx.CancellationToken));
}
