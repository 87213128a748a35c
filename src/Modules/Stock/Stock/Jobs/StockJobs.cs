using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Scheduling;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.ExpireReservations;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Stock.Jobs;

/// <summary>Returns the stock of reservations past their time to live (ledger EXPIRED, event ReservationExpired).</summary>
internal sealed class ReservationExpiryJob(
    ModuleDbContextFactory<StockDbContext> contexts,
    ExpireReservationHandler reservations,
    IOptions<StockOptions> options,
    TimeProvider time,
    ILogger<ReservationExpiryJob> logger) : ITenantJob
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = contexts.Create())
            due = await db.Reservations.AsNoTracking()
                .Where(r => r.Status == ReservationStatus.Held && r.ExpiresAt <= now)
                .OrderBy(r => r.ExpiresAt)
                .Select(r => r.Id)
                .Take(options.Value.ExpiryBatchSize)
                .ToListAsync(cancellationToken);

        foreach (var id in due)
        {
            // Each in its own transaction; one that was released or committed meanwhile is simply left as it is.
            try
            {
                var result = await reservations.ExpireAsync(id, cancellationToken);
                if (!result.Succeeded)
                    logger.LogWarning("Reservation {ReservationId} could not expire: {Error}", id, result.Errors[0].Message);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Reservation {ReservationId} could not expire; the next run tries again", id);
            }
        }
        if (due.Count > 0)
            logger.LogInformation("Expired {Count} reservations", due.Count);
    }
}

/// <summary>Removes idempotency keys older than the retention (24 hours by default, never less).</summary>
internal sealed class IdempotencyKeyCleanupJob(ModuleDbContextFactory<StockDbContext> contexts, IOptions<StockOptions> options, TimeProvider time) : ITenantJob
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value.IdempotencyKeyRetention < TimeSpan.FromHours(24) ? TimeSpan.FromHours(24) : options.Value.IdempotencyKeyRetention;
        var cutoff = time.GetUtcNow().UtcDateTime - retention;
        await using var db = contexts.Create();
        await db.IdempotencyRecords.Where(k => k.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}

internal sealed class ReconciliationJob(StockReconciler reconciler) : ITenantJob
{
    public Task RunAsync(CancellationToken cancellationToken) => reconciler.RunAsync(cancellationToken);
}

/// <summary>
/// Recomputes every level from the ledger (the sum of its movements' deltas) and records where the stored
/// counters differ. Nothing is corrected automatically: drift means a bug or a hand-made change, and people decide.
/// </summary>
internal sealed class StockReconciler(ModuleDbContextFactory<StockDbContext> contexts, TimeProvider time, ILogger<StockReconciler> logger)
{
    public async Task<Reconciliation> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var now = time.GetUtcNow().UtcDateTime;
        // Both reads see one snapshot: a write landing between them must not look like drift.
        var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var sums = await db.Movements.AsNoTracking()
            .GroupBy(m => m.LevelId)
            .Select(g => new
            {
                LevelId = g.Key,
                OnHand = g.Sum(m => m.OnHandDelta),
                Reserved = g.Sum(m => m.ReservedDelta),
                Committed = g.Sum(m => m.CommittedDelta),
                Damaged = g.Sum(m => m.DamagedDelta),
                Incoming = g.Sum(m => m.IncomingDelta),
            })
            .ToDictionaryAsync(s => s.LevelId, cancellationToken);
        var levels = await db.Levels.AsNoTracking().OrderBy(l => l.SkuKey).ThenBy(l => l.WarehouseCode).ToListAsync(cancellationToken);
        await snapshot.CommitAsync(cancellationToken);
        await snapshot.DisposeAsync();

        var run = new Reconciliation { Id = Guid.CreateVersion7(), CheckedAt = now, LevelsChecked = levels.Count };
        foreach (var level in levels)
        {
            sums.TryGetValue(level.Id, out var sum);
            void Check(string name, int recorded, int ledger)
            {
                if (recorded != ledger)
                    run.Drifts.Add(new StockDrift { Number = run.Drifts.Count + 1, Sku = level.Sku, WarehouseCode = level.WarehouseCode, Quantity = name, Recorded = recorded, Ledger = ledger });
            }
            Check("onHand", level.OnHand, sum?.OnHand ?? 0);
            Check("reserved", level.Reserved, sum?.Reserved ?? 0);
            Check("committed", level.Committed, sum?.Committed ?? 0);
            Check("damaged", level.Damaged, sum?.Damaged ?? 0);
            Check("incoming", level.Incoming, sum?.Incoming ?? 0);
        }

        db.Reconciliations.Add(run);
        if (run.Drifts.Count > 0)
        {
            db.Publish(new StockDriftDetected(run.Id, run.LevelsChecked, run.Drifts.Count, now), now);
            logger.LogWarning("Stock drift: {Count} quantities differ from the ledger across {Levels} levels", run.Drifts.Count, levels.Count);
        }
        // Keep the last runs only: the latest answers stockDrift, a few before it show a trend.
        var old = await db.Reconciliations.OrderByDescending(r => r.CheckedAt).Skip(9).Select(r => r.Id).ToListAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (old.Count > 0)
        {
            await db.Set<StockDrift>().Where(d => old.Contains(d.ReconciliationId)).ExecuteDeleteAsync(cancellationToken);
            await db.Reconciliations.Where(r => old.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        return run;
    }
}
