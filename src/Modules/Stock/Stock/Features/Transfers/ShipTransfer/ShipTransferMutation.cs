using GraphQL.Types;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.Transfers.ShipTransfer;

internal sealed class ShipTransferPayloadType() : WritePayloadType<Transfer, TransferType>("ShipTransferPayload", "transfer");

internal static class ShipTransferMutation
{
    public static void Add(ObjectGraphType mutation) =>
        TransferTransitionMutation.Add<ShipTransferHandler, ShipTransferPayloadType>(mutation, "shipTransfer",
            "Ships a DRAFT transfer: onHand leaves the source (INSUFFICIENT_STOCK if it is not available) and shows as incoming at the destination. " +
            "WAREHOUSE_INACTIVE or PRODUCT_DISCONTINUED when a warehouse was deactivated or the product discontinued since the transfer was created.",
            (h, id, key, actor, ct) => h.ShipAsync(id, key, actor, ct));
}
