using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.WriteEngine;

internal static class TargetChecks
{
    /// <summary>
    /// Checks what a write names against the batch's products and warehouses, with the same codes and fields
    /// as always: unknown SKU or warehouse, and for stock coming in or promised, a discontinued product or an
    /// inactive warehouse. Adds the errors; returns the level when there are none (null when it does not exist).
    /// </summary>
    public static StockLevel? Resolve(WriteBatch batch, LevelTarget target, string field, List<UserError> errors)
    {
        var (skuKey, code) = target.Key;
        var product = batch.Products.GetValueOrDefault(skuKey);
        var warehouse = batch.Warehouses.GetValueOrDefault(code);
        var promised = target.Use is TargetUse.Inbound or TargetUse.Outbound;
        var before = errors.Count;
        if (product is null)
            errors.Add(StockErrors.SkuUnknown(skuKey, $"{field}.sku"));
        else if (product.Discontinued && promised)
            errors.Add(StockErrors.Discontinued(product.Sku, $"{field}.sku"));
        if (warehouse is null)
            errors.Add(StockErrors.WarehouseUnknown(code, $"{field}.warehouseCode"));
        else if (!warehouse.Active && promised)
            errors.Add(StockErrors.Inactive(warehouse.Code, $"{field}.warehouseCode"));
        return errors.Count > before ? null : batch.Level(skuKey, code);
    }
}

/// <summary>A change of one level's counters: receive, adjust, count (compare-and-set) and move between quantities.</summary>
internal sealed class ChangeLevelCommand(
    string operation, string idempotencyKey, object request, LevelTarget target, QuantityDeltas deltas, StockGuard guard,
    StockReason reason, string? reference, string? note, string actor, string field, int? expectedOnHand = null)
    : StockCommand<StockLevel>(operation, idempotencyKey, request)
{
    public override IReadOnlyList<LevelTarget> Targets { get; } = [target];

    protected override WriteResult<StockLevel> Execute(WriteBatch batch)
    {
        var errors = new List<UserError>();
        var level = TargetChecks.Resolve(batch, target, "input", errors);
        if (errors.Count > 0)
            return WriteResult<StockLevel>.Fail(errors);
        if (level is null)
        {
            // Never stocked here: nothing to take from, and nothing is created for a write that cannot apply.
            var sku = batch.Products[target.Key.SkuKey].Sku;
            return WriteResult<StockLevel>.Fail(expectedOnHand is { } expected
                ? new UserError(StockErrors.Stale, $"On hand is 0, not {expected}: {sku} was never stocked in {target.Key.WarehouseCode}.", "input.onHand")
                : StockErrors.Insufficient(sku, target.Key.WarehouseCode, field));
        }
        var change = new ChangeContext(reason, reference, actor, IdempotencyKey, batch.Now, Note: note);
        return batch.Apply(level, deltas, guard, change, field, expectedOnHand) is { } refused
            ? WriteResult<StockLevel>.Fail(refused)
            : WriteResult<StockLevel>.Ok(level.Copy());
    }
}

