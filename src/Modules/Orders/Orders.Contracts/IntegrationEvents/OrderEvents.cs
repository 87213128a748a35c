namespace Inventory.Orders.Contracts.IntegrationEvents;

public sealed record OrderLineInfo(int LineNumber, string Sku, int Quantity);

/// <summary>
/// A sales order was accepted as PENDING. Stock answers with StockAllocated (every line reserved, across
/// warehouses as needed) or StockAllocationFailed. <paramref name="HoldSeconds"/> is how long the stock is held.
/// </summary>
public sealed record OrderPlaced(Guid OrderId, string CustomerReference, IReadOnlyList<OrderLineInfo> Lines, int HoldSeconds, DateTime OccurredAt);

/// <summary>An order moved to another status (PENDING, RESERVED, REJECTED, CONFIRMED, SHIPPED, CANCELLED); <paramref name="Version"/> is the order's version after it, so a later change has a higher one.</summary>
public sealed record OrderStatusChanged(Guid OrderId, string CustomerReference, string Status, string? Reason, DateTime OccurredAt, int Version);

/// <summary>The customer confirmed: Stock commits the order's reservation (reserved to committed).</summary>
public sealed record OrderConfirmed(Guid OrderId, Guid ReservationId, DateTime OccurredAt);

/// <summary>The order left the warehouse: Stock fulfils the reservation (committed leaves onHand, ledger SHIPPED).</summary>
public sealed record OrderShipped(Guid OrderId, Guid ReservationId, DateTime OccurredAt);

/// <summary>The order was cancelled: Stock releases whatever it holds or has committed for it.</summary>
public sealed record OrderCancelled(Guid OrderId, DateTime OccurredAt);
