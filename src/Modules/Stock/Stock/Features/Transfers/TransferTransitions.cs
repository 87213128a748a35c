using Inventory.BuildingBlocks.GraphQL;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Transfers;

/// <summary>
/// Transfers: DRAFT, then shipped (onHand leaves the source, ledger TRANSFER_OUT; incoming grows at the
/// destination, ledger IN_TRANSIT), then received (incoming becomes onHand, ledger TRANSFER_IN), or cancelled
/// (in transit: the stock goes back to the source, ledger TRANSFER_CANCELLED).
/// </summary>
internal static class TransferTransitions
{
    public static async Task<WriteResult<Transfer>> RunAsync(StockWrites writes, string operation, string id, TransferStatus target, string? key, string actor, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var transferId))
            return WriteResult<Transfer>.Fail(UserError.NotFound("The transfer", "id"));
        if (StockWrites.CheckKey(key) is { } keyError)
            return WriteResult<Transfer>.Fail(keyError);
        if (await writes.ReplayAsync<Transfer>(operation, key, new { id = transferId }, cancellationToken) is { } earlier)
            return earlier;

        Transfer? draft;
        await using (var read = writes.Open())
            draft = await read.Transfers.AsNoTracking().Include(t => t.Lines).FirstOrDefaultAsync(t => t.Id == transferId, cancellationToken);
        if (draft is null)
            return WriteResult<Transfer>.Fail(UserError.NotFound("The transfer", "id"));

        // The levels on both sides exist before the write (created empty when new), so the write itself only updates.
        // Nothing moves until a draft ships, so shipping checks again what creating it did (active product, both
        // warehouses active): stock sent into a deactivated warehouse could be neither reserved nor sent on.
        // Receiving and cancelling are always possible: that stock is already on its way.
        var requests = draft.Lines.SelectMany(l => new[]
        {
            new TargetRequest(l.Sku, draft.FromWarehouseCode, "id"),
            new TargetRequest(l.Sku, draft.ToWarehouseCode, "id"),
        }).ToList();
        var use = (draft.Status, target) is (TransferStatus.Draft, TransferStatus.InTransit) ? TargetUse.Inbound : TargetUse.Correction;
        var (targets, targetErrors) = await StockTargets.ResolveAsync(writes.Open, requests, use, writes.Now, cancellationToken);
        if (targetErrors.Count > 0)
            return WriteResult<Transfer>.Fail(targetErrors.Select(e => e with { Field = "id" }).DistinctBy(e => (e.Code, e.Message)).ToList());

        return await writes.RunAsync<Transfer>(operation, key, new { id = transferId }, async (db, now, ct) =>
        {
          for (var attempt = 1; ; attempt++)
          {
            var transfer = await db.Transfers.AsNoTracking().Include(t => t.Lines).FirstAsync(t => t.Id == transferId, ct);
            var current = transfer.Status;
            if (current == target)
                return WriteResult<Transfer>.Ok(transfer);
            var allowed = (current, target) is (TransferStatus.Draft, TransferStatus.InTransit) or (TransferStatus.InTransit, TransferStatus.Received)
                or (TransferStatus.Draft, TransferStatus.Cancelled) or (TransferStatus.InTransit, TransferStatus.Cancelled);
            if (!allowed)
                return WriteResult<Transfer>.Fail(StockErrors.Status("transfer", StockReasons.ConstantCase(current.ToString()),
                    target == TransferStatus.InTransit ? "DRAFT" : target == TransferStatus.Received ? "IN_TRANSIT" : "DRAFT or IN_TRANSIT"));

            var moved = await db.Transfers.Where(t => t.Id == transferId && t.Status == current).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, target)
                .SetProperty(t => t.UpdatedAt, now)
                .SetProperty(t => t.ShippedAt, t => target == TransferStatus.InTransit ? now : t.ShippedAt)
                .SetProperty(t => t.ReceivedAt, t => target == TransferStatus.Received ? now : t.ReceivedAt), ct);
            if (moved == 0)
            {
                if (attempt < 3)
                    continue; // another request moved it first: decide again on what it is now
                return WriteResult<Transfer>.Fail(new UserError(ErrorCodes.Conflict, "The transfer is changing; try again.", "id"));
            }

            var changes = new List<(Guid LevelId, QuantityDeltas Deltas, StockReason Reason, StockGuard Guard)>();
            for (var i = 0; i < transfer.Lines.Count; i++)
            {
                var line = transfer.Lines.OrderBy(l => l.LineNumber).ElementAt(i);
                var source = targets.First(t => t.Product.SkuKey == line.SkuKey && t.Warehouse.Id == transfer.FromWarehouseId).LevelId!.Value;
                var destination = targets.First(t => t.Product.SkuKey == line.SkuKey && t.Warehouse.Id == transfer.ToWarehouseId).LevelId!.Value;
                var q = line.Quantity;
                switch (current, target)
                {
                    case (TransferStatus.Draft, TransferStatus.InTransit):
                        changes.Add((source, new QuantityDeltas(OnHand: -q), StockReason.TransferOut, StockGuard.Available));
                        changes.Add((destination, new QuantityDeltas(Incoming: q), StockReason.InTransit, StockGuard.Physical));
                        break;
                    case (TransferStatus.InTransit, TransferStatus.Received):
                        changes.Add((destination, new QuantityDeltas(OnHand: q, Incoming: -q), StockReason.TransferIn, StockGuard.Physical));
                        break;
                    case (TransferStatus.InTransit, TransferStatus.Cancelled):
                        changes.Add((source, new QuantityDeltas(OnHand: q), StockReason.TransferCancelled, StockGuard.Physical));
                        changes.Add((destination, new QuantityDeltas(Incoming: -q), StockReason.TransferCancelled, StockGuard.Physical));
                        break;
                }
            }
            foreach (var (levelId, deltas, reason, guard) in changes.OrderBy(c => c.LevelId))
            {
                var result = await LevelWriter.ApplyAsync(db, levelId, deltas, guard,
                    new ChangeContext(reason, transfer.Reference ?? $"transfer:{transfer.Id}", actor, key, now, TransferId: transfer.Id), "id", ct);
                if (!result.Succeeded)
                    return WriteResult<Transfer>.Fail(result.Error!);
            }
            transfer.Status = target;
            transfer.UpdatedAt = now;
            if (target == TransferStatus.InTransit) transfer.ShippedAt = now;
            if (target == TransferStatus.Received) transfer.ReceivedAt = now;
            return WriteResult<Transfer>.Ok(transfer);
          }
        }, cancellationToken, keyCheckedJustNow: key is not null);
    }
}
