using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.WriteEngine;
using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Persistence;

namespace Inventory.Stock.Features.Levels;

/// <summary>
/// The path the writes on one level share (receive, adjust, count, move): the input checked with its key, then the
/// change as a <see cref="ChangeLevelCommand"/> in a batch of the stock write engine (which answers a retry from its
/// key, resolves the level and gives a level never stocked the use case's own error).
/// </summary>
internal sealed class SingleLevelWrite(StockWriteEngine engine, ITenantContext tenant)
{
    public Task<WriteResult<StockLevel>> WriteAsync(ChangeLevelCommand command, CancellationToken cancellationToken) =>
        engine.WriteAsync(tenant.Tenant, command, cancellationToken);

    public static LevelTarget Target(string skuKey, string warehouseCode, TargetUse use) => new(new LevelKey(skuKey, warehouseCode), use);

    public static async Task<WriteResult<StockLevel>?> CheckAsync<TInput>(IValidator<TInput> validator, TInput input, string idempotencyKey, CancellationToken cancellationToken)
    {
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (IdempotencyKeys.Check(idempotencyKey) is { } keyError)
            errors.Add(keyError);
        return errors.Count > 0 ? WriteResult<StockLevel>.Fail(errors) : null;
    }
}
