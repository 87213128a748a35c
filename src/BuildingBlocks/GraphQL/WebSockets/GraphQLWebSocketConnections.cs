using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.GraphQL.WebSockets;

/// <summary>The open (acknowledged) GraphQL WebSocket connections of this host, counted per tenant to enforce its limit.</summary>
public sealed class GraphQLWebSocketConnections(IOptions<GraphQLWebSocketOptions> options)
{
    private const string NoTenant = "";
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public int Count(string? tenantId) => _counts.TryGetValue(tenantId ?? NoTenant, out var count) ? count : 0;

    internal bool TryAcquire(string? tenantId)
    {
        var key = tenantId ?? NoTenant;
        while (true)
        {
            var current = _counts.GetOrAdd(key, 0);
            if (current >= options.Value.MaxConnectionsPerTenant)
                return false;
            if (_counts.TryUpdate(key, current + 1, current))
                return true;
        }
    }

    internal void Release(string? tenantId) => _counts.AddOrUpdate(tenantId ?? NoTenant, 0, (_, count) => Math.Max(0, count - 1));
}
