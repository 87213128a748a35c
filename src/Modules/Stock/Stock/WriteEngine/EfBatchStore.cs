using Inventory.BuildingBlocks.Messaging;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.WriteEngine;

/// <summary>Another writer changed a row this batch read: the batch rolls back and runs again on fresh rows.</summary>
internal sealed class WriteConflictException(string message) : Exception(message);

/// <summary>
/// A batch through EF Core, for SQLite (the embedded default) and SQL Server: the same commands decide on the
/// same state, so the behaviour is the same; only the round trips differ. SQLite's transaction takes the
/// database's write lock when it begins (BEGIN IMMEDIATE), so nothing changes under the batch. For a server
/// with row locks, every row is written back guarded by the version (levels) or status (reservations) it was
/// read with: a row another writer changed meanwhile fails the guard and the batch runs again.
/// </summary>
internal sealed class EfBatchStore : IWriteBatchStore
{
    public async Task RunAsync(StockDbContext db, WriteBatch batch, IReadOnlyList<StockCommand> commands, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var targets = commands.SelectMany(c => c.Targets).DistinctBy(t => t.Key).ToList();
        var reservationIds = commands.SelectMany(c => c.ReservationIds).Distinct().ToList();
        var keys = commands.Select(c => c.IdempotencyKey).OfType<string>().Distinct().ToList();
        var skuKeys = targets.Select(t => t.Key.SkuKey).Distinct().ToList();
        var codes = targets.Select(t => t.Key.WarehouseCode).Distinct().ToList();

        foreach (var product in await db.Products.AsNoTracking().Where(p => skuKeys.Contains(p.SkuKey)).ToListAsync(cancellationToken))
            batch.Products[product.SkuKey] = product;
        foreach (var warehouse in await db.Warehouses.AsNoTracking().Where(w => codes.Contains(w.Code)).ToListAsync(cancellationToken))
            batch.Warehouses[warehouse.Code] = warehouse;

        var levels = await db.Levels.AsNoTracking().Where(l => skuKeys.Contains(l.SkuKey) && codes.Contains(l.WarehouseCode)).ToListAsync(cancellationToken);
        var missing = targets.Where(t => t.Creates && !levels.Any(l => l.SkuKey == t.Key.SkuKey && l.WarehouseCode == t.Key.WarehouseCode)
            && batch.Products.TryGetValue(t.Key.SkuKey, out var p) && batch.Warehouses.TryGetValue(t.Key.WarehouseCode, out var w)
            && (t.Use != TargetUse.Inbound || (!p.Discontinued && w.Active))).ToList();
        foreach (var target in missing)
        {
            var level = StockLevel.Create(batch.Products[target.Key.SkuKey].Sku, batch.Warehouses[target.Key.WarehouseCode], batch.Now);
            db.Levels.Add(level);
            levels.Add(level);
        }
        if (missing.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        foreach (var reservation in await db.Reservations.AsNoTracking().Include(r => r.Lines).Where(r => reservationIds.Contains(r.Id)).ToListAsync(cancellationToken))
        {
            reservation.Lines.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
            batch.Reservations[reservation.Id] = reservation;
        }
        var lineLevels = batch.Reservations.Values.SelectMany(r => r.Lines).Select(l => l.LevelId).Distinct().Where(id => levels.All(l => l.Id != id)).ToList();
        if (lineLevels.Count > 0)
            levels.AddRange(await db.Levels.AsNoTracking().Where(l => lineLevels.Contains(l.Id)).ToListAsync(cancellationToken));
        foreach (var level in levels)
        {
            batch.Levels[level.Id] = level;
            batch.LevelsByKey[new LevelKey(level.SkuKey, level.WarehouseCode)] = level;
        }
        foreach (var record in await db.IdempotencyRecords.AsNoTracking().Where(k => keys.Contains(k.Key)).ToListAsync(cancellationToken))
            batch.Keys[record.Key] = record;

        var messageIds = commands.Select(c => c.Inbox?.MessageId).OfType<Guid>().Distinct().ToList();
        if (messageIds.Count > 0)
            foreach (var row in await db.InboxMessages.AsNoTracking().Where(m => messageIds.Contains(m.MessageId)).ToListAsync(cancellationToken))
                batch.Inbox.Add(new InboxEntry(row.MessageId, row.Consumer));

        var versions = batch.Levels.Values.ToDictionary(l => l.Id, l => l.Version);
        var statuses = batch.Reservations.Values.ToDictionary(r => r.Id, r => r.Status);

        foreach (var command in commands)
            command.Decide(batch);

        foreach (var id in batch.ChangedLevels)
        {
            var level = batch.Levels[id];
            var version = versions[id];
            var updated = await db.Levels.Where(l => l.Id == id && l.Version == version).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.OnHand, level.OnHand)
                .SetProperty(l => l.Reserved, level.Reserved)
                .SetProperty(l => l.Committed, level.Committed)
                .SetProperty(l => l.Damaged, level.Damaged)
                .SetProperty(l => l.Incoming, level.Incoming)
                .SetProperty(l => l.AlertState, level.AlertState)
                .SetProperty(l => l.Version, level.Version)
                .SetProperty(l => l.UpdatedAt, level.UpdatedAt), cancellationToken);
            if (updated == 0)
                throw new WriteConflictException($"Stock level {id} changed while the batch decided.");
        }
        var created = batch.NewReservations.Select(r => r.Id).ToHashSet();
        foreach (var id in batch.ChangedReservations.Where(id => !created.Contains(id)))
        {
            var reservation = batch.Reservations[id];
            var status = statuses[id];
            var updated = await db.Reservations.Where(r => r.Id == id && r.Status == status).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, reservation.Status)
                .SetProperty(r => r.ExpiresAt, reservation.ExpiresAt)
                .SetProperty(r => r.UpdatedAt, reservation.UpdatedAt), cancellationToken);
            if (updated == 0)
                throw new WriteConflictException($"Reservation {id} changed while the batch decided.");
        }
        db.Movements.AddRange(batch.Movements);
        db.Reservations.AddRange(batch.NewReservations);
        db.Alerts.AddRange(batch.Alerts);
        db.OutboxMessages.AddRange(batch.OutboxMessages());
        db.IdempotencyRecords.AddRange(batch.NewKeys);
        db.InboxMessages.AddRange(batch.NewInbox.Select(e => InboxMessage.Create(e.MessageId, e.Consumer, batch.Now)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
