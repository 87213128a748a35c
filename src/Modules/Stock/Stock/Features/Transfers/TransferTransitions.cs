using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Persistence;
using Inventory.Stock.WriteEngine;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Transfers;

/// <summary>
/// Transfers: DRAFT, then shipped (onHand leaves the source, ledger TRANSFER_OUT; incoming grows at the
/// destination, ledger IN_TRANSIT), then received (incoming becomes onHand, ledger TRANSFER_IN), or cancelled
/// (in transit: the stock goes back to the source, ledger TRANSFER_CANCELLED). The move is a
/// <see cref="TransferTransitionCommand"/> in a batch of the stock write engine.
/// </summary>
internal sealed class TransferTransitions(StockWriteEngine engine, ITenantContext tenant, ModuleDbContextFactory<StockDbContext> contexts)
{
    public async Task<WriteResult<Transfer>> RunAsync(string operation, string id, TransferStatus target, string? key, string actor, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var transferId))
            return WriteResult<Transfer>.Fail(UserError.NotFound("The transfer", "id"));
        if (IdempotencyKeys.Check(key) is { } keyError)
            return WriteResult<Transfer>.Fail(keyError);

        // The lines and warehouses of a transfer never change after it is created: read here, unlocked, they name
        // the levels the batch locks. Its status is decided on the locked row.
        Transfer? draft;
        await using (var read = contexts.Create())
            draft = await read.Transfers.AsNoTracking().Include(t => t.Lines).FirstOrDefaultAsync(t => t.Id == transferId, cancellationToken);
        if (draft is null)
            return WriteResult<Transfer>.Fail(UserError.NotFound("The transfer", "id"));
        return await engine.WriteAsync(tenant.Tenant, new TransferTransitionCommand(operation, draft, target, key, actor), cancellationToken);
    }
}

internal sealed class TransferTransitionCommand(string operation, Transfer draft, TransferStatus target, string? idempotencyKey, string actor)
    : StockCommand<Transfer>(operation, idempotencyKey, new { id = draft.Id })
{
    public override IReadOnlyList<Guid> TransferIds { get; } = [draft.Id];

    // Nothing moves until a draft ships, so shipping checks again what creating it did (active product, both
    // warehouses active): stock sent into a deactivated warehouse could be neither reserved nor sent on.
    // Receiving and cancelling are always possible: that stock is already on its way.
    public override IReadOnlyList<LevelTarget> Targets { get; } = draft.Lines.SelectMany(l => new[]
    {
        new LevelTarget(new LevelKey(l.SkuKey, draft.FromWarehouseCode), target == TransferStatus.InTransit ? TargetUse.Inbound : TargetUse.Correction),
        new LevelTarget(new LevelKey(l.SkuKey, draft.ToWarehouseCode), target == TransferStatus.InTransit ? TargetUse.Inbound : TargetUse.Correction),
    }).ToList();

    protected override WriteResult<Transfer> Execute(WriteBatch batch)
    {
        if (!batch.Transfers.TryGetValue(draft.Id, out var transfer))
            return WriteResult<Transfer>.Fail(UserError.NotFound("The transfer", "id"));
        var current = transfer.Status;
        if (current == target)
            return WriteResult<Transfer>.Ok(transfer.Copy()); // already there: retry-safe
        var allowed = (current, target) is (TransferStatus.Draft, TransferStatus.InTransit) or (TransferStatus.InTransit, TransferStatus.Received)
            or (TransferStatus.Draft, TransferStatus.Cancelled) or (TransferStatus.InTransit, TransferStatus.Cancelled);
        if (!allowed)
            return WriteResult<Transfer>.Fail(StockErrors.Status("transfer", StockReasons.ConstantCase(current.ToString()),
                target == TransferStatus.InTransit ? "DRAFT" : target == TransferStatus.Received ? "IN_TRANSIT" : "DRAFT or IN_TRANSIT"));

        var errors = new List<UserError>();
        var levels = Targets.Select(t => TargetChecks.Resolve(batch, t, "id", errors)).ToList();
        if (errors.Count > 0)
            return WriteResult<Transfer>.Fail(errors.Select(e => e with { Field = "id" }).DistinctBy(e => (e.Code, e.Message)).ToList());

        var changes = new List<(StockLevel? Level, LevelTarget Side, QuantityDeltas Deltas, StockReason Reason, StockGuard Guard)>();
        for (var i = 0; i < transfer.Lines.Count; i++)
        {
            var (source, destination, q) = ((levels[2 * i], Targets[2 * i]), (levels[2 * i + 1], Targets[2 * i + 1]), transfer.Lines[i].Quantity);
            switch (current, target)
            {
                case (TransferStatus.Draft, TransferStatus.InTransit):
                    changes.Add((source.Item1, source.Item2, new QuantityDeltas(OnHand: -q), StockReason.TransferOut, StockGuard.Available));
                    changes.Add((destination.Item1, destination.Item2, new QuantityDeltas(Incoming: q), StockReason.InTransit, StockGuard.Physical));
                    break;
                case (TransferStatus.InTransit, TransferStatus.Received):
                    changes.Add((destination.Item1, destination.Item2, new QuantityDeltas(OnHand: q, Incoming: -q), StockReason.TransferIn, StockGuard.Physical));
                    break;
                case (TransferStatus.InTransit, TransferStatus.Cancelled):
                    changes.Add((source.Item1, source.Item2, new QuantityDeltas(OnHand: q), StockReason.TransferCancelled, StockGuard.Physical));
                    changes.Add((destination.Item1, destination.Item2, new QuantityDeltas(Incoming: -q), StockReason.TransferCancelled, StockGuard.Physical));
                    break;
            }
        }
        var change = new ChangeContext(StockReason.TransferOut, transfer.Reference ?? $"transfer:{transfer.Id}", actor, IdempotencyKey, batch.Now, TransferId: transfer.Id);
        foreach (var (level, side, deltas, reason, guard) in changes.OrderBy(c => c.Level?.Id))
        {
            // Both sides' levels exist from the draft's creation; one missing has nothing to give.
            if (level is null)
                return WriteResult<Transfer>.Fail(StockErrors.Insufficient(batch.Products[side.Key.SkuKey].Sku, side.Key.WarehouseCode, "id"));
            if (batch.Apply(level, deltas, guard, change with { Reason = reason }, "id") is { } refused)
                return WriteResult<Transfer>.Fail(refused);
        }
        batch.UpdateTransfer(transfer, target);
        return WriteResult<Transfer>.Ok(transfer.Copy());
    }
}
