using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Reservations;

namespace Inventory.Stock.Features.ReleaseReservation;

/// <summary>releaseReservation: a HELD or COMMITTED reservation's stock goes back.</summary>
internal sealed class ReleaseReservationHandler(StockWrites writes)
{
    public Task<WriteResult<Reservation>> ReleaseAsync(string id, string? idempotencyKey, string actor, CancellationToken cancellationToken) =>
        ReservationTransitions.RunAsync(writes, "releaseReservation", id, ReservationStatus.Released, idempotencyKey, actor, cancellationToken);
}
