using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.GraphQL.Cost;

/// <summary>A caller's budget as answered in <c>extensions.cost.throttleStatus</c>.</summary>
internal sealed record ThrottleStatus(int MaximumAvailable, int CurrentlyAvailable, int RestoreRate);

/// <summary>
/// Every caller's budget of cost points (per tenant and user or API key; anonymous callers per IP): a token bucket
/// of the framework's rate limiter, <see cref="QueryCostOptions.MaximumAvailable"/> deep, refilled at
/// <see cref="QueryCostOptions.RestoreRate"/> points a second. A request takes its whole calculated cost up front
/// or nothing: it never waits in a queue.
/// </summary>
internal sealed class QueryCostBudgets : IDisposable
{
    private readonly QueryCostOptions _options;
    private readonly PartitionedRateLimiter<string>? _limiter;

    public QueryCostBudgets(IOptions<QueryCostOptions> options)
    {
        _options = options.Value;
        if (_options.MaximumAvailable <= 0 || _options.RestoreRate <= 0)
            return;
        // The partitioned limiter refills its buckets on its own 100 ms beat by the time elapsed (TokensPerPeriod /
        // ReplenishmentPeriod): the rate per second is given as is, so the bucket refills at exactly the restoreRate
        // it reports (splitting it into tenths rounded 25 down to 20).
        var bucket = Bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = _options.MaximumAvailable,
            TokensPerPeriod = _options.RestoreRate,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ => bucket));
    }

    /// <summary>Each caller's bucket (null when budgets are off).</summary>
    internal TokenBucketRateLimiterOptions? Bucket { get; }

    public bool Enabled => _limiter is not null;

    /// <summary>The caller's budget now, without taking anything.</summary>
    public ThrottleStatus? StatusOf(string caller) =>
        _limiter is null ? null : Status(_limiter.GetStatistics(caller));

    /// <summary>
    /// Takes <paramref name="cost"/> points from the caller's budget, or nothing when it does not hold that many
    /// (then <paramref name="retryAfter"/> says when it will, when the limiter knows).
    /// </summary>
    internal bool TryConsume(string caller, int cost, out ThrottleStatus? status, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        if (_limiter is null)
        {
            status = null;
            return true;
        }
        if (cost > _options.MaximumAvailable)
        {
            // More than the bucket ever holds: waiting does not help (MaxCost above MaximumAvailable).
            status = StatusOf(caller);
            return false;
        }
        var granted = true;
        if (cost > 0)
        {
            using var lease = _limiter.AttemptAcquire(caller, cost);
            granted = lease.IsAcquired;
            if (!granted && lease.TryGetMetadata(MetadataName.RetryAfter, out var after))
                retryAfter = after;
        }
        status = StatusOf(caller);
        if (!granted && retryAfter is null && status is not null)
            retryAfter = TimeSpan.FromSeconds(Math.Ceiling((double)(cost - status.CurrentlyAvailable) / _options.RestoreRate));
        return granted;
    }

    private ThrottleStatus? Status(RateLimiterStatistics? statistics) =>
        statistics is null ? null : new ThrottleStatus(_options.MaximumAvailable, (int)Math.Min(statistics.CurrentAvailablePermits, int.MaxValue), _options.RestoreRate);

    public void Dispose() => _limiter?.Dispose();
}
