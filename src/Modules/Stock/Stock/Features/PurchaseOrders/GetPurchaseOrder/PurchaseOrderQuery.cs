using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.PurchaseOrders.GetPurchaseOrder;

internal static class PurchaseOrderQuery
{
    public static void Add(ObjectGraphType query) =>
        query.Field<PurchaseOrderType>("purchaseOrder")
            .RequireRole(PlatformRole.Viewer)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (!Guid.TryParse(ctx.GetArgument<string>("id"), out var id))
                    return null;
                await using var db = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>().Create();
                return await db.PurchaseOrders.AsNoTracking().Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, ctx.CancellationToken);
            });
}
