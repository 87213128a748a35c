using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Reservations;

/// <summary>
/// A reservation's moves after it is held: committed and fulfilled, or released, or expired. Each use case runs one
/// through <see cref="RunAsync"/> as a stock write; the order consumers apply one inside their own transaction.
/// </summary>
internal static class ReservationTransitions
{
    public static async Task<WriteResult<Reservation>> RunAsync(
        StockWrites writes, string operation, string id, ReservationStatus target, string? idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var reservationId))
            return WriteResult<Reservation>.Fail(UserError.NotFound("The reservation", "id"));

        return await writes.RunAsync<Reservation>(operation, idempotencyKey, new { id = reservationId },
            (db, now, ct) => ApplyTransitionAsync(db, reservationId, target, idempotencyKey, actor, now, ct), cancellationToken);
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

    internal static List<ReservationLineInfo> Lines(Reservation reservation) =>
        reservation.Lines.OrderBy(l => l.LineNumber).Select(l => new ReservationLineInfo(l.Sku, l.WarehouseCode, l.Quantity)).ToList();
}
