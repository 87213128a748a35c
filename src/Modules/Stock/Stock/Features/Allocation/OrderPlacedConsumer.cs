using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Orders.Contracts.IntegrationEvents;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.ReserveStock;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Allocation;

/// <summary>
/// Allocates a placed order and reserves it all at once through the one reservation path, in the consumer's
/// transaction (with its inbox row: a redelivered OrderPlaced reserves nothing twice); answers StockAllocated or
/// StockAllocationFailed through the outbox. Stock moving between the plan and the guarded UPDATEs is caught by
/// the UPDATEs: the partial reservation is rolled back to a savepoint and the order planned again once.
/// </summary>
internal sealed class OrderPlacedConsumer(ModuleDbContextFactory<StockDbContext> contexts, TimeProvider time)
    : IdempotentConsumer<OrderPlaced, StockDbContext>(contexts, time)
{
    protected override async Task HandleAsync(OrderPlaced message, StockDbContext db, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var lines = message.Lines.Select(l => new AllocationLine(l.LineNumber, l.Sku, l.Quantity)).ToList();
        var settings = await Allocator.SettingsAsync(db, cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            var plan = await Allocator.PlanAsync(db, lines, settings, cancellationToken);
            if (!plan.Feasible)
            {
                db.Publish(new StockAllocationFailed(message.OrderId,
                    plan.Failures.Select(f => new LineAllocationFailure(f.LineNumber, f.Sku, f.Reason, f.Available)).ToList(), now), now);
                return;
            }

            var id = Guid.CreateVersion7();
            var reservation = new Reservation
            {
                Id = id,
                SortKey = SortKeys.Of(now, id),
                Status = ReservationStatus.Held,
                Reference = $"order:{message.OrderId}",
                ExpiresAt = now.AddSeconds(Math.Clamp(message.HoldSeconds, Reservation.MinTtlSeconds, Reservation.MaxTtlSeconds)),
                Actor = Actors.System,
                CreatedAt = now,
                UpdatedAt = now,
                Lines = plan.Allocations.Select((a, i) => new ReservationLine
                {
                    LineNumber = i + 1,
                    Sku = a.Product.Sku,
                    SkuKey = a.Product.SkuKey,
                    WarehouseId = a.Warehouse.Id,
                    WarehouseCode = a.Warehouse.Code,
                    LevelId = a.LevelId,
                    Quantity = a.Quantity,
                }).ToList(),
            };

            var reserved = await ConsumerSavepoint.TryAsync(db, "allocate", () => ReserveStockHandler.ReserveLinesAsync(db, reservation, now, cancellationToken), cancellationToken);
            if (reserved.Succeeded)
            {
                db.Publish(new StockAllocated(message.OrderId, reservation.Id,
                    plan.Allocations.Select(a => new OrderAllocation(a.LineNumber, a.Product.Sku, a.Warehouse.Code, a.Quantity)).ToList(),
                    reservation.ExpiresAt, now), now);
                return;
            }

            // Stock moved since the plan was read: this attempt was rolled back to its savepoint; plan again.
            if (attempt == 2)
            {
                db.Publish(new StockAllocationFailed(message.OrderId,
                    lines.Select(l => new LineAllocationFailure(l.LineNumber, l.Sku, StockErrors.InsufficientStock, 0)).ToList(), now), now);
                return;
            }
        }
    }
}
