using Inventory.BuildingBlocks.Security;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.Catalog.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Catalog.Features.GetProduct;

internal static class ProductQuery
{
    public static void Add(ObjectGraphType query) =>
        query.Field<ProductType>("product")
            .Description("One product by `id` or by `sku` (exactly one). Null when there is none. Lookups are batched: many aliases cost one query.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<IdGraphType>("id")
            .Argument<StringGraphType>("sku")
            .Resolve(ctx =>
            {
                var id = ctx.GetArgument<string?>("id");
                var sku = ctx.GetArgument<string?>("sku");
                if (string.IsNullOrWhiteSpace(id) == string.IsNullOrWhiteSpace(sku))
                    throw new ExecutionError("Pass exactly one of `id` or `sku`.") { Code = ErrorCodes.Validation };
                var loaders = ctx.RequestServices!.GetRequiredService<ProductLoaders>();
                if (id is not null)
                    return Guid.TryParse(id, out var guid) ? loaders.ById(guid) : null;
                return loaders.BySku(sku!);
            });
}
