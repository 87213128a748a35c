using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.WriteEngine;

/// <summary>A level named by a write: by SKU and warehouse, or by id (a reservation's lines).</summary>
internal readonly record struct LevelKey(string SkuKey, string WarehouseCode);

/// <summary>
/// What one batch of writes sees and changes: the rows it locked (levels, reservations, the idempotency keys
/// already used), loaded once for the whole batch, and the rows it will write. The commands of a batch are
/// decided one after another on this state, in the order they arrived, exactly as if each had run alone in
/// that order: the second reservation on a level sees what the first took. A command that fails undoes what it
/// changed here (its undo log), so the commands after it see the state without it and nothing of it is written.
/// </summary>
internal sealed class WriteBatch(string tenantId, DateTime now)
{
    private readonly List<Action> _undo = [];

    public string TenantId { get; } = tenantId;
    public DateTime Now { get; } = now;

    // Loaded (and locked) by the store.
    public Dictionary<Guid, StockLevel> Levels { get; } = [];
    public Dictionary<LevelKey, StockLevel> LevelsByKey { get; } = [];
    public Dictionary<string, StockProduct> Products { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Warehouse> Warehouses { get; } = new(StringComparer.Ordinal);
    public Dictionary<Guid, Reservation> Reservations { get; } = [];
    public Dictionary<string, IdempotencyRecord> Keys { get; } = new(StringComparer.Ordinal);
    public HashSet<InboxEntry> Inbox { get; } = [];
    public Dictionary<Guid, Transfer> Transfers { get; } = [];
    public Dictionary<Guid, PurchaseOrder> PurchaseOrders { get; } = [];

    // To write, in this order.
    public HashSet<Guid> ChangedLevels { get; } = [];
    public List<StockMovement> Movements { get; } = [];
    public List<Reservation> NewReservations { get; } = [];
    public HashSet<Guid> ChangedReservations { get; } = [];
    public List<StockAlert> Alerts { get; } = [];
    public List<OutboxMessage> Outbox { get; } = [];
    public List<IdempotencyRecord> NewKeys { get; } = [];
    public List<InboxEntry> NewInbox { get; } = [];
    public List<Transfer> NewTransfers { get; } = [];
    public HashSet<Guid> ChangedTransfers { get; } = [];
    public List<PurchaseOrder> NewPurchaseOrders { get; } = [];
    public HashSet<Guid> ChangedPurchaseOrders { get; } = [];

    /// <summary>The last StockLevelChanged of each level in this batch: one event per level per commit, with its final quantities.</summary>
    private readonly Dictionary<Guid, (int Index, StockLevelChanged Event)> _levelEvents = [];
    private DateTime _clock = now;

    public int Mark() => _undo.Count;

    /// <summary>Undoes everything done since <paramref name="mark"/>, latest first.</summary>
    public void RollbackTo(int mark)
    {
        for (var i = _undo.Count - 1; i >= mark; i--)
            _undo[i]();
        _undo.RemoveRange(mark, _undo.Count - mark);
    }

    public StockLevel? Level(string skuKey, string warehouseCode) => LevelsByKey.GetValueOrDefault(new LevelKey(skuKey, warehouseCode));

    /// <summary>
    /// Applies a change of a level's counters if its guards hold (the same guards the single UPDATE had: no
    /// quantity below zero or above the maximum, damaged within onHand, nothing promised beyond what is free,
    /// the expected onHand for compare-and-set), appends the ledger entry, the level's event and any threshold
    /// alert. Returns the refusal, or null when applied.
    /// </summary>
    public UserError? Apply(StockLevel level, QuantityDeltas deltas, StockGuard guard, ChangeContext change, string field, int? expectedOnHand = null)
    {
        if (Refusal(level, deltas, guard, field, expectedOnHand) is { } refused)
            return refused;

        var before = (level.OnHand, level.Reserved, level.Committed, level.Damaged, level.Incoming, level.Version, level.UpdatedAt, level.AlertState);
        var wasChanged = ChangedLevels.Contains(level.Id);
        level.OnHand += deltas.OnHand;
        level.Reserved += deltas.Reserved;
        level.Committed += deltas.Committed;
        level.Damaged += deltas.Damaged;
        level.Incoming += deltas.Incoming;
        level.Version += 1;
        level.UpdatedAt = change.Now;
        ChangedLevels.Add(level.Id);
        _undo.Add(() =>
        {
            (level.OnHand, level.Reserved, level.Committed, level.Damaged, level.Incoming, level.Version, level.UpdatedAt, level.AlertState) = before;
            if (!wasChanged)
                ChangedLevels.Remove(level.Id);
        });

        var id = Guid.CreateVersion7();
        // Later in the ledger than every change before it in this batch, as its version is.
        var at = Tick(change.Now);
        Add(Movements, new StockMovement
        {
            Id = id,
            SortKey = SortKeys.Of(at, id),
            LevelId = level.Id,
            Sku = level.Sku,
            SkuKey = level.SkuKey,
            WarehouseId = level.WarehouseId,
            WarehouseCode = level.WarehouseCode,
            Reason = change.Reason,
            Reference = change.Reference,
            Note = change.Note,
            OnHandDelta = deltas.OnHand,
            ReservedDelta = deltas.Reserved,
            CommittedDelta = deltas.Committed,
            DamagedDelta = deltas.Damaged,
            IncomingDelta = deltas.Incoming,
            OnHandAfter = level.OnHand,
            ReservedAfter = level.Reserved,
            CommittedAfter = level.Committed,
            DamagedAfter = level.Damaged,
            IncomingAfter = level.Incoming,
            AvailableAfter = level.Available,
            VersionAfter = level.Version,
            Actor = change.Actor,
            IdempotencyKey = change.IdempotencyKey,
            ReservationId = change.ReservationId,
            TransferId = change.TransferId,
            OccurredAt = at,
        });
        Announce(level, StockReasons.Name(change.Reason), change.Reference);
        return null;
    }

    /// <summary>Publishes the level's new quantities (coalesced per level in this batch) and the alert when it crossed a threshold, once per crossing.</summary>
    public void Announce(StockLevel level, string reason, string? reference)
    {
        var changed = new StockLevelChanged(level.Sku, level.WarehouseCode, level.OnHand, level.Reserved, level.Committed, level.Damaged,
            level.SafetyStock, level.Incoming, level.Available, level.ReorderPoint, level.Version, reason, reference, Now);
        if (_levelEvents.TryGetValue(level.Id, out var earlier))
        {
            _levelEvents[level.Id] = (earlier.Index, changed);
            _undo.Add(() => _levelEvents[level.Id] = earlier);
        }
        else
        {
            _levelEvents[level.Id] = (-1, changed);
            _undo.Add(() => _levelEvents.Remove(level.Id));
        }

        var (state, raised) = StockAlerts.Next(level.AlertState, level.Available, level.ReorderPoint);
        if (state != level.AlertState)
        {
            var previous = level.AlertState;
            var wasChanged = ChangedLevels.Contains(level.Id);
            level.AlertState = state;
            ChangedLevels.Add(level.Id);
            _undo.Add(() =>
            {
                level.AlertState = previous;
                if (!wasChanged)
                    ChangedLevels.Remove(level.Id);
            });
        }
        if (raised is { } kind)
        {
            var alertId = Guid.CreateVersion7();
            var alert = new StockAlert
            {
                Id = alertId,
                SortKey = SortKeys.Of(Now, alertId),
                Kind = kind,
                LevelId = level.Id,
                Sku = level.Sku,
                SkuKey = level.SkuKey,
                WarehouseCode = level.WarehouseCode,
                Available = level.Available,
                Threshold = StockAlerts.Threshold(kind, level.ReorderPoint),
                RaisedAt = Now,
            };
            Add(Alerts, alert);
            Publish(new StockAlertRaised(StockReasons.AlertName(kind), level.Sku, level.WarehouseCode, alert.Available, alert.Threshold, Now, alertId));
        }
    }

    public void Publish<TEvent>(TEvent integrationEvent) where TEvent : class => Add(Outbox, OutboxMessage.Create(integrationEvent, TenantId, Now));

    public void AddReservation(Reservation reservation)
    {
        Add(NewReservations, reservation);
        Reservations[reservation.Id] = reservation;
        _undo.Add(() => Reservations.Remove(reservation.Id));
    }

    /// <summary>Moves a loaded reservation to a status (and expiry), undoably.</summary>
    public void UpdateReservation(Reservation reservation, ReservationStatus status, DateTime expiresAt)
    {
        var before = (reservation.Status, reservation.ExpiresAt, reservation.UpdatedAt);
        var wasChanged = ChangedReservations.Contains(reservation.Id);
        reservation.Status = status;
        reservation.ExpiresAt = expiresAt;
        reservation.UpdatedAt = Now;
        ChangedReservations.Add(reservation.Id);
        _undo.Add(() =>
        {
            (reservation.Status, reservation.ExpiresAt, reservation.UpdatedAt) = before;
            if (!wasChanged)
                ChangedReservations.Remove(reservation.Id);
        });
    }

    /// <summary>
    /// Sets a level's reorder point, safety stock and backorder policy (each when given). Not a movement, so no
    /// ledger entry; the version moves and the change is announced (its alerts follow the new thresholds).
    /// </summary>
    public void Configure(StockLevel level, int? reorderPoint, int? safetyStock, bool? allowBackorder)
    {
        var before = (level.ReorderPoint, level.SafetyStock, level.AllowBackorder, level.Version, level.UpdatedAt);
        var wasChanged = ChangedLevels.Contains(level.Id);
        level.ReorderPoint = reorderPoint ?? level.ReorderPoint;
        level.SafetyStock = safetyStock ?? level.SafetyStock;
        level.AllowBackorder = allowBackorder ?? level.AllowBackorder;
        level.Version += 1;
        level.UpdatedAt = Now;
        ChangedLevels.Add(level.Id);
        _undo.Add(() =>
        {
            (level.ReorderPoint, level.SafetyStock, level.AllowBackorder, level.Version, level.UpdatedAt) = before;
            if (!wasChanged)
                ChangedLevels.Remove(level.Id);
        });
        Announce(level, "CONFIGURED", null);
    }

    public void AddTransfer(Transfer transfer)
    {
        Add(NewTransfers, transfer);
        Transfers[transfer.Id] = transfer;
        _undo.Add(() => Transfers.Remove(transfer.Id));
    }

    /// <summary>Moves a loaded transfer to a status, stamping when it shipped or arrived, undoably.</summary>
    public void UpdateTransfer(Transfer transfer, TransferStatus status)
    {
        var before = (transfer.Status, transfer.UpdatedAt, transfer.ShippedAt, transfer.ReceivedAt);
        var wasChanged = ChangedTransfers.Contains(transfer.Id);
        transfer.Status = status;
        transfer.UpdatedAt = Now;
        if (status == TransferStatus.InTransit)
            transfer.ShippedAt = Now;
        if (status == TransferStatus.Received)
            transfer.ReceivedAt = Now;
        ChangedTransfers.Add(transfer.Id);
        _undo.Add(() =>
        {
            (transfer.Status, transfer.UpdatedAt, transfer.ShippedAt, transfer.ReceivedAt) = before;
            if (!wasChanged)
                ChangedTransfers.Remove(transfer.Id);
        });
    }

    public void AddPurchaseOrder(PurchaseOrder order)
    {
        Add(NewPurchaseOrders, order);
        PurchaseOrders[order.Id] = order;
        _undo.Add(() => PurchaseOrders.Remove(order.Id));
    }

    /// <summary>Changes a loaded purchase order (its status, its lines' received quantities) through <paramref name="change"/>, undoably.</summary>
    public void UpdatePurchaseOrder(PurchaseOrder order, Action<PurchaseOrder> change)
    {
        var before = (order.Status, order.UpdatedAt, Received: order.Lines.Select(l => l.Received).ToArray());
        var wasChanged = ChangedPurchaseOrders.Contains(order.Id);
        change(order);
        order.UpdatedAt = Now;
        ChangedPurchaseOrders.Add(order.Id);
        _undo.Add(() =>
        {
            (order.Status, order.UpdatedAt) = (before.Status, before.UpdatedAt);
            for (var i = 0; i < order.Lines.Count; i++)
                order.Lines[i].Received = before.Received[i];
            if (!wasChanged)
                ChangedPurchaseOrders.Remove(order.Id);
        });
    }

    public void AddKey(IdempotencyRecord record)
    {
        Add(NewKeys, record);
        Keys[record.Key] = record;
        _undo.Add(() => Keys.Remove(record.Key));
    }

    public void AddInbox(InboxEntry entry)
    {
        Add(NewInbox, entry);
        Inbox.Add(entry);
        _undo.Add(() => Inbox.Remove(entry));
    }

    /// <summary>The outbox rows of this batch, the coalesced level events among them in the place of each level's first change.</summary>
    public IReadOnlyList<OutboxMessage> OutboxMessages()
    {
        var levelEvents = _levelEvents.Values.Select(e => OutboxMessage.Create(e.Event, TenantId, Now));
        return [.. levelEvents, .. Outbox];
    }

    private void Add<T>(List<T> list, T item)
    {
        list.Add(item);
        _undo.Add(() => list.RemoveAt(list.Count - 1));
    }

    /// <summary>A strictly increasing time within the batch: ledger order follows the order of the changes.</summary>
    private DateTime Tick(DateTime at)
    {
        var next = at > _clock ? at : _clock.AddTicks(10); // microseconds: the precision the databases keep
        var previous = _clock;
        _clock = next;
        _undo.Add(() => _clock = previous);
        return next;
    }

    /// <summary>Why a change would break a guard of the level, or null when it may apply.</summary>
    public static UserError? Refusal(StockLevel level, QuantityDeltas d, StockGuard guard, string field, int? expectedOnHand)
    {
        if (expectedOnHand is { } expected && level.OnHand != expected)
            return new(StockErrors.Stale, $"On hand is {level.OnHand}, not {expected}: it changed since it was read. Count again or send the current quantity.", field);
        long on = level.OnHand + (long)d.OnHand, reserved = level.Reserved + (long)d.Reserved, committed = level.Committed + (long)d.Committed,
            damaged = level.Damaged + (long)d.Damaged, incoming = level.Incoming + (long)d.Incoming;
        const long max = StockLevel.MaxQuantity;
        if ((d.OnHand > 0 && on > max) || (d.Incoming > 0 && incoming > max) || (d.Reserved > 0 && reserved > max)
            || (d.Committed > 0 && committed > max) || (d.Damaged > 0 && damaged > max))
            return new(StockErrors.QuantityLimit, $"A quantity may not exceed {StockLevel.MaxQuantity:N0}.", field);
        var insufficient = (d.OnHand < 0 && on < 0) || (d.Reserved < 0 && reserved < 0) || (d.Committed < 0 && committed < 0)
            || (d.Damaged < 0 && damaged < 0) || (d.Incoming < 0 && incoming < 0)
            // Damaged stock is stock on hand: whatever the backorder setting, damaged never exceeds onHand.
            || ((d.OnHand < 0 || d.Damaged > 0) && on - damaged < 0);
        // Only a change that takes from the free stock is held to it: returning stock is never refused.
        if (!insufficient && d.Reserved + d.Committed + d.Damaged - d.OnHand > 0 && !level.AllowBackorder)
        {
            var free = on - reserved - committed - damaged - (guard == StockGuard.Available ? level.SafetyStock : 0);
            insufficient = free < 0;
        }
        return insufficient ? StockErrors.Insufficient(level.Sku, level.WarehouseCode, field) : null;
    }
}
