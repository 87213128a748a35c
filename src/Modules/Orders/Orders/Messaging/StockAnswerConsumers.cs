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
        if (order is null || order.Status != OrderStatus.Pending)
            return; // answered already, or cancelled meanwhile (the reservation then expires or is released)
        var now = Clock.GetUtcNow().UtcDateTime;
        order.Status = OrderStatus.Reserved;
        order.ReservationId = message.ReservationId;
        order.HoldExpiresAt = message.ExpiresAt;
        order.UpdatedAt = now;
        order.Version++;
        var number = 1;
        foreach (var allocation in message.Allocations) // in the order Stock took them
            db.Add(new OrderAllocationRow { OrderId = order.Id, Number = number++, LineNumber = allocation.LineNumber, WarehouseCode = allocation.WarehouseCode, Quantity = allocation.Quantity });
        db.Publish(new OrderStatusChanged(order.Id, order.CustomerReference, "RESERVED", null, now), now);
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
        db.Publish(new OrderStatusChanged(order.Id, order.CustomerReference, "REJECTED", order.RejectionReason, now), now);
    }
}
