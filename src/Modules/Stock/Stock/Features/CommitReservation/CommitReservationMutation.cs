using GraphQL.Types;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Reservations;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.CommitReservation;

internal sealed class CommitReservationPayloadType() : WritePayloadType<Reservation, ReservationType>("CommitReservationPayload", "reservation");

internal static class CommitReservationMutation
{
    public static void Add(ObjectGraphType mutation) =>
        ReservationTransitionMutation.Add<CommitReservationHandler, CommitReservationPayloadType>(mutation, "commitReservation",
            "Moves a HELD reservation's stock from reserved to committed; it no longer expires. RESERVATION_EXPIRED, INVALID_STATUS otherwise.",
            (h, id, key, actor, ct) => h.CommitAsync(id, key, actor, ct));
}
