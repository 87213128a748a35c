using Inventory.BuildingBlocks.Persistence;
using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.Reservations;

/// <summary>
/// Reservations: all or nothing across lines, with a time to live, then committed and fulfilled, or released,
/// or expired by the scheduled job. This is the one reservation path (orders use it too), so that a combining
/// strategy for hot SKUs can later replace <see cref="ReserveLinesAsync"/> and be measured against it.
/// </summary>
internal sealed class ReservationHandlers(StockWriteEngine engine, ITenantContext tenant, IValidator<ReserveStockInput> validator)
{
    public async Task<WriteResult<Reservation>> ReserveAsync(ReserveStockInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (StockWrites.CheckKey(idempotencyKey) is { } keyError)
            errors.Add(keyError);
        if (errors.Count > 0)
            return WriteResult<Reservation>.Fail(errors);

        var request = input with
        {
            Lines = input.Lines.Select(l => l with { Sku = StockProduct.KeyOf(l.Sku), WarehouseCode = WarehouseRules.Normalize(l.WarehouseCode) }).ToList(),
            TtlSeconds = input.TtlSeconds ?? ReserveStockInput.DefaultTtlSeconds,
            Reference = StockInputRules.Clean(input.Reference),
        };
        var command = new ReserveStockCommand(idempotencyKey, request,
            request.Lines.Select(l => (new LevelKey(l.Sku, l.WarehouseCode), l.Quantity)).ToList(), request.TtlSeconds!.Value, request.Reference, actor);
        return await engine.WriteAsync(tenant.Tenant, command, cancellationToken);
    }

    /// <summary>
    /// Takes the lines' stock in ascending level id order (every writer does), so overlapping reservations wait
    /// for each other instead of deadlocking; the first line that cannot be covered fails the whole reservation
    /// and the caller's transaction rolls back the lines before it.
    /// </summary>
    internal static async Task<WriteResult<Reservation>> ReserveLinesAsync(StockDbContext db, Reservation reservation, DateTime now, CancellationToken cancellationToken)
    {
        var change = new ChangeContext(StockReason.Reserved, reservation.Reference, reservation.Actor, reservation.IdempotencyKey, now, ReservationId: reservation.Id);
        foreach (var line in reservation.Lines.OrderBy(l => l.LevelId))
        {
            var result = await LevelWriter.ApplyAsync(db, line.LevelId, new QuantityDeltas(Reserved: line.Quantity), StockGuard.Available, change,
                $"input.lines[{line.LineNumber - 1}].quantity", cancellationToken);
            if (!result.Succeeded)
                return WriteResult<Reservation>.Fail(result.Error!);
        }
        db.Reservations.Add(reservation);
        db.Publish(new StockReserved(reservation.Id, reservation.Reference, Lines(reservation), reservation.ExpiresAt, now), now);
        return WriteResult<Reservation>.Ok(reservation);
    }

    public Task<WriteResult<Reservation>> ReleaseAsync(string id, string? idempotencyKey, string actor, CancellationToken cancellationToken) =>
        TransitionAsync("releaseReservation", id, ReservationStatus.Released, idempotencyKey, actor, cancellationToken);

    public Task<WriteResult<Reservation>> CommitAsync(string id, string? idempotencyKey, string actor, CancellationToken cancellationToken) =>
        TransitionAsync("commitReservation", id, ReservationStatus.Committed, idempotencyKey, actor, cancellationToken);

    public Task<WriteResult<Reservation>> FulfilAsync(string id, string? idempotencyKey, string actor, CancellationToken cancellationToken) =>
        TransitionAsync("fulfilReservation", id, ReservationStatus.Fulfilled, idempotencyKey, actor, cancellationToken);

    /// <summary>Expires one reservation past its time to live (the scheduled job's work).</summary>
    public Task<WriteResult<Reservation>> ExpireAsync(Guid id, CancellationToken cancellationToken) =>
        TransitionAsync("expireReservation", id.ToString(), ReservationStatus.Expired, null, BuildingBlocks.Security.Actors.System, cancellationToken);

    public async Task<WriteResult<Reservation>> ExtendAsync(string id, int ttlSeconds, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (ttlSeconds is < Reservation.MinTtlSeconds or > Reservation.MaxTtlSeconds)
            return WriteResult<Reservation>.Fail(new UserError(StockErrors.InvalidTtl,
                $"The time to live is {Reservation.MinTtlSeconds} to {Reservation.MaxTtlSeconds} seconds (7 days).", "ttlSeconds"));
        if (!Guid.TryParse(id, out var reservationId))
            return WriteResult<Reservation>.Fail(UserError.NotFound("The reservation", "id"));

        if (StockWrites.CheckKey(idempotencyKey) is { } keyError)
            return WriteResult<Reservation>.Fail(keyError);
        return await engine.WriteAsync(tenant.Tenant, new ExtendReservationCommand(reservationId, ttlSeconds, idempotencyKey), cancellationToken);
    }

