using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Orders.Domain;
using Inventory.Orders.GraphQL;
using Inventory.Orders.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Orders.Features;

internal sealed class OrderFilter
{
    public OrderStatus? Status { get; init; }
    public string? CustomerReference { get; init; }
    public DateTimeOffset? PlacedFrom { get; init; }
    public DateTimeOffset? PlacedTo { get; init; }
}

internal sealed class OrderFilterInputType : InputObjectGraphType<OrderFilter>
{
    public OrderFilterInputType()
    {
        Name = "OrderFilterInput";
        Field<OrderStatusType>("status");
        Field(f => f.CustomerReference, nullable: true);
        Field<DateTimeOffsetGraphType>("placedFrom").Description("Orders placed at or after this time.");
        Field<DateTimeOffsetGraphType>("placedTo").Description("Orders placed before this time.");
    }
}

internal static class OrderFields
{
    private static ModuleDbContextFactory<OrdersDbContext> Contexts(IResolveFieldContext ctx) =>
        ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<OrdersDbContext>>();

    public static void AddQueryFields(ObjectGraphType query)
    {
        query.Field<OrderType>("order")
            .RequireRole(PlatformRole.Viewer)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (!Guid.TryParse(ctx.GetArgument<string>("id"), out var id))
                    return null;
                await using var db = Contexts(ctx).Create();
                return await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Allocations).AsSplitQuery()
                    .FirstOrDefaultAsync(o => o.Id == id, ctx.CancellationToken);
            });

        var orders = query.Field<NonNullGraphType<ConnectionType<OrderType>>>("orders")
            .Description("Sales orders, newest first.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<OrderFilterInputType>("filter");
        PageRequest.AddArguments(orders);
        orders.ResolveAsync(async ctx =>
        {
            var filter = ctx.GetArgument<OrderFilter?>("filter") ?? new OrderFilter();
            var from = filter.PlacedFrom?.UtcDateTime;
            var to = filter.PlacedTo?.UtcDateTime;
            var customer = filter.CustomerReference?.Trim();
            return await KeysetPaging.PageAsync(Contexts(ctx).Create, db =>
            {
                var rows = db.Orders.Include(o => o.Lines).Include(o => o.Allocations).AsSplitQuery();
                if (filter.Status is { } status) rows = rows.Where(o => o.Status == status);
                if (customer is not null) rows = rows.Where(o => o.CustomerReference == customer);
                if (from is not null) rows = rows.Where(o => o.PlacedAt >= from);
                if (to is not null) rows = rows.Where(o => o.PlacedAt < to);
                return rows;
            }, PageRequest.From(ctx), o => o.SortKey, o => o.SortKey, descending: true, ctx.CancellationToken);
        });
    }

    public static void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PlaceOrderPayloadType>>("placeOrder")
            .Description("Accepts an order as PENDING; Stock allocates it (RESERVED) or rejects it (REJECTED) moments later: follow order(id). A retry with the same idempotencyKey returns the same order.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<PlaceOrderInputType>>("input")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<PlaceOrderHandler>()
                .HandleAsync(ctx.GetArgument<PlaceOrderInput>("input"), ctx.GetArgument<string>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<ConfirmOrderPayloadType>>("confirmOrder")
            .Description("RESERVED to CONFIRMED: Stock commits the held stock (reserved to committed). INVALID_STATUS otherwise.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<OrderTransitions>().ConfirmAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<ShipOrderPayloadType>>("shipOrder")
            .Description("CONFIRMED to SHIPPED: Stock fulfils the order (committed stock leaves onHand, ledger SHIPPED). INVALID_STATUS otherwise.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<OrderTransitions>().ShipAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));
        mutation.Field<NonNullGraphType<CancelOrderPayloadType>>("cancelOrder")
            .Description("PENDING, RESERVED or CONFIRMED to CANCELLED: Stock releases what it holds or committed for the order. INVALID_STATUS otherwise.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<OrderTransitions>().CancelAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));
    }
}
