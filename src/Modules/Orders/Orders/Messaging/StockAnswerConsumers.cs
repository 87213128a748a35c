using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Orders.Contracts.IntegrationEvents;
using Inventory.Orders.Domain;
using Inventory.Orders.Persistence;
using Inventory.Stock.Contracts.IntegrationEvents;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Orders.Messaging;

/// <summary>Stock reserved every line: the order is RESERVED, with where each line's stock is held.</summary>
internal sealed class StockAllocatedConsumer(ModuleDbContextFactory<OrdersDbContext> contexts, TimeProvider time)
    : IdempotentConsumer<StockAllocated, OrdersDbContext>(contexts, time)
{
    protected override async Task HandleAsync(StockAllocated message, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == message.OrderId, cancellationToken);
        var now = Clock.GetUtcNow().UtcDateTime;
        if (order is { Status: OrderStatus.Cancelled })
        {
            // Cancelled while Stock was allocating: ask Stock again to release what it has just reserved.
            db.Publish(new OrderCancelled(order.Id, now), now);
            return;
        }
        if (order is null || order.Status != OrderStatus.Pending)
            return; // answered already
        order.Status = OrderStatus.Reserved;
        order.ReservationId = message.ReservationId;
        order.HoldExpiresAt = message.ExpiresAt;
        order.UpdatedAt = now;
        order.Version++;
        var number = 1;
        foreach (var allocation in message.Allocations) // in the order Stock took them
            db.Add(new OrderAllocationRow { OrderId = order.Id, Number = number++, LineNumber = allocation.LineNumber, WarehouseCode = allocation.WarehouseCode, Quantity = allocation.Quantity });
        db.Publish(new OrderStatusChanged(order.Id, order.CustomerReference, "RESERVED", null, now, order.Version), now);
    }
}

/// <summary>Stock could not cover the order: it is REJECTED, with a reason per line.</summary>
internal sealed class StockAllocationFailedConsumer(ModuleDbContextFactory<OrdersDbContext> contexts, TimeProvider time)
    : IdempotentConsumer<StockAllocationFailed, OrdersDbContext>(contexts, time)
{
    protected override async Task HandleAsync(StockAllocationFailed message, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == message.OrderId, cancellationToken);
        if (order is null || order.Status != OrderStatus.Pending)
            return;
        var now = Clock.GetUtcNow().UtcDateTime;
        foreach (var failure in message.Lines)
            if (order.Lines.FirstOrDefault(l => l.LineNumber == failure.LineNumber) is { } line)
                line.RejectionReason = failure.Reason;
        order.Status = OrderStatus.Rejected;
        order.RejectionReason = string.Join("; ", message.Lines.OrderBy(l => l.LineNumber)
            .Select(l => l.Reason == "INSUFFICIENT_STOCK" ? $"line {l.LineNumber} ({l.Sku}): {l.Reason}, {l.Available} available" : $"line {l.LineNumber} ({l.Sku}): {l.Reason}"));
        if (order.RejectionReason.Length > 500)
            order.RejectionReason = order.RejectionReason[..497] + "...";
        order.UpdatedAt = now;
        order.Version++;
        db.Publish(new OrderStatusChanged(order.Id, order.CustomerReference, "REJECTED", order.RejectionReason, now, order.Version), now);
    }
}

/// <summary>
/// The order's hold ran out before it was confirmed (or before Stock could commit it): the order is CANCELLED.
/// The reservation's reference names the order.
/// </summary>
internal sealed class ReservationExpiredConsumer(ModuleDbContextFactory<OrdersDbContext> contexts, TimeProvider time)
    : IdempotentConsumer<ReservationExpired, OrdersDbContext>(contexts, time)
{
    protected override async Task HandleAsync(ReservationExpired message, OrdersDbContext db, CancellationToken cancellationToken)
    {
        if (message.Reference is not { } reference || !reference.StartsWith("order:", StringComparison.Ordinal) || !Guid.TryParse(reference["order:".Length..], out var orderId))
            return;
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.ReservationId == message.ReservationId, cancellationToken);
        if (order is null || order.Status is not (OrderStatus.Reserved or OrderStatus.Confirmed))
            return;
        var now = Clock.GetUtcNow().UtcDateTime;
        order.Status = OrderStatus.Cancelled;
        order.RejectionReason = "HOLD_EXPIRED: the stock was held until " + message.OccurredAt.ToString("u") + " and the order was not confirmed in time.";
        order.UpdatedAt = now;
        order.Version++;
        db.Publish(new OrderStatusChanged(order.Id, order.CustomerReference, "CANCELLED", "HOLD_EXPIRED", now, order.Version), now);
    }
}
