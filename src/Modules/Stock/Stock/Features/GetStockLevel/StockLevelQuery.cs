using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.GetStockLevel;

internal static class StockLevelQuery
{
    public static void Add(ObjectGraphType query) =>
        query.Field<StockLevelType>("stockLevel")
            .Description("The stock of a SKU in a warehouse; null when it was never stocked there.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<NonNullGraphType<StringGraphType>>("sku")
            .Argument<NonNullGraphType<StringGraphType>>("warehouseCode")
            .ResolveAsync(async ctx =>
            {
                var key = StockProduct.KeyOf(ctx.GetArgument<string>("sku"));
                var code = WarehouseRules.Normalize(ctx.GetArgument<string>("warehouseCode"));
                await using var db = StockContexts.Of(ctx).Create();
                return await db.Levels.AsNoTracking().FirstOrDefaultAsync(l => l.SkuKey == key && l.WarehouseCode == code, ctx.CancellationToken);
            });
}
