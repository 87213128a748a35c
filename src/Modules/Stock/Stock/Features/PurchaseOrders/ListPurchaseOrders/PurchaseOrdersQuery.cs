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

namespace Inventory.Stock.Features.PurchaseOrders.ListPurchaseOrders;

internal sealed class PurchaseOrderFilter
{
    public PurchaseOrderStatus? Status { get; init; }
}

internal sealed class PurchaseOrderFilterInputType : InputObjectGraphType<PurchaseOrderFilter>
{
    public PurchaseOrderFilterInputType()
    {
        Name = "PurchaseOrderFilterInput";
        Field<PurchaseOrderStatusType>("status");
    }
}

internal static class PurchaseOrdersQuery
{
    public static void Add(ObjectGraphType query)
    {
        var list = query.Field<NonNullGraphType<ConnectionType<PurchaseOrderType>>>("purchaseOrders")
            .Description("Purchase orders, newest first.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<PurchaseOrderFilterInputType>("filter");
        PageRequest.AddArguments(list);
        list.ResolveAsync(async ctx =>
        {
            var status = ctx.GetArgument<PurchaseOrderFilter?>("filter")?.Status;
            var contexts = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>();
            return await KeysetPaging.PageAsync(contexts.Create, db =>
                status is { } s ? db.PurchaseOrders.Include(p => p.Lines).Where(p => p.Status == s) : db.PurchaseOrders.Include(p => p.Lines),
                PageRequest.From(ctx), p => p.SortKey, p => p.SortKey, descending: true, ctx.CancellationToken);
        });
    }
}
