using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Security;

/// <summary>Configuration section <c>RateLimiting</c>: per-policy overrides of the limits the fields declare.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Off only for load tests and benchmarks; never in production.</summary>
    public bool Enabled { get; set; } = true;

    public Dictionary<string, RateLimitOverride> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class RateLimitOverride
{
    public int? PermitLimit { get; set; }
    public TimeSpan? Window { get; set; }
}

/// <summary>
/// One partitioned fixed-window limiter per policy, partitioned by client address (the limiters ASP.NET Core's
/// rate-limiting middleware uses; idle partitions are dropped by the limiter itself, so addresses sent by anyone do
/// not grow memory for long). Per host: N hosts behind a load balancer allow up to N times the limit.
/// </summary>
public sealed class ClientRateLimits(IOptionsMonitor<RateLimitingOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<string>> _limiters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Takes one permit; when refused, says how long until one is available again.</summary>
    public (bool Acquired, TimeSpan RetryAfter) TryAcquire(RateLimitPolicy declared, string partitionKey)
    {
        if (!options.CurrentValue.Enabled)
            return (true, TimeSpan.Zero);
        var limiter = _limiters.GetOrAdd(declared.Name, _ => Create(declared));
        using var lease = limiter.AttemptAcquire(partitionKey);
        if (lease.IsAcquired)
            return (true, TimeSpan.Zero);
        return (false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Effective(declared).Window);
    }

    private PartitionedRateLimiter<string> Create(RateLimitPolicy declared)
    {
        var policy = Effective(declared);
        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = policy.PermitLimit,
            Window = policy.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    private RateLimitPolicy Effective(RateLimitPolicy declared)
    {
        if (!options.CurrentValue.Policies.TryGetValue(declared.Name, out var configured))
            return declared;
        return declared with
        {
            PermitLimit = configured.PermitLimit is { } limit && limit > 0 ? limit : declared.PermitLimit,
            Window = configured.Window is { } window && window > TimeSpan.Zero ? window : declared.Window,
        };
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
            limiter.Dispose();
    }
}
