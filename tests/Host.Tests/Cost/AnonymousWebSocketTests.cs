using System.Net;
using Inventory.BuildingBlocks.GraphQL.WebSockets;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inventory.Host.Tests.Cost;

/// <summary>
/// Anonymous sockets never take a tenant's connection slots (they are counted per client address, under their own
/// limit), and connection_init is rate-limited per address. Each test speaks from an address of its own.
/// </summary>
public sealed class AnonymousWebSocketTests(CostFixture fixture) : CostTest(fixture)
{
    private GraphQLWebSocketConnections Connections => App.Services.GetRequiredService<GraphQLWebSocketConnections>();

    private Task<GraphQLSocket> OpenFromAsync(IPAddress address) =>
        GraphQLSocket.OpenAsync(App, configureRequest: request => request.HttpContext.Connection.RemoteIpAddress = address);

    [Fact]
    public async Task AnonymousSocketsNamingATenant_DoNotTakeItsSlots_AndBeyondTheirOwnLimitAreClosedWith4008()
    {
        var address = IPAddress.Parse("203.0.113.10");
        var sockets = new List<GraphQLSocket>();
        try
        {
            // Before, the first three of these took all three of acme's slots and its admin was refused.
            for (var i = 0; i < CostFixture.MaxAnonymous; i++)
            {
                var anonymous = await OpenFromAsync(address);
                sockets.Add(anonymous);
                await anonymous.InitAsync(new { tenant = "acme" });
            }
            var refusals = new List<(int Code, string? Reason)>();
            for (var i = 0; i < 3; i++)
            {
                var extra = await OpenFromAsync(address);
                sockets.Add(extra);
                await extra.SendAsync(new { type = "connection_init", payload = new { tenant = "acme" } });
                refusals.Add(await extra.ExpectCloseAsync());
            }

            var admin = await OpenFromAsync(address);
            sockets.Add(admin);
            await admin.InitAsync(new { authorization = "Bearer " + TestTokens.For("acme", "Admin") });
            await admin.SubscribeAsync("s", "subscription { stockLevelChanged { sku onHand } }");
            await admin.SubscribeAsync("q", "{ products(first: 1) { totalCount } }");
            var answer = await admin.ReceiveForAsync("q");

            Assert.All(refusals, r => Assert.Equal(GraphQLWebSocketCloseCodes.TooManyConnections, r.Code));
            Assert.All(refusals, r => Assert.Contains("anonymous", r.Reason));
            Assert.Equal(CostFixture.MaxAnonymous, Connections.AnonymousCount(address));
            Assert.Equal(1, Connections.Count("acme"));
            Assert.Equal("next", answer["type"]!.GetValue<string>());
        }
        finally
        {
            foreach (var socket in sockets)
                await socket.DisposeAsync();
        }
        await Eventually.WaitAsync(() => Task.FromResult(Connections.AnonymousCount(address) == 0 && Connections.Count("acme") == 0),
            what: "the sockets' slots to be released");
    }

    [Fact]
    public async Task AnonymousSocketsFromSeveralAddressesOfOneIPv6Network_ShareOneLimit()
    {
        // A client with a /64 has billions of source addresses: each socket from another one of them.
        var network = Enumerable.Range(1, CostFixture.MaxAnonymous + 1).Select(i => IPAddress.Parse($"2001:db8:77:1:{i:x}::{i * 7:x}")).ToList();
        var sockets = new List<GraphQLSocket>();
        try
        {
            foreach (var address in network.Take(CostFixture.MaxAnonymous))
            {
                var socket = await OpenFromAsync(address);
                sockets.Add(socket);
                await socket.InitAsync(new { tenant = "acme" });
            }
            var extra = await OpenFromAsync(network[^1]);
            sockets.Add(extra);
            await extra.SendAsync(new { type = "connection_init", payload = new { tenant = "acme" } });
            var (code, reason) = await extra.ExpectCloseAsync();
            var neighbour = await OpenFromAsync(IPAddress.Parse("2001:db8:77:2::1"));
            sockets.Add(neighbour);
            await neighbour.InitAsync(new { tenant = "acme" });

            Assert.Equal(GraphQLWebSocketCloseCodes.TooManyConnections, code);
            Assert.Contains("anonymous", reason);
            Assert.Equal(CostFixture.MaxAnonymous, Connections.AnonymousCount(network[0]));
        }
        finally
        {
            foreach (var socket in sockets)
                await socket.DisposeAsync();
        }
        await Eventually.WaitAsync(() => Task.FromResult(Connections.AnonymousCount(network[0]) == 0), what: "the sockets' slots to be released");
    }

    [Fact]
    public async Task TheTenantsSlots_AreStillLimitedForSignedInSockets()
    {
        var address = IPAddress.Parse("203.0.113.11");
        var sockets = new List<GraphQLSocket>();
        try
        {
            for (var i = 0; i < CostFixture.MaxConnections; i++)
            {
                var socket = await OpenFromAsync(address);
                sockets.Add(socket);
                await socket.InitAsync(new { authorization = "Bearer " + TestTokens.For("acme", "Viewer") });
            }
            var extra = await OpenFromAsync(address);
            sockets.Add(extra);
            await extra.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + TestTokens.For("acme", "Viewer") } });

            var (code, reason) = await extra.ExpectCloseAsync();

            Assert.Equal(GraphQLWebSocketCloseCodes.TooManyConnections, code);
            Assert.Contains("acme", reason);
        }
        finally
        {
            foreach (var socket in sockets)
                await socket.DisposeAsync();
        }
    }

    [Fact]
    public async Task AFloodOfConnectionInits_FromOneAddress_IsClosedWith4429_WhileOtherAddressesConnect()
    {
        var flooder = IPAddress.Parse("203.0.113.12");
        var codes = new List<int>();
        // Invalid credentials: within the burst each is checked (and refused with 4403); beyond it, none is.
        for (var i = 0; i < CostFixture.InitBurst + 10; i++)
        {
            await using var socket = await OpenFromAsync(flooder);
            await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer not-a-token" } });
            codes.Add((await socket.ExpectCloseAsync()).Code);
        }
        await using var neighbour = await OpenFromAsync(IPAddress.Parse("203.0.113.13"));
        await neighbour.InitAsync(new { authorization = "Bearer " + TestTokens.For("acme", "Viewer") });

        Assert.True(codes.Count(c => c == GraphQLWebSocketCloseCodes.Forbidden) >= CostFixture.InitBurst, string.Join(",", codes));
        Assert.Contains(GraphQLWebSocketCloseCodes.TooManyInitialisationRequests, codes);
    }
}
