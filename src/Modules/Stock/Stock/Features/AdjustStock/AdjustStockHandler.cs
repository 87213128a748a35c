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
        return await levels.WriteOneAsync("adjustStock", idempotencyKey, normalized, normalized.Sku, normalized.WarehouseCode, use,
            (db, levelId, now, ct) => LevelWriter.ApplyAsync(db, levelId, new QuantityDeltas(OnHand: normalized.Delta), StockGuard.Physical,
                new ChangeContext(normalized.Reason, normalized.Reference, actor, idempotencyKey, now, Note: normalized.Note), "input.delta", ct),
            t => StockErrors.Insufficient(t.Product.Sku, t.Warehouse.Code, "input.delta"),
            cancellationToken);
    }
}
