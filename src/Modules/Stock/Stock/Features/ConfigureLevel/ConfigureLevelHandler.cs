using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.ConfigureLevel;

/// <summary>configureStockLevel: a level's reorder point, safety stock and backorder policy.</summary>
internal sealed class ConfigureLevelHandler(StockWriteEngine engine, ITenantContext tenant, IValidator<ConfigureStockLevelInput> validator)
{
    /// <summary>Settings are absolute, so a retry is harmless without a key; the version still moves and the change is announced. With no setting given it only makes sure the level exists.</summary>
    public async Task<WriteResult<StockLevel>> ConfigureAsync(ConfigureStockLevelInput input, string actor, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return WriteResult<StockLevel>.Fail(errors);
        var target = new LevelTarget(new LevelKey(StockProduct.KeyOf(input.Sku), WarehouseRules.Normalize(input.WarehouseCode)), TargetUse.Correction);
        return await engine.WriteAsync(tenant.Tenant, new ConfigureLevelCommand(input, target), cancellationToken);
    }
}

/// <summary>The settings on the locked level; turning backorders off is refused while the level is promised beyond what it holds.</summary>
internal sealed class ConfigureLevelCommand(ConfigureStockLevelInput input, LevelTarget target)
    : StockCommand<StockLevel>("configureStockLevel", null, input)
{
    public override IReadOnlyList<LevelTarget> Targets { get; } = [target];

    protected override WriteResult<StockLevel> Execute(WriteBatch batch)
    {
        var errors = new List<UserError>();
        var level = TargetChecks.Resolve(batch, target, "input", errors);
        if (errors.Count > 0)
            return WriteResult<StockLevel>.Fail(errors);
        // A correction target is created empty by the batch when it is missing: only a race with a deleted
        // product or warehouse leaves it absent.
        if (level is null)
            return WriteResult<StockLevel>.Fail(UserError.NotFound("The stock level", "input"));
        if (input.ReorderPoint is null && input.SafetyStock is null && input.AllowBackorder is null)
            return WriteResult<StockLevel>.Ok(level.Copy()); // nothing to set: the level exists now, no version, no event
        if (input.AllowBackorder == false && level.AllowBackorder && level.OnHand - level.Reserved - level.Committed - level.Damaged < 0)
            return WriteResult<StockLevel>.Fail(new UserError(StockErrors.BackordersOutstanding,
                "More is reserved, committed or damaged than is on hand: receive stock or release reservations before turning backorders off.", "input.allowBackorder"));
        batch.Configure(level, input.ReorderPoint, input.SafetyStock, input.AllowBackorder);
        return WriteResult<StockLevel>.Ok(level.Copy());
    }
}
