using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Inventory.BuildingBlocks.Security;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.GraphQL.WebSockets;

/// <summary>
/// The open (acknowledged) GraphQL WebSocket connections of this host: signed-in ones counted per tenant to enforce
/// its limit, anonymous ones per client address (they never take a tenant's slot, so strangers naming a tenant
/// cannot lock its users out), and the rate of connection_init messages per client address.
/// </summary>
public sealed class GraphQLWebSocketConnections : IDisposable
{
    private const string NoTenant = "";
    private readonly IOptions<GraphQLWebSocketOptions> _options;
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly ConcurrentDictionary<string, int> _anonymous = new();
    private readonly PartitionedRateLimiter<string> _initialisations;

    public GraphQLWebSocketConnections(IOptions<GraphQLWebSocketOptions> options)
    {
        _options = options;
        var o = options.Value;
        // A token bucket per address: a burst (a page opening its socket, a reconnecting office) passes at once,
        // a flood is held to the refill rate. The partitioned limiter refills its buckets on its own 100 ms beat by
        // the time elapsed (TokensPerPeriod / ReplenishmentPeriod), so the rate per second is given as is: splitting
        // it into tenths rounded rates such as 25 down to 20.
        InitialisationBucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.ConnectionInitBurstPerAddress),
            TokensPerPeriod = Math.Max(1, o.ConnectionInitRatePerAddress),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _initialisations = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => InitialisationBucket));
    }

    /// <summary>The bucket of connection_init messages each client address has.</summary>
    internal TokenBucketRateLimiterOptions InitialisationBucket { get; }

    public int Count(string? tenantId) => _counts.TryGetValue(tenantId ?? NoTenant, out var count) ? count : 0;

    /// <summary>Anonymous connections open from <paramref name="address"/> (null: a client whose address is unknown, as in tests).</summary>
    public int AnonymousCount(IPAddress? address) => _anonymous.TryGetValue(Key(address), out var count) ? count : 0;

    internal bool TryAcquire(string? tenantId) => TryAcquire(_counts, tenantId ?? NoTenant, _options.Value.MaxConnectionsPerTenant);

    internal void Release(string? tenantId) => Release(_counts, tenantId ?? NoTenant);

    internal bool TryAcquireAnonymous(IPAddress? address) => TryAcquire(_anonymous, Key(address), _options.Value.MaxAnonymousConnectionsPerAddress);

    internal void ReleaseAnonymous(IPAddress? address) => Release(_anonymous, Key(address));

    /// <summary>Takes one connection_init from the address's budget; false when it is spent for now.</summary>
    internal bool TryInitialise(IPAddress? address)
    {
        using var lease = _initialisations.AttemptAcquire(Key(address));
        return lease.IsAcquired;
    }

    // The limits' one rule for a client address: IPv4-mapped as IPv4, IPv6 by its /64 (one customer line).
    internal static string Key(IPAddress? address) => ClientAddress.PartitionKeyOf(address);

    private static bool TryAcquire(ConcurrentDictionary<string, int> counts, string key, int limit)
    {
        while (true)
        {
            var current = counts.GetOrAdd(key, 0);
            if (current >= limit)
                return false;
            if (counts.TryUpdate(key, current + 1, current))
                return true;
        }
    }

    private static void Release(ConcurrentDictionary<string, int> counts, string key) =>
        counts.AddOrUpdate(key, 0, (_, count) => Math.Max(0, count - 1));

    public void Dispose() => _initialisations.Dispose();
}
