using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Common;

/// <summary>How much of a level's stock a change may use.</summary>
internal enum StockGuard
{
    /// <summary>Stock may only be promised from what is available: onHand - reserved - committed - damaged - safetyStock stays at or above zero (unless backorders are allowed).</summary>
    Available,
    /// <summary>Corrections may eat into safety stock, never into what is reserved, committed or damaged (unless backorders are allowed).</summary>
    Physical,
}

/// <summary>What a change is, for the ledger and the events.</summary>
internal sealed record ChangeContext(
    StockReason Reason,
    string? Reference,
    string Actor,
    string? IdempotencyKey,
    DateTime Now,
    Guid? ReservationId = null,
    Guid? TransferId = null,
    string? Note = null);

internal sealed record LevelChange(StockLevel? Level, UserError? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// The one place where the counters of a stock level change. Each change is a single conditional UPDATE whose
/// WHERE clause holds the guards (no quantity below zero, nothing promised beyond what is there, never more
/// damaged than on hand, the expected count for compare-and-set); zero affected rows means a guard failed and nothing changed. The same call
/// appends the ledger entry, the StockLevelChanged event and any threshold alert to the caller's transaction.
/// Rows are locked by the UPDATE itself, so callers that change several levels call in ascending level id order.
/// </summary>
internal static class LevelWriter
{
    public static async Task<LevelChange> ApplyAsync(
        StockDbContext db,
        Guid levelId,
        QuantityDeltas deltas,
        StockGuard guard,
        ChangeContext change,
        string field,
        CancellationToken cancellationToken,
        int? expectedOnHand = null)
    {
        var (on, reserved, committed, damaged, incoming) = (deltas.OnHand, deltas.Reserved, deltas.Committed, deltas.Damaged, deltas.Incoming);
        var max = StockLevel.MaxQuantity;

        var rows = db.Levels.Where(l => l.Id == levelId);
        if (expectedOnHand is { } expected)
            rows = rows.Where(l => l.OnHand == expected);
        if (on < 0) rows = rows.Where(l => l.OnHand + on >= 0);
        if (reserved < 0) rows = rows.Where(l => l.Reserved + reserved >= 0);
        if (committed < 0) rows = rows.Where(l => l.Committed + committed >= 0);
        if (damaged < 0) rows = rows.Where(l => l.Damaged + damaged >= 0);
        if (incoming < 0) rows = rows.Where(l => l.Incoming + incoming >= 0);
        if (on > 0) rows = rows.Where(l => l.OnHand <= max - on);
        if (reserved > 0) rows = rows.Where(l => l.Reserved <= max - reserved);
        if (committed > 0) rows = rows.Where(l => l.Committed <= max - committed);
        if (damaged > 0) rows = rows.Where(l => l.Damaged <= max - damaged);
        if (incoming > 0) rows = rows.Where(l => l.Incoming <= max - incoming);

        // Damaged stock is stock on hand: whatever the backorder setting, damaged never exceeds onHand.
        if (on < 0 || damaged > 0) rows = rows.Where(l => l.OnHand + on - (l.Damaged + damaged) >= 0);

        // Only a change that takes from the free stock is held to it: returning stock is never refused.
        var takesFreeStock = reserved + committed + damaged - on > 0;
        if (takesFreeStock)
        {
            rows = guard == StockGuard.Available
                ? rows.Where(l => l.AllowBackorder || (l.OnHand + on) - (l.Reserved + reserved) - (l.Committed + committed) - (l.Damaged + damaged) - l.SafetyStock >= 0)
                : rows.Where(l => l.AllowBackorder || (l.OnHand + on) - (l.Reserved + reserved) - (l.Committed + committed) - (l.Damaged + damaged) >= 0);
        }

        var now = change.Now;
        var updated = await rows.ExecuteUpdateAsync(s => s
            .SetProperty(l => l.OnHand, l => l.OnHand + on)
            .SetProperty(l => l.Reserved, l => l.Reserved + reserved)
            .SetProperty(l => l.Committed, l => l.Committed + committed)
            .SetProperty(l => l.Damaged, l => l.Damaged + damaged)
            .SetProperty(l => l.Incoming, l => l.Incoming + incoming)
            .SetProperty(l => l.Version, l => l.Version + 1)
            .SetProperty(l => l.UpdatedAt, now), cancellationToken);

        var level = await db.Levels.AsNoTracking().FirstOrDefaultAsync(l => l.Id == levelId, cancellationToken);
        if (level is null)
            return new(null, UserError.NotFound("The stock level", field));
        if (updated == 0)
            return new(null, WhyRefused(level, deltas, field, expectedOnHand));

        await RecordAsync(db, level, deltas, change, cancellationToken);
        return new(level, null);
    }

    /// <summary>Appends the ledger entry and the events of a change already applied to <paramref name="after"/>.</summary>
    public static async Task RecordAsync(StockDbContext db, StockLevel after, QuantityDeltas deltas, ChangeContext change, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        // Taken now, after this transaction's UPDATE holds the row: a write that waited for the lock is later in
        // the ledger than the one it waited for, as its version is.
        var at = DateTime.UtcNow > change.Now ? DateTime.UtcNow : change.Now;
        db.Movements.Add(new StockMovement
        {
            Id = id,
            SortKey = SortKeys.Of(at, id),
            LevelId = after.Id,
            Sku = after.Sku,
            SkuKey = after.SkuKey,
            WarehouseId = after.WarehouseId,
            WarehouseCode = after.WarehouseCode,
            Reason = change.Reason,
            Reference = change.Reference,
            Note = change.Note,
            OnHandDelta = deltas.OnHand,
            ReservedDelta = deltas.Reserved,
            CommittedDelta = deltas.Committed,
            DamagedDelta = deltas.Damaged,
            IncomingDelta = deltas.Incoming,
            OnHandAfter = after.OnHand,
            ReservedAfter = after.Reserved,
            CommittedAfter = after.Committed,
            DamagedAfter = after.Damaged,
            IncomingAfter = after.Incoming,
            AvailableAfter = after.Available,
            VersionAfter = after.Version,
            Actor = change.Actor,
            IdempotencyKey = change.IdempotencyKey,
            ReservationId = change.ReservationId,
            TransferId = change.TransferId,
            OccurredAt = at,
        });
        await AnnounceAsync(db, after, StockReasons.Name(change.Reason), change.Reference, change.Now, cancellationToken);
    }

    /// <summary>Publishes the level's new quantities and, when it crossed a threshold, the alert (once per crossing).</summary>
    public static async Task AnnounceAsync(StockDbContext db, StockLevel level, string reason, string? reference, DateTime now, CancellationToken cancellationToken)
    {
        db.Publish(new StockLevelChanged(level.Sku, level.WarehouseCode, level.OnHand, level.Reserved, level.Committed, level.Damaged,
            level.SafetyStock, level.Incoming, level.Available, level.ReorderPoint, level.Version, reason, reference, now), now);

        var (state, raised) = StockAlerts.Next(level.AlertState, level.Available, level.ReorderPoint);
        if (state != level.AlertState)
        {
            // The row is locked by this transaction's UPDATE: the state cannot move under us.
            var id = level.Id;
            await db.Levels.Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.AlertState, state), cancellationToken);
            level.AlertState = state;
        }
        if (raised is { } kind)
        {
            var alertId = Guid.CreateVersion7();
            var alert = new StockAlert
            {
                Id = alertId,
                SortKey = SortKeys.Of(now, alertId),
                Kind = kind,
                LevelId = level.Id,
                Sku = level.Sku,
                SkuKey = level.SkuKey,
                WarehouseCode = level.WarehouseCode,
                Available = level.Available,
                Threshold = StockAlerts.Threshold(kind, level.ReorderPoint),
                RaisedAt = now,
            };
            db.Alerts.Add(alert);
            db.Publish(new StockAlertRaised(StockReasons.AlertName(kind), level.Sku, level.WarehouseCode, alert.Available, alert.Threshold, now, alertId), now);
        }
    }

    private static UserError WhyRefused(StockLevel level, QuantityDeltas deltas, string field, int? expectedOnHand)
    {
        if (expectedOnHand is { } expected && level.OnHand != expected)
            return new(StockErrors.Stale, $"On hand is {level.OnHand}, not {expected}: it changed since it was read. Count again or send the current quantity.", field);
        var tooBig = (deltas.OnHand > 0 && level.OnHand + (long)deltas.OnHand > StockLevel.MaxQuantity)
            || (deltas.Incoming > 0 && level.Incoming + (long)deltas.Incoming > StockLevel.MaxQuantity)
            || (deltas.Reserved > 0 && level.Reserved + (long)deltas.Reserved > StockLevel.MaxQuantity)
            || (deltas.Committed > 0 && level.Committed + (long)deltas.Committed > StockLevel.MaxQuantity)
            || (deltas.Damaged > 0 && level.Damaged + (long)deltas.Damaged > StockLevel.MaxQuantity);
        if (tooBig)
            return new(StockErrors.QuantityLimit, $"A quantity may not exceed {StockLevel.MaxQuantity:N0}.", field);
        return StockErrors.Insufficient(level.Sku, level.WarehouseCode, field);
    }
}

internal static class StockReasons
{
    public static string Name(StockReason reason) => ConstantCase(reason.ToString());

    public static string AlertName(StockAlertKind kind) => ConstantCase(kind.ToString());

    public static string ConstantCase(string pascal)
    {
        var text = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
                text.Append('_');
            text.Append(char.ToUpperInvariant(pascal[i]));
        }
        return text.ToString();
    }
}
