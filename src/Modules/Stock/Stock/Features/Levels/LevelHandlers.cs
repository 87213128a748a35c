using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.Levels;

/// <summary>Writes on one stock level: receive, adjust, set (compare-and-set), move between quantities, configure.</summary>
internal sealed class LevelHandlers(
    StockWrites writes,
    StockWriteEngine engine,
    ITenantContext tenant,
    IValidator<ReceiveStockInput> receiveValidator,
    IValidator<AdjustStockInput> adjustValidator,
    IValidator<SetStockInput> setValidator,
    IValidator<MoveStockInput> moveValidator,
    IValidator<ConfigureStockLevelInput> configureValidator)
{
    public async Task<WriteResult<StockLevel>> ReceiveAsync(ReceiveStockInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        if (await CheckAsync(receiveValidator, input, idempotencyKey, cancellationToken) is { } invalid)
            return invalid;
        var normalized = input with { Sku = StockProduct.KeyOf(input.Sku), WarehouseCode = WarehouseRules.Normalize(input.WarehouseCode), Reference = StockInputRules.Clean(input.Reference), Note = StockInputRules.Clean(input.Note) };
        return await WriteOneAsync(new ChangeLevelCommand("receiveStock", idempotencyKey, normalized, Target(normalized.Sku, normalized.WarehouseCode, TargetUse.Inbound),
            new QuantityDeltas(OnHand: normalized.Quantity), StockGuard.Physical, StockReason.Received, normalized.Reference, normalized.Note, actor, "input.quantity"), cancellationToken);
    }

    public async Task<WriteResult<StockLevel>> AdjustAsync(AdjustStockInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        if (await CheckAsync(adjustValidator, input, idempotencyKey, cancellationToken) is { } invalid)
            return invalid;
        var normalized = input with { Sku = StockProduct.KeyOf(input.Sku), WarehouseCode = WarehouseRules.Normalize(input.WarehouseCode), Reference = StockInputRules.Clean(input.Reference), Note = StockInputRules.Clean(input.Note) };
        // Stock coming back (RETURNED, RECEIVED) is inbound: not for a discontinued product. Corrections are always possible.
        var use = normalized.Delta > 0 ? (normalized.Reason is StockReason.Received ? TargetUse.Inbound : TargetUse.Correction) : TargetUse.Existing;
        return await WriteOneAsync(new ChangeLevelCommand("adjustStock", idempotencyKey, normalized, Target(normalized.Sku, normalized.WarehouseCode, use),
            new QuantityDeltas(OnHand: normalized.Delta), StockGuard.Physical, normalized.Reason, normalized.Reference, normalized.Note, actor, "input.delta"), cancellationToken);
    }

    public async Task<WriteResult<StockLevel>> SetAsync(SetStockInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        if (await CheckAsync(setValidator, input, idempotencyKey, cancellationToken) is { } invalid)
            return invalid;
        var normalized = input with
        {
            Sku = StockProduct.KeyOf(input.Sku), WarehouseCode = WarehouseRules.Normalize(input.WarehouseCode), Reason = input.Reason ?? StockReason.CycleCount,
            Reference = StockInputRules.Clean(input.Reference), Note = StockInputRules.Clean(input.Note),
        };
        // A count from zero may start a level; a count from another quantity needs the level to be there.
        var use = normalized.ChangeFromQuantity == 0 ? TargetUse.Correction : TargetUse.Existing;
        return await WriteOneAsync(new ChangeLevelCommand("setStock", idempotencyKey, normalized, Target(normalized.Sku, normalized.WarehouseCode, use),
            new QuantityDeltas(OnHand: normalized.OnHand - normalized.ChangeFromQuantity), StockGuard.Physical, normalized.Reason!.Value, normalized.Reference,
            normalized.Note, actor, "input.onHand", expectedOnHand: normalized.ChangeFromQuantity), cancellationToken);
    }

    public async Task<WriteResult<StockLevel>> MoveAsync(MoveStockInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        if (await CheckAsync(moveValidator, input, idempotencyKey, cancellationToken) is { } invalid)
            return invalid;
        var normalized = input with { Sku = StockProduct.KeyOf(input.Sku), WarehouseCode = WarehouseRules.Normalize(input.WarehouseCode), Reference = StockInputRules.Clean(input.Reference), Note = StockInputRules.Clean(input.Note) };
        // AVAILABLE to DAMAGED marks sellable stock damaged; DAMAGED to AVAILABLE makes it sellable again. onHand stays.
        var deltas = normalized.To == StockQuantityName.Damaged ? new QuantityDeltas(Damaged: normalized.Quantity) : new QuantityDeltas(Damaged: -normalized.Quantity);
        var reason = normalized.To == StockQuantityName.Damaged ? StockReason.Damaged : StockReason.Moved;
        return await WriteOneAsync(new ChangeLevelCommand("moveStock", idempotencyKey, normalized, Target(normalized.Sku, normalized.WarehouseCode, TargetUse.Existing),
            deltas, StockGuard.Physical, reason, normalized.Reference, normalized.Note, actor, "input.quantity"), cancellationToken);
    }

    /// <summary>Settings are absolute, so a retry is harmless without a key; the version still moves and the change is announced. With no setting given it only makes sure the level exists.</summary>
    public async Task<WriteResult<StockLevel>> ConfigureAsync(ConfigureStockLevelInput input, string actor, CancellationToken cancellationToken)
    {
        var errors = await configureValidator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return WriteResult<StockLevel>.Fail(errors);
        var (targets, targetErrors) = await StockTargets.ResolveAsync(writes.Open, [new TargetRequest(input.Sku, input.WarehouseCode, "input")], TargetUse.Correction, writes.Now, cancellationToken);
        if (targetErrors.Count > 0)
            return WriteResult<StockLevel>.Fail(targetErrors);
        var levelId = targets[0].LevelId!.Value;
        if (input.ReorderPoint is null && input.SafetyStock is null && input.AllowBackorder is null)
        {
            // Nothing to set: the level exists now (created empty if it was not there), and that is all; no version, no event.
            await using var read = writes.Open();
            return WriteResult<StockLevel>.Ok(await read.Levels.AsNoTracking().FirstAsync(l => l.Id == levelId, cancellationToken));
        }

        return await writes.RunAsync<StockLevel>("configureStockLevel", null, input, async (db, now, ct) =>
        {
            var rows = db.Levels.Where(l => l.Id == levelId);
            if (input.AllowBackorder == false)
                rows = rows.Where(l => l.AllowBackorder == false || l.OnHand - l.Reserved - l.Committed - l.Damaged >= 0);
            var updated = await rows.ExecuteUpdateAsync(s => s
                .SetProperty(l => l.ReorderPoint, l => input.ReorderPoint ?? l.ReorderPoint)
                .SetProperty(l => l.SafetyStock, l => input.SafetyStock ?? l.SafetyStock)
                .SetProperty(l => l.AllowBackorder, l => input.AllowBackorder ?? l.AllowBackorder)
                .SetProperty(l => l.Version, l => l.Version + 1)
                .SetProperty(l => l.UpdatedAt, now), ct);
            if (updated == 0)
                return WriteResult<StockLevel>.Fail(new UserError(StockErrors.BackordersOutstanding,
                    "More is reserved, committed or damaged than is on hand: receive stock or release reservations before turning backorders off.", "input.allowBackorder"));
            var level = await db.Levels.AsNoTracking().FirstAsync(l => l.Id == levelId, ct);
            await LevelWriter.AnnounceAsync(db, level, "CONFIGURED", null, now, ct);
            return WriteResult<StockLevel>.Ok(level);
        }, cancellationToken);
    }

    private Task<WriteResult<StockLevel>> WriteOneAsync(ChangeLevelCommand command, CancellationToken cancellationToken) =>
        engine.WriteAsync(tenant.Tenant, command, cancellationToken);

    private static LevelTarget Target(string skuKey, string warehouseCode, TargetUse use) => new(new LevelKey(skuKey, warehouseCode), use);

    private static async Task<WriteResult<StockLevel>?> CheckAsync<TInput>(IValidator<TInput> validator, TInput input, string idempotencyKey, CancellationToken cancellationToken)
    {
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (StockWrites.CheckKey(idempotencyKey) is { } keyError)
            errors.Add(keyError);
        return errors.Count > 0 ? WriteResult<StockLevel>.Fail(errors) : null;
    }
}
