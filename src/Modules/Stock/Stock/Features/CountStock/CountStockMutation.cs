using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Levels;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.CountStock;

internal sealed class SetStockPayloadType() : WritePayloadType<StockLevel, StockLevelType>("SetStockPayload", "stockLevel");

internal static class CountStockMutation
{
    public static void Add(ObjectGraphType mutation) =>
        LevelWriteMutation.Add<CountStockHandler, SetStockPayloadType, SetStockInputType, SetStockInput>(mutation, "setStock",
            "Sets onHand to a counted quantity if it is still `changeFromQuantity`, else STALE (count again).",
            PlatformRole.Clerk, (h, input, key, actor, ct) => h.SetAsync(input, key, actor, ct));
}
