using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.ConfigureLevel;

/// <summary>configureStockLevel: a level's reorder point, safety stock and backorder policy.</summary>
internal sealed class ConfigureLevelHandler(StockWrites writes, IValidator<ConfigureStockLevelInput> validator)
{
    /// <summary>Settings are absolute, so a retry is harmless without a key; the version still moves and the change is announced. With no setting given it only makes sure the level exists.</summary>
    public async Task<WriteResult<StockLevel>> ConfigureAsync(ConfigureStockLevelInput input, string actor, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
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
}
