using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Orders.Contracts.IntegrationEvents;
using Inventory.Stock.Persistence;
using Inventory.Stock.WriteEngine;
using MassTransit;

namespace Inventory.Stock.Features.Allocation;

/// <summary>
/// Allocates a placed order and reserves it all at once through the stock write engine, with the message's
/// inbox row in the same transaction (a redelivered OrderPlaced reserves nothing twice); answers StockAllocated
/// or StockAllocationFailed through the outbox. Stock moving between the plan and the batch is caught when the
/// batch decides on the locked levels: nothing is written and the order is planned again, once.
/// </summary>
internal sealed class OrderPlacedConsumer(ModuleDbContextFactory<StockDbContext> contexts, StockWriteEngine engine, ITenantContext tenant) : IConsumer<OrderPlaced>
{
    public async Task Consume(ConsumeContext<OrderPlaced> context)
    {
        var message = context.Message;
        var inbox = new InboxEntry(context.MessageId ?? throw new InvalidOperationException("A message without an id cannot be deduplicated."),
            typeof(OrderPlacedConsumer).FullName!);
        var lines = message.Lines.Select(l => new AllocationLine(l.LineNumber, l.Sku, l.Quantity)).ToList();
        for (var attempt = 1; ; attempt++)
        {
            AllocationPlan plan;
            await using (var db = contexts.Create())
                plan = await Allocator.PlanAsync(db, lines, await Allocator.SettingsAsync(db, context.CancellationToken), context.CancellationToken);
            var result = await engine.WriteAsync(tenant.Tenant, new AllocateOrderCommand(message, plan, lastAttempt: attempt == 2) { Inbox = inbox },
                context.CancellationToken);
            if (result.Succeeded)
                return;
        }
    }
}
