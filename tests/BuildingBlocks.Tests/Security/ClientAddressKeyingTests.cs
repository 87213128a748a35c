using System.Net;
using Inventory.BuildingBlocks.GraphQL.Cost;
using Inventory.BuildingBlocks.GraphQL.WebSockets;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.Security;

/// <summary>
/// Every limit counts a client address by one rule (<see cref="ClientAddress.PartitionKeyOf"/>): an IPv6 client that
/// changes its source address within its /64 is still one client, and an IPv4-mapped address is its IPv4 address.
/// </summary>
public sealed class ClientAddressKeyingTests
{
    // Four addresses of one /64, as a client rotating through its line's addresses would use them.
    private static readonly IPAddress[] OneNetwork =
    [
        IPAddress.Parse("2001:db8:5:6::1"),
        IPAddress.Parse("2001:db8:5:6:ffff:ffff:ffff:fffe"),
        IPAddress.Parse("2001:db8:5:6:1234:5678:9abc:def0"),
        IPAddress.Parse("2001:db8:5:6:a::b"),
    ];
    private static readonly IPAddress NextNetwork = IPAddress.Parse("2001:db8:5:7::1");

    [Fact]
    public void TheCostBudgetOfAnonymousCallers_IsOnePerIPv6Network_AndIPv4MappedIsIPv4()
    {
        var callers = OneNetwork.Select(a => QueryCostRequest.For(null, null, a).Caller).Distinct().ToList();

        Assert.Equal(["ip|2001:db8:5:6::/64"], callers);
        Assert.NotEqual(callers[0], QueryCostRequest.For(null, null, NextNetwork).Caller);
        Assert.Equal(QueryCostRequest.For(null, null, IPAddress.Parse("203.0.113.7")).Caller,
            QueryCostRequest.For(null, null, IPAddress.Parse("::ffff:203.0.113.7")).Caller);
    }

    [Fact]
    public void AnonymousSockets_AreCountedPerIPv6Network()
    {
        using var connections = new GraphQLWebSocketConnections(Options.Create(new GraphQLWebSocketOptions { MaxAnonymousConnectionsPerAddress = 3 }));

        Assert.All(OneNetwork[..3], a => Assert.True(connections.TryAcquireAnonymous(a)));

        Assert.False(connections.TryAcquireAnonymous(OneNetwork[3]));
        Assert.Equal(3, connections.AnonymousCount(OneNetwork[3]));
        Assert.True(connections.TryAcquireAnonymous(NextNetwork));
        connections.ReleaseAnonymous(OneNetwork[3]); // released by any address of the network it was counted under
        Assert.Equal(2, connections.AnonymousCount(OneNetwork[0]));

        Assert.True(connections.TryAcquireAnonymous(IPAddress.Parse("203.0.113.7")));
        Assert.Equal(1, connections.AnonymousCount(IPAddress.Parse("::ffff:203.0.113.7")));
    }

    [Fact]
    public void ConnectionInits_AreRateLimitedPerIPv6Network()
    {
        using var connections = new GraphQLWebSocketConnections(Options.Create(new GraphQLWebSocketOptions
        {
            ConnectionInitBurstPerAddress = 3,
            ConnectionInitRatePerAddress = 1,
        }));

        Assert.All(OneNetwork[..3], a => Assert.True(connections.TryInitialise(a)));

        Assert.False(connections.TryInitialise(OneNetwork[3]));
        Assert.True(connections.TryInitialise(NextNetwork));
    }

    [Fact]
    public void WrongOperatorKeys_AreLimitedPerIPv6Network()
    {
        using var guard = new OperatorKeyGuard(Options.Create(new TenancyOptions
        {
            OperatorKeyFailureLimit = 3,
            OperatorKeyFailureWindow = TimeSpan.FromHours(1),
        }));
        static HttpContext From(IPAddress address) => new DefaultHttpContext { Connection = { RemoteIpAddress = address } };

        Assert.All(OneNetwork[..3], a => Assert.False(guard.IsLimited(From(a), wrongKey: true, out _)));

        Assert.True(guard.IsLimited(From(OneNetwork[3]), wrongKey: false, out var retryAfter));
        Assert.True(retryAfter > TimeSpan.Zero);
        Assert.False(guard.IsLimited(From(NextNetwork), wrongKey: false, out _));

        for (var i = 0; i < 3; i++)
            Assert.False(guard.IsLimited(From(IPAddress.Parse("203.0.113.7")), wrongKey: true, out _));
        Assert.True(guard.IsLimited(From(IPAddress.Parse("::ffff:203.0.113.7")), wrongKey: false, out _));
    }
}
