using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Orders.Contracts.IntegrationEvents;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Allocation;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Microsoft.Extensions.Logging;

namespace Inventory.Stock.WriteEngine;

/// <summary>What a consumer's write answers: it applied, or the message had been applied before.</summary>
internal sealed class Consumed
{
    public static readonly Consumed Applied = new();
}

/// <summary>
/// Moves an order's reservations (confirmed, shipped, cancelled) with the message's inbox row. A move that is
/// refused (the hold expired first, say) changes nothing and is logged; the message is still consumed.
/// </summary>
internal sealed class MoveOrderReservationsCommand(IReadOnlyList<Guid> reservationIds, ReservationStatus target, ILogger logger)
    : StockCommand<Consumed>("orderReservations", null, "")
{
    public override IReadOnlyList<Guid> ReservationIds => reservationIds;

    protected override WriteResult<Consumed> Execute(WriteBatch batch)
    {
        foreach (var id in reservationIds)
        {
            var mark = batch.Mark();
            var moved = MoveReservationCommand.Move(batch, id, target, null, Actors.System);
            if (moved.Succeeded)
                continue;
            batch.RollbackTo(mark);
            // E.g. the hold expired first: the expiry's ReservationExpired tells Orders, which cancels the order.
            logger.LogWarning("Reservation {ReservationId} could not move to {Target}: {Error}", id, target, moved.Errors[0].Message);
        }
        return WriteResult<Consumed>.Ok(Consumed.Applied);
    }
}

/// <summary>
/// Reserves a placed order as planned, all lines or none, and answers StockAllocated, or StockAllocationFailed
/// when the plan found no way. When the stock moved since the plan was read, a first attempt fails (nothing is
/// written, the message is not consumed yet) so the consumer plans again; the last attempt answers the failure.
/// </summary>
internal sealed class AllocateOrderCommand(OrderPlaced message, AllocationPlan plan, bool lastAttempt)
    : StockCommand<Consumed>("allocateOrder", null, "")
{
    public override IReadOnlyList<LevelTarget> Targets { get; } =
        plan.Allocations.Select(a => new LevelTarget(new LevelKey(a.Product.SkuKey, a.Warehouse.Code), TargetUse.Outbound)).ToList();

    protected override WriteResult<Consumed> Execute(WriteBatch batch)
    {
        var now = batch.Now;
        if (!plan.Feasible)
        {
            batch.Publish(new StockAllocationFailed(message.OrderId,
                plan.Failures.Select(f => new LineAllocationFailure(f.LineNumber, f.Sku, f.Reason, f.Available)).ToList(), now));
            return WriteResult<Consumed>.Ok(Consumed.Applied);
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
                ReservationId = id,
                LineNumber = i + 1,
                Sku = a.Product.Sku,
                SkuKey = a.Product.SkuKey,
                WarehouseId = a.Warehouse.Id,
                WarehouseCode = a.Warehouse.Code,
                LevelId = a.LevelId,
                Quantity = a.Quantity,
            }).ToList(),
        };
        var mark = batch.Mark();
        var change = new ChangeContext(StockReason.Reserved, reservation.Reference, reservation.Actor, null, now, ReservationId: id);
        foreach (var line in reservation.Lines.OrderBy(l => l.LevelId))
        {
            var refused = batch.Levels.TryGetValue(line.LevelId, out var level)
                ? batch.Apply(level, new QuantityDeltas(Reserved: line.Quantity), StockGuard.Available, change, "lines")
                : StockErrors.Insufficient(line.Sku, line.WarehouseCode, "lines");
            if (refused is null)
                continue;
            if (!lastAttempt)
                return WriteResult<Consumed>.Fail(refused);
            batch.RollbackTo(mark);
            batch.Publish(new StockAllocationFailed(message.OrderId,
                message.Lines.Select(l => new LineAllocationFailure(l.LineNumber, l.Sku, StockErrors.InsufficientStock, 0)).ToList(), now));
            return WriteResult<Consumed>.Ok(Consumed.Applied);
        }
        batch.AddReservation(reservation);
        batch.Publish(new StockReserved(id, reservation.Reference, ReservationEvents.Lines(reservation), reservation.ExpiresAt, now));
        batch.Publish(new StockAllocated(message.OrderId, id,
            plan.Allocations.Select(a => new OrderAllocation(a.LineNumber, a.Product.Sku, a.Warehouse.Code, a.Quantity)).ToList(),
            reservation.ExpiresAt, now));
        return WriteResult<Consumed>.Ok(Consumed.Applied);
    }
}
