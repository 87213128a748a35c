using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Levels;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.ReceiveStock;

internal sealed class ReceiveStockPayloadType() : WritePayloadType<StockLevel, StockLevelType>("ReceiveStockPayload", "stockLevel");

internal static class ReceiveStockMutation
{
    public static void Add(ObjectGraphType mutation) =>
        LevelWriteMutation.Add<ReceiveStockHandler, ReceiveStockPayloadType, ReceiveStockInputType, ReceiveStockInput>(mutation, "receiveStock",
            "Adds received stock to onHand (ledger RECEIVED). UNKNOWN_SKU, PRODUCT_DISCONTINUED, UNKNOWN_WAREHOUSE, WAREHOUSE_INACTIVE, INVALID_QUANTITY otherwise.",
            PlatformRole.Clerk, (h, input, key, actor, ct) => h.ReceiveAsync(input, key, actor, ct));
}
