using Inventory.BuildingBlocks.Security;
using GraphQL;
using GraphQL.Types;
using Inventory.Catalog.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Catalog.Features.CreateProduct;

internal static class CreateProductMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CreateProductPayloadType>>("createProduct")
            .Description("Adds a product to the catalog. Fails with SKU_TAKEN, INVALID_SKU or VALIDATION, writing nothing.")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<CreateProductInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<CreateProductHandler>()
                .HandleAsync(ctx.GetArgument<CreateProductInput>("input"), ctx.CancellationToken));
}
