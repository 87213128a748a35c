using GraphQL.Types;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.Transfers.CancelTransfer;

internal sealed class CancelTransferPayloadType() : WritePayloadType<Transfer, TransferType>("CancelTransferPayload", "transfer");

internal static class CancelTransferMutation
{
    public static void Add(ObjectGraphType mutation) =>
        TransferTransitionMutation.Add<CancelTransferHandler, CancelTransferPayloadType>(mutation, "cancelTransfer",
            "Cancels a DRAFT or IN_TRANSIT transfer; stock in transit goes back to the source.",
            (h, id, key, actor, ct) => h.CancelAsync(id, key, actor, ct));
}
