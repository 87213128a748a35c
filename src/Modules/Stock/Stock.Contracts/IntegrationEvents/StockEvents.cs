namespace Inventory.Stock.Contracts.IntegrationEvents;

/// <summary>
/// The quantities of one stock level after a change. <paramref name="Version"/> grows with every change of
/// the level, so a consumer can drop one that arrives after a newer one. <paramref name="Reason"/> is the
/// ledger's reason in CONSTANT_CASE (RECEIVED, RESERVED, SHIPPED...).
/// </summary>
public sealed record StockLevelChanged(
    string Sku,
    string WarehouseCode,
    int OnHand,
    int Reserved,
    int Committed,
    int Damaged,
    int SafetyStock,
    int Incoming,
    int Available,
    int ReorderPoint,
    int Version,
    string Reason,
    string? Reference,
    DateTime OccurredAt);

/// <summary>A level crossed a threshold: <paramref name="Kind"/> is LOW_STOCK, OUT_OF_STOCK or BACK_IN_STOCK; <paramref name="AlertId"/> is the stored alert (`alerts`, `acknowledgeAlert`).</summary>
public sealed record StockAlertRaised(string Kind, string Sku, string WarehouseCode, int Available, int Threshold, DateTime OccurredAt, Guid AlertId);

public sealed record ReservationLineInfo(string Sku, string WarehouseCode, int Quantity);

/// <summary>Every line of a reservation was reserved (all or nothing).</summary>
public sealed record StockReserved(Guid ReservationId, string? Reference, IReadOnlyList<ReservationLineInfo> Lines, DateTime ExpiresAt, DateTime OccurredAt);

/// <summary>A reservation's stock was returned on request (held or committed before).</summary>
public sealed record ReservationReleased(Guid ReservationId, string? Reference, IReadOnlyList<ReservationLineInfo> Lines, DateTime OccurredAt);

/// <summary>A reservation outlived its time to live; its stock was returned.</summary>
public sealed record ReservationExpired(Guid ReservationId, string? Reference, IReadOnlyList<ReservationLineInfo> Lines, DateTime OccurredAt);

/// <summary>A reservation's stock moved from reserved to committed: it no longer expires.</summary>
public sealed record ReservationCommitted(Guid ReservationId, string? Reference, IReadOnlyList<ReservationLineInfo> Lines, DateTime OccurredAt);

/// <summary>A committed reservation was shipped: its stock left onHand (ledger SHIPPED).</summary>
public sealed record ReservationFulfilled(Guid ReservationId, string? Reference, IReadOnlyList<ReservationLineInfo> Lines, DateTime OccurredAt);

/// <summary>The reconciliation found levels that differ from their ledger.</summary>
public sealed record StockDriftDetected(Guid ReconciliationId, int LevelsChecked, int DriftCount, DateTime OccurredAt);
