using Inventory.Stock.WriteEngine;
using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Levels;

namespace Inventory.Stock.Features.CountStock;

/// <summary>setStock: a counted onHand, applied only while onHand is still the quantity the count started from (compare-and-set).</summary>
internal sealed class CountStockHandler(SingleLevelWrite levels, IValidator<SetStockInput> validator)
{
    public async Task<WriteResult<StockLevel>> SetAsync(SetStockInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        if (await SingleLevelWrite.CheckAsync(validator, input, idempotencyKey, cancellationToken) is { } invalid)
            return invalid;
        var normalized = input with
        {
            Sku = StockProduct.KeyOf(input.Sku), WarehouseCode = WarehouseRules.Normalize(input.WarehouseCode), Reason = input.Reason ?? StockReason.CycleCount,
            Reference = StockInputRules.Clean(input.Reference), Note = StockInputRules.Clean(input.Note),
        };
        // A count from zero may start a level; a count from another quantity needs the level to be there.
        var use = normalized.ChangeFromQuantity == 0 ? TargetUse.Correction : TargetUse.Existing;
        return await levels.WriteAsync(new ChangeLevelCommand("setStock", idempotencyKey, normalized,
            SingleLevelWrite.Target(normalized.Sku, normalized.WarehouseCode, use), new QuantityDeltas(OnHand: normalized.OnHand - normalized.ChangeFromQuantity),
            StockGuard.Physical, normalized.Reason!.Value, normalized.Reference, normalized.Note, actor, "input.onHand", expectedOnHand: normalized.ChangeFromQuantity),
            cancellationToken);
    }
}