/// <summary>Reserves every line of a request or none, first come first served with the requests batched before it.</summary>
internal sealed class ReserveStockCommand(
    string idempotencyKey, object request, IReadOnlyList<(LevelKey Key, int Quantity)> lines, int ttlSeconds, string? reference, string actor)
    : StockCommand<Reservation>("reserveStock", idempotencyKey, request)
{
    public override IReadOnlyList<LevelTarget> Targets { get; } = lines.Select(l => new LevelTarget(l.Key, TargetUse.Outbound)).ToList();

    protected override WriteResult<Reservation> Execute(WriteBatch batch)
    {
        var errors = new List<UserError>();
        var levels = new StockLevel?[lines.Count];
        for (var i = 0; i < lines.Count; i++)
            levels[i] = TargetChecks.Resolve(batch, Targets[i], $"input.lines[{i}]", errors);
        if (errors.Count > 0)
            return WriteResult<Reservation>.Fail(errors);
        // A level never stocked has nothing to reserve (and no backorder setting allowing it).
        for (var i = 0; i < lines.Count; i++)
            if (levels[i] is null)
                errors.Add(StockErrors.Insufficient(batch.Products[lines[i].Key.SkuKey].Sku, lines[i].Key.WarehouseCode, $"input.lines[{i}].quantity"));
        if (errors.Count > 0)
            return WriteResult<Reservation>.Fail(errors);

        var now = batch.Now;
        var id = Guid.CreateVersion7();
        var reservation = new Reservation
        {
            Id = id,
            SortKey = SortKeys.Of(now, id),
            Status = ReservationStatus.Held,
            Reference = reference,
            ExpiresAt = now.AddSeconds(ttlSeconds),
            Actor = actor,
            IdempotencyKey = IdempotencyKey,
            CreatedAt = now,
            UpdatedAt = now,
            Lines = lines.Select((l, i) => new ReservationLine
            {
                ReservationId = id,
                LineNumber = i + 1,
                Sku = levels[i]!.Sku,
                SkuKey = levels[i]!.SkuKey,
                WarehouseId = levels[i]!.WarehouseId,
                WarehouseCode = levels[i]!.WarehouseCode,
                LevelId = levels[i]!.Id,
                Quantity = l.Quantity,
            }).ToList(),
        };
        var change = new ChangeContext(StockReason.Reserved, reference, actor, IdempotencyKey, now, ReservationId: id);
        // In ascending level id order, as every writer takes its rows; the first line that cannot be covered fails it all.
        foreach (var line in reservation.Lines.OrderBy(l => l.LevelId))
        {
            if (batch.Apply(batch.Levels[line.LevelId], new QuantityDeltas(Reserved: line.Quantity), StockGuard.Available, change,
                    $"input.lines[{line.LineNumber - 1}].quantity") is { } refused)
                return WriteResult<Reservation>.Fail(refused);
        }
        batch.AddReservation(reservation);
        batch.Publish(new StockReserved(id, reference, ReservationEvents.Lines(reservation), reservation.ExpiresAt, now));
        return WriteResult<Reservation>.Ok(reservation.Copy());
    }
}

/// <summary>A reservation moving on: committed, fulfilled, released, or expired by the scheduled job.</summary>
internal sealed class MoveReservationCommand(string operation, Guid reservationId, ReservationStatus target, string? idempotencyKey, string actor)
    : StockCommand<Reservation>(operation, idempotencyKey, new { id = reservationId })
{
    public override IReadOnlyList<Guid> ReservationIds { get; } = [reservationId];

    protected override WriteResult<Reservation> Execute(WriteBatch batch) => Move(batch, reservationId, target, IdempotencyKey, actor);

    /// <summary>The move itself, on the batch's state; a refusal leaves undoing to the caller.</summary>
    public static WriteResult<Reservation> Move(WriteBatch batch, Guid reservationId, ReservationStatus target, string? idempotencyKey, string actor)
    {
        if (!batch.Reservations.TryGetValue(reservationId, out var reservation))
            return WriteResult<Reservation>.Fail(UserError.NotFound("The reservation", "id"));
        var now = batch.Now;
        var current = reservation.Status;

        // Already there, or already gone another way that leaves the stock where the caller wants it: retry-safe.
        if (current == target || (target == ReservationStatus.Released && current == ReservationStatus.Expired))
            return WriteResult<Reservation>.Ok(reservation.Copy());
        // Expiry is housekeeping: a reservation released, committed or extended meanwhile is left as it is.
        if (target == ReservationStatus.Expired && (current != ReservationStatus.Held || reservation.ExpiresAt > now))
            return WriteResult<Reservation>.Ok(reservation.Copy());
        if (ReservationEvents.Deltas(current, target) is not { } perUnit)
            return WriteResult<Reservation>.Fail(StockErrors.Status("reservation", ReservationEvents.StatusName(current), ReservationEvents.Wanted(target)));
        if (target is ReservationStatus.Committed && reservation.ExpiresAt <= now)
            return WriteResult<Reservation>.Fail(new UserError(StockErrors.ReservationExpired, "The reservation has expired; reserve again.", "id"));

        var reason = target switch
        {
            ReservationStatus.Committed => StockReason.Committed,
            ReservationStatus.Fulfilled => StockReason.Shipped,
            ReservationStatus.Expired => StockReason.Expired,
            _ => StockReason.Released,
        };
        var change = new ChangeContext(reason, reservation.Reference, actor, idempotencyKey, now, ReservationId: reservation.Id);
        foreach (var line in reservation.Lines.OrderBy(l => l.LevelId))
        {
            var q = line.Quantity;
            var deltas = new QuantityDeltas(perUnit.OnHand * q, perUnit.Reserved * q, perUnit.Committed * q, perUnit.Damaged * q, perUnit.Incoming * q);
            if (batch.Apply(batch.Levels[line.LevelId], deltas, StockGuard.Physical, change, "id") is { } refused)
                return WriteResult<Reservation>.Fail(refused);
        }
        batch.UpdateReservation(reservation, target, reservation.ExpiresAt);
        var lines = ReservationEvents.Lines(reservation);
        batch.Publish<object>(target switch
        {
            ReservationStatus.Committed => new ReservationCommitted(reservation.Id, reservation.Reference, lines, now),
            ReservationStatus.Fulfilled => new ReservationFulfilled(reservation.Id, reservation.Reference, lines, now),
            ReservationStatus.Expired => new ReservationExpired(reservation.Id, reservation.Reference, lines, now),
            _ => new ReservationReleased(reservation.Id, reservation.Reference, lines, now),
        });
        return WriteResult<Reservation>.Ok(reservation.Copy());
    }
}

