using Inventory.BuildingBlocks.Security;
using GraphQL;
using GraphQL.Types;
using Inventory.Catalog.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Catalog.Features.UpdateProduct;

internal static class UpdateProductMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<UpdateProductPayloadType>>("updateProduct")
            .Description("Changes a product's descriptive data (never its SKU). Fails with NOT_FOUND, VALIDATION or VERSION_CONFLICT.")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<UpdateProductInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<UpdateProductHandler>()
                .HandleAsync(UpdateProductInput.From(ctx.GetArgument<Dictionary<string, object?>>("input")), ctx.CancellationToken));
}
