using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Levels;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.MoveStock;

internal sealed class MoveStockPayloadType() : WritePayloadType<StockLevel, StockLevelType>("MoveStockPayload", "stockLevel");

internal static class MoveStockMutation
{
    public static void Add(ObjectGraphType mutation) =>
        LevelWriteMutation.Add<MoveStockHandler, MoveStockPayloadType, MoveStockInputType, MoveStockInput>(mutation, "moveStock",
            "Moves stock between named quantities of one level (AVAILABLE and DAMAGED); onHand stays.",
            PlatformRole.Clerk, (h, input, key, actor, ct) => h.MoveAsync(input, key, actor, ct));
}
