using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Persistence;

namespace Inventory.Stock.Features.Levels;

/// <summary>
/// The path the writes on one level share (receive, adjust, count, move): the input checked with its key, a retry
/// answered from the key, the level resolved (a level never stocked gets the use case's own error), then the change
/// applied in one stock write.
/// </summary>
internal sealed class SingleLevelWrite(StockWrites writes)
{
    public async Task<WriteResult<StockLevel>> WriteOneAsync<TInput>(
        string operation, string idempotencyKey, TInput request, string sku, string warehouseCode, TargetUse use,
        Func<StockDbContext, Guid, DateTime, CancellationToken, Task<LevelChange>> change, Func<Target, UserError> neverStocked,
        CancellationToken cancellationToken) where TInput : notnull
    {
        if (await writes.ReplayAsync<StockLevel>(operation, idempotencyKey, request, cancellationToken) is { } earlier)
            return earlier;
        var (targets, errors) = await StockTargets.ResolveAsync(writes.Open, [new TargetRequest(sku, warehouseCode, "input")], use, writes.Now, cancellationToken);
        if (errors.Count > 0)
            return WriteResult<StockLevel>.Fail(errors);
        if (targets[0].LevelId is not { } levelId)
        {
            // Never stocked here: nothing to take from, and nothing is created for a write that cannot apply.
            return WriteResult<StockLevel>.Fail(neverStocked(targets[0]));
        }
        return await writes.RunAsync<StockLevel>(operation, idempotencyKey, request, async (db, now, ct) =>
        {
            var result = await change(db, levelId, now, ct);
            return result.Succeeded ? WriteResult<StockLevel>.Ok(result.Level!) : WriteResult<StockLevel>.Fail(result.Error!);
        }, cancellationToken, keyCheckedJustNow: true);
    }

    public static async Task<WriteResult<StockLevel>?> CheckAsync<TInput>(IValidator<TInput> validator, TInput input, string idempotencyKey, CancellationToken cancellationToken)
    {
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (StockWrites.CheckKey(idempotencyKey) is { } keyError)
            errors.Add(keyError);
        return errors.Count > 0 ? WriteResult<StockLevel>.Fail(errors) : null;
    }
}
