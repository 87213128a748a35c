using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Orders.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Persistence;
using Inventory.Stock.WriteEngine;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Inventory.Stock.Features.Allocation;

/// <summary>Moves an order's reservations through the stock write engine, with the message's inbox row; a refused move changes nothing and is logged.</summary>
internal abstract class OrderReservationConsumer<TMessage>(StockWriteEngine engine, ITenantContext tenant, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
{
    protected abstract ReservationStatus Target { get; }

    protected abstract Task<IReadOnlyList<Guid>> ReservationsAsync(TMessage message, CancellationToken cancellationToken);

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var inbox = new InboxEntry(context.MessageId ?? throw new InvalidOperationException("A message without an id cannot be deduplicated."), GetType().FullName!);
        var ids = await ReservationsAsync(context.Message, context.CancellationToken);
        await engine.WriteAsync(tenant.Tenant, new MoveOrderReservationsCommand(ids, Target, logger) { Inbox = inbox }, context.CancellationToken);
    }
}

internal sealed class OrderConfirmedConsumer(StockWriteEngine engine, ITenantContext tenant, ILogger<OrderConfirmedConsumer> logger)
    : OrderReservationConsumer<OrderConfirmed>(engine, tenant, logger)
{
    protected override ReservationStatus Target => ReservationStatus.Committed;

    protected override Task<IReadOnlyList<Guid>> ReservationsAsync(OrderConfirmed message, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>([message.ReservationId]);
}

internal sealed class OrderShippedConsumer(StockWriteEngine engine, ITenantContext tenant, ILogger<OrderShippedConsumer> logger)
    : OrderReservationConsumer<OrderShipped>(engine, tenant, logger)
{
    protected override ReservationStatus Target => ReservationStatus.Fulfilled;

    protected override Task<IReadOnlyList<Guid>> ReservationsAsync(OrderShipped message, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>([message.ReservationId]);
}

/// <summary>Releases every reservation still held or committed for the order (found by its reference; each is checked again under its lock).</summary>
internal sealed class OrderCancelledConsumer(ModuleDbContextFactory<StockDbContext> contexts, StockWriteEngine engine, ITenantContext tenant, ILogger<OrderCancelledConsumer> logger)
    : OrderReservationConsumer<OrderCancelled>(engine, tenant, logger)
{
    protected override ReservationStatus Target => ReservationStatus.Released;

    protected override async Task<IReadOnlyList<Guid>> ReservationsAsync(OrderCancelled message, CancellationToken cancellationToken)
    {
        var reference = $"order:{message.OrderId}";
        await using var db = contexts.Create();
        return await db.Reservations.AsNoTracking()
            .Where(r => r.Reference == reference && (r.Status == ReservationStatus.Held || r.Status == ReservationStatus.Committed))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
    }
}
