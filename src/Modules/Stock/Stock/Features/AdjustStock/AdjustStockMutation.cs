using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Levels;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.AdjustStock;

internal sealed class AdjustStockPayloadType() : WritePayloadType<StockLevel, StockLevelType>("AdjustStockPayload", "stockLevel");

internal static class AdjustStockMutation
{
    public static void Add(ObjectGraphType mutation) =>
        LevelWriteMutation.Add<AdjustStockHandler, AdjustStockPayloadType, AdjustStockInputType, AdjustStockInput>(mutation, "adjustStock",
            "Changes onHand by a delta with a reason. INSUFFICIENT_STOCK when it would take what is reserved, committed or damaged; REASON_NOT_ALLOWED.",
            PlatformRole.Clerk, (h, input, key, actor, ct) => h.AdjustAsync(input, key, actor, ct));
}
