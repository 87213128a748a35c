using Inventory.BuildingBlocks.GraphQL;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.ExtendReservation;

/// <summary>extendReservation: a HELD reservation gets a new time to live from now.</summary>
internal sealed class ExtendReservationHandler(StockWrites writes)
{
    public async Task<WriteResult<Reservation>> ExtendAsync(string id, int ttlSeconds, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (ttlSeconds is < Reservation.MinTtlSeconds or > Reservation.MaxTtlSeconds)
            return WriteResult<Reservation>.Fail(new UserError(StockErrors.InvalidTtl,
                $"The time to live is {Reservation.MinTtlSeconds} to {Reservation.MaxTtlSeconds} seconds (7 days).", "ttlSeconds"));
        if (!Guid.TryParse(id, out var reservationId))
            return WriteResult<Reservation>.Fail(UserError.NotFound("The reservation", "id"));

        return await writes.RunAsync<Reservation>("extendReservation", idempotencyKey, new { id = reservationId, ttlSeconds }, async (db, now, ct) =>
        {
            var expiresAt = now.AddSeconds(ttlSeconds);
            var updated = await db.Reservations.Where(r => r.Id == reservationId && r.Status == ReservationStatus.Held && r.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, expiresAt).SetProperty(r => r.UpdatedAt, now), ct);
            var reservation = await db.Reservations.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == reservationId, ct);
            if (reservation is null)
                return WriteResult<Reservation>.Fail(UserError.NotFound("The reservation", "id"));
            if (updated == 0)
                return WriteResult<Reservation>.Fail(reservation.Status == ReservationStatus.Held
                    ? new UserError(StockErrors.ReservationExpired, "The reservation has expired; reserve again.", "id")
                    : StockErrors.Status("reservation", ReservationTransitions.StatusName(reservation.Status), "HELD"));
            return WriteResult<Reservation>.Ok(reservation);
        }, cancellationToken);
    }
}
