using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Orders.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Reservations;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Inventory.Stock.Features.Allocation;

/// <summary>Moves an order's reservation in the consumer's transaction; a refused move changes nothing and is logged.</summary>
internal static class OrderReservations
{
    public static async Task MoveAsync(StockDbContext db, Guid reservationId, ReservationStatus target, DateTime now, ILogger logger, CancellationToken cancellationToken)
    {
        var result = await ConsumerSavepoint.TryAsync(db, "order_reservation",
            () => ReservationTransitions.ApplyTransitionAsync(db, reservationId, target, null, Actors.System, now, cancellationToken), cancellationToken);
        if (result.Succeeded)
            return;
        // E.g. the hold expired first: the expiry's ReservationExpired tells Orders, which cancels the order.
        logger.LogWarning("Reservation {ReservationId} could not move to {Target}: {Error}", reservationId, target, result.Errors[0].Message);
    }
}

internal sealed class OrderConfirmedConsumer(ModuleDbContextFactory<StockDbContext> contexts, TimeProvider time, ILogger<OrderConfirmedConsumer> logger)
    : IdempotentConsumer<OrderConfirmed, StockDbContext>(contexts, time)
{
    protected override Task HandleAsync(OrderConfirmed message, StockDbContext db, CancellationToken cancellationToken) =>
        OrderReservations.MoveAsync(db, message.ReservationId, ReservationStatus.Committed, Clock.GetUtcNow().UtcDateTime, logger, cancellationToken);
}

internal sealed class OrderShippedConsumer(ModuleDbContextFactory<StockDbContext> contexts, TimeProvider time, ILogger<OrderShippedConsumer> logger)
    : IdempotentConsumer<OrderShipped, StockDbContext>(contexts, time)
{
    protected override Task HandleAsync(OrderShipped message, StockDbContext db, CancellationToken cancellationToken) =>
        OrderReservations.MoveAsync(db, message.ReservationId, ReservationStatus.Fulfilled, Clock.GetUtcNow().UtcDateTime, logger, cancellationToken);
}

/// <summary>Releases every reservation still held or committed for the order (found by its reference).</summary>
internal sealed class OrderCancelledConsumer(ModuleDbContextFactory<StockDbContext> contexts, TimeProvider time, ILogger<OrderCancelledConsumer> logger)
    : IdempotentConsumer<OrderCancelled, StockDbContext>(contexts, time)
{
    protected override async Task HandleAsync(OrderCancelled message, StockDbContext db, CancellationToken cancellationToken)
    {
        var reference = $"order:{message.OrderId}";
        var open = await db.Reservations.AsNoTracking()
            .Where(r => r.Reference == reference && (r.Status == ReservationStatus.Held || r.Status == ReservationStatus.Committed))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in open)
            await OrderReservations.MoveAsync(db, id, ReservationStatus.Released, Clock.GetUtcNow().UtcDateTime, logger, cancellationToken);
    }
}