/// <summary>A held reservation's time to live starts again from now.</summary>
internal sealed class ExtendReservationCommand(Guid reservationId, int ttlSeconds, string? idempotencyKey)
    : StockCommand<Reservation>("extendReservation", idempotencyKey, new { id = reservationId, ttlSeconds })
{
    public override IReadOnlyList<Guid> ReservationIds { get; } = [reservationId];

    protected override WriteResult<Reservation> Execute(WriteBatch batch)
    {
        if (!batch.Reservations.TryGetValue(reservationId, out var reservation))
            return WriteResult<Reservation>.Fail(UserError.NotFound("The reservation", "id"));
        if (reservation.Status != ReservationStatus.Held)
            return WriteResult<Reservation>.Fail(StockErrors.Status("reservation", ReservationEvents.StatusName(reservation.Status), "HELD"));
        if (reservation.ExpiresAt <= batch.Now)
            return WriteResult<Reservation>.Fail(new UserError(StockErrors.ReservationExpired, "The reservation has expired; reserve again.", "id"));
        batch.UpdateReservation(reservation, ReservationStatus.Held, batch.Now.AddSeconds(ttlSeconds));
        return WriteResult<Reservation>.Ok(reservation.Copy());
    }
}

internal static class ReservationEvents
{
    /// <summary>The change per reserved unit of each allowed transition; null when the transition is not allowed.</summary>
    public static QuantityDeltas? Deltas(ReservationStatus from, ReservationStatus to) => (from, to) switch
    {
        (ReservationStatus.Held, ReservationStatus.Committed) => new QuantityDeltas(Reserved: -1, Committed: 1),
        (ReservationStatus.Held, ReservationStatus.Released) => new QuantityDeltas(Reserved: -1),
        (ReservationStatus.Held, ReservationStatus.Expired) => new QuantityDeltas(Reserved: -1),
        (ReservationStatus.Committed, ReservationStatus.Released) => new QuantityDeltas(Committed: -1),
        (ReservationStatus.Committed, ReservationStatus.Fulfilled) => new QuantityDeltas(OnHand: -1, Committed: -1),
        _ => null,
    };

    public static string Wanted(ReservationStatus target) => target switch
    {
        ReservationStatus.Fulfilled => "COMMITTED",
        ReservationStatus.Released => "HELD or COMMITTED",
        _ => "HELD",
    };

    public static string StatusName(ReservationStatus status) => StockReasons.ConstantCase(status.ToString());

    public static List<ReservationLineInfo> Lines(Reservation reservation) =>
        reservation.Lines.OrderBy(l => l.LineNumber).Select(l => new ReservationLineInfo(l.Sku, l.WarehouseCode, l.Quantity)).ToList();
}
