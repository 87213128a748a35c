using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Realtime;
using Inventory.BuildingBlocks.Security;
using Inventory.Orders.Contracts.IntegrationEvents;
using Inventory.Orders.Domain;
using Inventory.Orders.GraphQL;

namespace Inventory.Orders.Features;

internal sealed class OrderStatusChangedFilter
{
    public List<string>? Ids { get; init; }
    public List<OrderStatus>? Statuses { get; init; }
    public string? CustomerReference { get; init; }
}

internal sealed class OrderStatusChangedFilterInputType : InputObjectGraphType<OrderStatusChangedFilter>
{
    public OrderStatusChangedFilterInputType()
    {
        Name = "OrderStatusChangedFilterInput";
        Description = "Which changes to receive; a part left out (or null) matches everything.";
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("ids").Description("Only these orders.");
        Field<ListGraphType<NonNullGraphType<OrderStatusType>>>("statuses").Description("Only changes to one of these statuses.");
        Field<StringGraphType>("customerReference").Description("Only the orders of this customer reference.");
    }
}

/// <summary>What <c>orderStatusChanged</c> pushes: the order's new status, from the event that announced it.</summary>
internal sealed record OrderStatusChange(Guid Id, OrderStatus Status, string CustomerReference, string? Reason, int Version, DateTime ChangedAt)
{
    public static OrderStatusChange From(OrderStatusChanged e) =>
        new(e.OrderId, Enum.Parse<OrderStatus>(e.Status, ignoreCase: true), e.CustomerReference, e.Reason, e.Version, e.OccurredAt);
}

internal sealed class OrderStatusChangeType : ObjectGraphType<OrderStatusChange>
{
    public OrderStatusChangeType()
    {
        Name = "OrderStatusChange";
        Description = "An order moved to another status. `order(id)` has the rest of it.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The order's id.").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<OrderStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(c => c.CustomerReference);
        Field(c => c.Reason, nullable: true).Description("Why, when the change has a reason (e.g. HOLD_EXPIRED, or the lines Stock could not cover).");
        Field(c => c.Version).Description("The order's version after the change: a change with a lower version than one already seen is older.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("changedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.ChangedAt));
    }
}

/// <summary><c>orderStatusChanged</c>: the status changes of this tenant's orders, whichever host made them.</summary>
internal static class OrderStatusChangedSubscription
{
    public static void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<OrderStatusChangeType>, OrderStatusChange>("orderStatusChanged")
            .Description("Every status change of this tenant's orders from now on (placed, reserved or rejected by Stock, confirmed, shipped, cancelled).")
            .RequireRole(PlatformRole.Viewer)
            .Argument<OrderStatusChangedFilterInputType>("filter")
            .ResolveStream(ctx =>
            {
                var filter = ctx.GetArgument<OrderStatusChangedFilter?>("filter");
                var ids = filter?.Ids?.Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).ToHashSet();
                var statuses = filter?.Statuses?.Select(s => s.ToString().ToUpperInvariant()).ToHashSet();
                var customer = filter?.CustomerReference;
                return ctx.LiveEvents<OrderStatusChanged, OrderStatusChange>(e =>
                    (ids is null || ids.Contains(e.OrderId)) &&
                    (statuses is null || statuses.Contains(e.Status)) &&
                    (customer is null || e.CustomerReference == customer), OrderStatusChange.From);
            });
}