    private async Task<WriteResult<Reservation>> TransitionAsync(
        string operation, string id, ReservationStatus target, string? idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var reservationId))
            return WriteResult<Reservation>.Fail(UserError.NotFound("The reservation", "id"));

        if (StockWrites.CheckKey(idempotencyKey) is { } keyError)
            return WriteResult<Reservation>.Fail(keyError);
        return await engine.WriteAsync(tenant.Tenant, new MoveReservationCommand(operation, reservationId, target, idempotencyKey, actor), cancellationToken);
    }

    /// <summary>
    /// Moves a reservation to <paramref name="target"/> inside the caller's transaction (a stock write's, or a
    /// consumer's with its inbox row). On failure the caller rolls back what applied.
    /// </summary>
    internal static async Task<WriteResult<Reservation>> ApplyTransitionAsync(
        StockDbContext db, Guid reservationId, ReservationStatus target, string? idempotencyKey, string actor, DateTime now, CancellationToken ct)
    {
        {
            for (var attempt = 1; ; attempt++)
            {
                var reservation = await db.Reservations.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == reservationId, ct);
                if (reservation is null)
                    return WriteResult<Reservation>.Fail(UserError.NotFound("The reservation", "id"));
                var current = reservation.Status;

                // Already there, or already gone another way that leaves the stock where the caller wants it: retry-safe.
                if (current == target || (target == ReservationStatus.Released && current == ReservationStatus.Expired))
                    return WriteResult<Reservation>.Ok(reservation);
                // Expiry is housekeeping: a reservation released, committed or extended meanwhile is left as it is.
                if (target == ReservationStatus.Expired && (current != ReservationStatus.Held || reservation.ExpiresAt > now))
                    return WriteResult<Reservation>.Ok(reservation);
                if (Deltas(current, target) is not { } deltasPerUnit)
                    return WriteResult<Reservation>.Fail(StockErrors.Status("reservation", StatusName(current), Wanted(target)));
                if (target is ReservationStatus.Committed && reservation.ExpiresAt <= now)
                    return WriteResult<Reservation>.Fail(new UserError(StockErrors.ReservationExpired, "The reservation has expired; reserve again.", "id"));

                // The status moves first, guarded by the status read: of two racing transitions only one gets the row.
                var guarded = db.Reservations.Where(r => r.Id == reservationId && r.Status == current);
                if (target == ReservationStatus.Expired)
                    guarded = guarded.Where(r => r.ExpiresAt <= now); // an extension that landed in between wins
                var moved = await guarded
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, target).SetProperty(r => r.UpdatedAt, now), ct);
                if (moved == 0)
                {
                    if (attempt < 3)
                        continue; // it changed under us: decide again on what it is now
                    return WriteResult<Reservation>.Fail(new UserError(ErrorCodes.Conflict, "The reservation is changing; try again.", "id"));
                }

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
                    var d = deltasPerUnit;
                    var deltas = new QuantityDeltas(d.OnHand * line.Quantity, d.Reserved * line.Quantity, d.Committed * line.Quantity, d.Damaged * line.Quantity, d.Incoming * line.Quantity);
                    var result = await LevelWriter.ApplyAsync(db, line.LevelId, deltas, StockGuard.Physical, change, "id", ct);
                    if (!result.Succeeded)
                        return WriteResult<Reservation>.Fail(result.Error!);
                }

                reservation.Status = target;
                reservation.UpdatedAt = now;
                var lines = Lines(reservation);
                db.Publish<object>(target switch
                {
                    ReservationStatus.Committed => new ReservationCommitted(reservation.Id, reservation.Reference, lines, now),
                    ReservationStatus.Fulfilled => new ReservationFulfilled(reservation.Id, reservation.Reference, lines, now),
                    ReservationStatus.Expired => new ReservationExpired(reservation.Id, reservation.Reference, lines, now),
                    _ => new ReservationReleased(reservation.Id, reservation.Reference, lines, now),
                }, now);
                return WriteResult<Reservation>.Ok(reservation);
            }
        }
    }

    /// <summary>The change per reserved unit of each allowed transition; null when the transition is not allowed.</summary>
    private static QuantityDeltas? Deltas(ReservationStatus from, ReservationStatus to) => (from, to) switch
    {
        (ReservationStatus.Held, ReservationStatus.Committed) => new QuantityDeltas(Reserved: -1, Committed: 1),
        (ReservationStatus.Held, ReservationStatus.Released) => new QuantityDeltas(Reserved: -1),
        (ReservationStatus.Held, ReservationStatus.Expired) => new QuantityDeltas(Reserved: -1),
        (ReservationStatus.Committed, ReservationStatus.Released) => new QuantityDeltas(Committed: -1),
        (ReservationStatus.Committed, ReservationStatus.Fulfilled) => new QuantityDeltas(OnHand: -1, Committed: -1),
        _ => null,
    };

    private static string Wanted(ReservationStatus target) => target switch
    {
        ReservationStatus.Fulfilled => "COMMITTED",
        ReservationStatus.Released => "HELD or COMMITTED",
        _ => "HELD",
    };

    public static string StatusName(ReservationStatus status) => StockReasons.ConstantCase(status.ToString());

    private static List<ReservationLineInfo> Lines(Reservation reservation) =>
        reservation.Lines.OrderBy(l => l.LineNumber).Select(l => new ReservationLineInfo(l.Sku, l.WarehouseCode, l.Quantity)).ToList();
}
