using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Orders.Contracts.IntegrationEvents;
using Inventory.Orders.Domain;
using Inventory.Orders.GraphQL;
using Inventory.Orders.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Orders.Features;

/// <summary>
/// confirmOrder, shipOrder, cancelOrder: each moves the status with an UPDATE guarded by the status it read (of
/// two racing requests one wins, the other decides again) and announces it to Stock through the outbox in the
/// same transaction. Illegal moves are INVALID_STATUS and change nothing; repeating a move that happened is safe.
/// </summary>
internal sealed class OrderTransitions(ModuleDbContextFactory<OrdersDbContext> contexts, TimeProvider time)
{
    public Task<OrderPayload> ConfirmAsync(string id, CancellationToken cancellationToken) =>
        MoveAsync(id, OrderStatus.Confirmed, [OrderStatus.Reserved], cancellationToken);

    public Task<OrderPayload> ShipAsync(string id, CancellationToken cancellationToken) =>
        MoveAsync(id, OrderStatus.Shipped, [OrderStatus.Confirmed], cancellationToken);

    public Task<OrderPayload> CancelAsync(string id, CancellationToken cancellationToken) =>
        MoveAsync(id, OrderStatus.Cancelled, [OrderStatus.Pending, OrderStatus.Reserved, OrderStatus.Confirmed], cancellationToken);

    private async Task<OrderPayload> MoveAsync(string id, OrderStatus target, OrderStatus[] from, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var orderId))
            return OrderPayload.Fail(UserError.NotFound("The order", "id"));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await using var db = contexts.Create();
            var order = await db.Orders.Include(o => o.Lines).Include(o => o.Allocations).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            if (order is null)
                return OrderPayload.Fail(UserError.NotFound("The order", "id"));
            if (order.Status == target)
                return OrderPayload.Ok(order);
            if (!from.Contains(order.Status))
                return OrderPayload.Fail(new UserError(OrderErrors.InvalidStatus,
                    $"The order is {Name(order.Status)}; {Verb(target)} needs it {string.Join(" or ", from.Select(Name))}.", "id"));
            var now = time.GetUtcNow().UtcDateTime;
            if (target == OrderStatus.Confirmed && order.HoldExpiresAt <= now)
                return OrderPayload.Fail(new UserError(OrderErrors.InvalidStatus, "The order's hold has expired; it is being cancelled.", "id"));

            var current = order.Status;
            var moved = await db.Orders.Where(o => o.Id == orderId && o.Status == current).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, target)
                .SetProperty(o => o.UpdatedAt, now)
                .SetProperty(o => o.Version, o => o.Version + 1), cancellationToken);
            if (moved == 0)
                continue; // changed meanwhile (Stock answered, or another request): decide again

            db.Publish<object>(target switch
            {
                OrderStatus.Confirmed => new OrderConfirmed(order.Id, order.ReservationId!.Value, now),
                OrderStatus.Shipped => new OrderShipped(order.Id, order.ReservationId!.Value, now),
                _ => new OrderCancelled(order.Id, now),
            }, now);
            db.Publish(new OrderStatusChanged(order.Id, order.CustomerReference, Name(target), null, now, order.Version + 1), now);
            await db.SaveChangesAsync(cancellationToken);
            order.Status = target;
            order.UpdatedAt = now;
            order.Version++;
            return OrderPayload.Ok(order);
        }
        return OrderPayload.Fail(new UserError(ErrorCodes.Conflict, "The order is changing; try again.", "id"));
    }

    public static string Name(OrderStatus status) => status.ToString().ToUpperInvariant();

    private static string Verb(OrderStatus target) => target switch
    {
        OrderStatus.Confirmed => "confirming",
        OrderStatus.Shipped => "shipping",
        _ => "cancelling",
    };
}

internal abstract class OrderTransitionPayloadType : ObjectGraphType<OrderPayload>
{
    protected OrderTransitionPayloadType(string name)
    {
        Name = name;
        Field<OrderType>("order").Resolve(ctx => ctx.Source.Order);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

internal sealed class ConfirmOrderPayloadType() : OrderTransitionPayloadType("ConfirmOrderPayload");

internal sealed class ShipOrderPayloadType() : OrderTransitionPayloadType("ShipOrderPayload");

internal sealed class CancelOrderPayloadType() : OrderTransitionPayloadType("CancelOrderPayload");
