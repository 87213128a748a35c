using Inventory.Stock.WriteEngine;
using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Levels;

namespace Inventory.Stock.Features.AdjustStock;

/// <summary>adjustStock: a relative change of onHand with a reason.</summary>
internal sealed class AdjustStockHandler(SingleLevelWrite levels, IValidator<AdjustStockInput> validator)
{
    public async Task<WriteResult<StockLevel>> AdjustAsync(AdjustStockInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        if (await SingleLevelWrite.CheckAsync(validator, input, idempotencyKey, cancellationToken) is { } invalid)
            return invalid;
        var normalized = input with { Sku = StockProduct.KeyOf(input.Sku), WarehouseCode = WarehouseRules.Normalize(input.WarehouseCode), Reference = StockInputRules.Clean(input.Reference), Note = StockInputRules.Clean(input.Note) };
        // Stock coming back (RETURNED, RECEIVED) is inbound: not for a discontinued product. Corrections are always possible.
        var use = normalized.Delta > 0 ? (normalized.Reason is StockReason.Received ? TargetUse.Inbound : TargetUse.Correction) : TargetUse.Existing;
        return await levels.WriteAsync(new ChangeLevelCommand("adjustStock", idempotencyKey, normalized,
            SingleLevelWrite.Target(normalized.Sku, normalized.WarehouseCode, use), new QuantityDeltas(OnHand: normalized.Delta), StockGuard.Physical,
            normalized.Reason, normalized.Reference, normalized.Note, actor, "input.delta"), cancellationToken);
    }
}
