using GraphQL.Types;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Reservations;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.FulfilReservation;

internal sealed class FulfilReservationPayloadType() : WritePayloadType<Reservation, ReservationType>("FulfilReservationPayload", "reservation");

internal static class FulfilReservationMutation
{
    public static void Add(ObjectGraphType mutation) =>
        ReservationTransitionMutation.Add<FulfilReservationHandler, FulfilReservationPayloadType>(mutation, "fulfilReservation",
            "Ships a COMMITTED reservation: its stock leaves onHand (ledger SHIPPED).",
            (h, id, key, actor, ct) => h.FulfilAsync(id, key, actor, ct));
}
