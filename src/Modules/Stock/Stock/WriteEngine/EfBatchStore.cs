using Inventory.BuildingBlocks.Messaging;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
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
        // A command gets the levels it would create only when it can have all of them (as on PostgreSQL): a
        // request refused for one line leaves no empty level behind for its others.
        bool Creatable(LevelTarget t) => batch.Products.TryGetValue(t.Key.SkuKey, out var p) && batch.Warehouses.TryGetValue(t.Key.WarehouseCode, out var w)
            && (t.Use != TargetUse.Inbound || (!p.Discontinued && w.Active));
        var missing = commands.Select(c => c.Targets.Where(t => t.Creates).ToList()).Where(ts => ts.All(Creatable)).SelectMany(ts => ts)
            .DistinctBy(t => t.Key)
            .Where(t => !levels.Any(l => l.SkuKey == t.Key.SkuKey && l.WarehouseCode == t.Key.WarehouseCode)).ToList();
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
        var transferIds = commands.SelectMany(c => c.TransferIds).Distinct().ToList();
        if (transferIds.Count > 0)
            foreach (var transfer in await db.Transfers.AsNoTracking().Include(t => t.Lines).Where(t => transferIds.Contains(t.Id)).ToListAsync(cancellationToken))
            {
                transfer.Lines.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
                batch.Transfers[transfer.Id] = transfer;
            }
        var orderIds = commands.SelectMany(c => c.PurchaseOrderIds).Distinct().ToList();
        if (orderIds.Count > 0)
            foreach (var order in await db.PurchaseOrders.AsNoTracking().Include(o => o.Lines).Where(o => orderIds.Contains(o.Id)).ToListAsync(cancellationToken))
            {
                order.Lines.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
                batch.PurchaseOrders[order.Id] = order;
            }
        var lineLevels = batch.Reservations.Values.SelectMany(r => r.Lines).Select(l => l.LevelId)
            .Concat(batch.PurchaseOrders.Values.SelectMany(o => o.Lines).Select(l => l.LevelId))
            .Distinct().Where(id => levels.All(l => l.Id != id)).ToList();
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
        var transferStatuses = batch.Transfers.Values.ToDictionary(t => t.Id, t => t.Status);
        var orderStamps = batch.PurchaseOrders.Values.ToDictionary(o => o.Id, o => (o.Status, o.UpdatedAt, Received: o.Lines.Select(l => l.Received).ToArray()));

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
                .SetProperty(l => l.UpdatedAt, level.UpdatedAt)
                .SetProperty(l => l.SafetyStock, level.SafetyStock)
                .SetProperty(l => l.ReorderPoint, level.ReorderPoint)
                .SetProperty(l => l.AllowBackorder, level.AllowBackorder), cancellationToken);
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
        var newTransfers = batch.NewTransfers.Select(t => t.Id).ToHashSet();
        foreach (var id in batch.ChangedTransfers.Where(id => !newTransfers.Contains(id)))
        {
            var transfer = batch.Transfers[id];
            var status = transferStatuses[id];
            var updated = await db.Transfers.Where(t => t.Id == id && t.Status == status).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, transfer.Status)
                .SetProperty(t => t.UpdatedAt, transfer.UpdatedAt)
                .SetProperty(t => t.ShippedAt, transfer.ShippedAt)
                .SetProperty(t => t.ReceivedAt, transfer.ReceivedAt), cancellationToken);
            if (updated == 0)
                throw new WriteConflictException($"Transfer {id} changed while the batch decided.");
        }
        var newOrders = batch.NewPurchaseOrders.Select(o => o.Id).ToHashSet();
        foreach (var id in batch.ChangedPurchaseOrders.Where(id => !newOrders.Contains(id)))
        {
            var order = batch.PurchaseOrders[id];
            var (status, stamp, received) = orderStamps[id];
            var updated = await db.PurchaseOrders.Where(o => o.Id == id && o.Status == status && o.UpdatedAt == stamp).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, order.Status)
                .SetProperty(o => o.UpdatedAt, order.UpdatedAt), cancellationToken);
            if (updated == 0)
                throw new WriteConflictException($"Purchase order {id} changed while the batch decided.");
            for (var i = 0; i < order.Lines.Count; i++)
            {
                if (order.Lines[i].Received == received[i])
                    continue;
                var (number, value) = (order.Lines[i].LineNumber, order.Lines[i].Received);
                await db.Set<PurchaseOrderLine>().Where(l => l.PurchaseOrderId == id && l.LineNumber == number)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.Received, value), cancellationToken);
            }
        }
        db.Transfers.AddRange(batch.NewTransfers);
        db.PurchaseOrders.AddRange(batch.NewPurchaseOrders);
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
