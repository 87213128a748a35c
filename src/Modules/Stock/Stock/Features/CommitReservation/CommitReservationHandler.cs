using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Reservations;

namespace Inventory.Stock.Features.CommitReservation;

/// <summary>commitReservation: a HELD reservation's stock moves from reserved to committed.</summary>
internal sealed class CommitReservationHandler(StockWrites writes)
{
    public Task<WriteResult<Reservation>> CommitAsync(string id, string? idempotencyKey, string actor, CancellationToken cancellationToken) =>
        ReservationTransitions.RunAsync(writes, "commitReservation", id, ReservationStatus.Committed, idempotencyKey, actor, cancellationToken);
}
