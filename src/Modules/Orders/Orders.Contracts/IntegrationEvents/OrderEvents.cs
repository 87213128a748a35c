namespace Inventory.Orders.Contracts.IntegrationEvents;

public sealed record OrderLineInfo(int LineNumber, string Sku, int Quantity);

/// <summary>
/// A sales order was accepted as PENDING. Stock answers with StockAllocated (every line reserved, across
/// warehouses as needed) or StockAllocationFailed. <paramref name="HoldSeconds"/> is how long the stock is held.
/// </summary>
public sealed record OrderPlaced(Guid OrderId, string CustomerReference, IReadOnlyList<OrderLineInfo> Lines, int HoldSeconds, DateTime OccurredAt);

/// <summary>An order moved to another status (PENDING, RESERVED, REJECTED, CONFIRMED, SHIPPED, CANCELLED).</summary>
public sealed record OrderStatusChanged(Guid OrderId, string CustomerReference, string Status, string? Reason, DateTime OccurredAt);
