using Inventory.Stock.WriteEngine;
using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Levels;

namespace Inventory.Stock.Features.ReceiveStock;

/// <summary>receiveStock: stock arriving adds to onHand (ledger RECEIVED).</summary>
internal sealed class ReceiveStockHandler(SingleLevelWrite levels, IValidator<ReceiveStockInput> validator)
{
    public async Task<WriteResult<StockLevel>> ReceiveAsync(ReceiveStockInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        if (await SingleLevelWrite.CheckAsync(validator, input, idempotencyKey, cancellationToken) is { } invalid)
            return invalid;
        var normalized = input with { Sku = StockProduct.KeyOf(input.Sku), WarehouseCode = WarehouseRules.Normalize(input.WarehouseCode), Reference = StockInputRules.Clean(input.Reference), Note = StockInputRules.Clean(input.Note) };
        return await levels.WriteAsync(new ChangeLevelCommand("receiveStock", idempotencyKey, normalized,
            SingleLevelWrite.Target(normalized.Sku, normalized.WarehouseCode, TargetUse.Inbound), new QuantityDeltas(OnHand: normalized.Quantity), StockGuard.Physical,
            StockReason.Received, normalized.Reference, normalized.Note, actor, "input.quantity"), cancellationToken);
    }
}
