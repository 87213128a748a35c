using GraphQL.Types;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.Transfers.ReceiveTransfer;

internal sealed class ReceiveTransferPayloadType() : WritePayloadType<Transfer, TransferType>("ReceiveTransferPayload", "transfer");

internal static class ReceiveTransferMutation
{
    public static void Add(ObjectGraphType mutation) =>
        TransferTransitionMutation.Add<ReceiveTransferHandler, ReceiveTransferPayloadType>(mutation, "receiveTransfer",
            "Receives an IN_TRANSIT transfer: incoming becomes onHand at the destination.",
            (h, id, key, actor, ct) => h.ReceiveAsync(id, key, actor, ct));
}
