using Inventory.Stock.WriteEngine;
using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Levels;

namespace Inventory.Stock.Features.MoveStock;

/// <summary>moveStock: stock moved between named quantities of one level; onHand stays.</summary>
internal sealed class MoveStockHandler(SingleLevelWrite levels, IValidator<MoveStockInput> validator)
{
    public async Task<WriteResult<StockLevel>> MoveAsync(MoveStockInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        if (await SingleLevelWrite.CheckAsync(validator, input, idempotencyKey, cancellationToken) is { } invalid)
            return invalid;
        var normalized = input with { Sku = StockProduct.KeyOf(input.Sku), WarehouseCode = WarehouseRules.Normalize(input.WarehouseCode), Reference = StockInputRules.Clean(input.Reference), Note = StockInputRules.Clean(input.Note) };
        // AVAILABLE to DAMAGED marks sellable stock damaged; DAMAGED to AVAILABLE makes it sellable again. onHand stays.
        var deltas = normalized.To == StockQuantityName.Damaged ? new QuantityDeltas(Damaged: normalized.Quantity) : new QuantityDeltas(Damaged: -normalized.Quantity);
        var reason = normalized.To == StockQuantityName.Damaged ? StockReason.Damaged : StockReason.Moved;
        return await levels.WriteAsync(new ChangeLevelCommand("moveStock", idempotencyKey, normalized,
            SingleLevelWrite.Target(normalized.Sku, normalized.WarehouseCode, TargetUse.Existing), deltas, StockGuard.Physical,
            reason, normalized.Reference, normalized.Note, actor, "input.quantity"), cancellationToken);
    }
}
