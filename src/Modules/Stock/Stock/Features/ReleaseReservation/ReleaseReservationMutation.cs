using GraphQL.Types;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Reservations;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.ReleaseReservation;

internal sealed class ReleaseReservationPayloadType() : WritePayloadType<Reservation, ReservationType>("ReleaseReservationPayload", "reservation");

internal static class ReleaseReservationMutation
{
    public static void Add(ObjectGraphType mutation) =>
        ReservationTransitionMutation.Add<ReleaseReservationHandler, ReleaseReservationPayloadType>(mutation, "releaseReservation",
            "Returns a HELD or COMMITTED reservation's stock. Releasing a released or expired one changes nothing.",
            (h, id, key, actor, ct) => h.ReleaseAsync(id, key, actor, ct));
}
