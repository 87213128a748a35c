namespace Inventory.Stock.Jobs;

/// <summary>Stock's settings (section <c>Stock</c>).</summary>
internal sealed class StockOptions
{
    public const string Section = "Stock";

    /// <summary>How long idempotency keys are kept (at least 24 hours).</summary>
    public TimeSpan IdempotencyKeyRetention { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan ReservationExpiryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan IdempotencyCleanupInterval { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan ReconciliationInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Reservations expired per tenant per run; the rest wait for the next run.</summary>
    public int ExpiryBatchSize { get; set; } = 500;
}
