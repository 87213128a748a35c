namespace Inventory.Stock.Contracts.IntegrationEvents;

/// <summary>Stock held for one order line in one warehouse.</summary>
public sealed record OrderAllocation(int LineNumber, string Sku, string WarehouseCode, int Quantity);

/// <summary>Every line of an order is reserved (reservation <paramref name="ReservationId"/>, until <paramref name="ExpiresAt"/>).</summary>
public sealed record StockAllocated(Guid OrderId, Guid ReservationId, IReadOnlyList<OrderAllocation> Allocations, DateTime ExpiresAt, DateTime OccurredAt);

/// <summary>Why a line could not be allocated: UNKNOWN_SKU, PRODUCT_DISCONTINUED or INSUFFICIENT_STOCK (with what is available).</summary>
public sealed record LineAllocationFailure(int LineNumber, string Sku, string Reason, int Available);

/// <summary>An order could not be allocated: nothing was reserved.</summary>
public sealed record StockAllocationFailed(Guid OrderId, IReadOnlyList<LineAllocationFailure> Lines, DateTime OccurredAt);
