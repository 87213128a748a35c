using Inventory.BuildingBlocks.GraphQL.WebSockets;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Realtime;

/// <summary>What ends a connection after it was accepted: its token running out, or a client message beyond the size limit.</summary>
public sealed class ConnectionLifetimeTests(RealtimeFixture fixture) : RealtimeTest(fixture)
{
    [Fact]
    public async Task ConnectionWhoseTokenExpires_IsClosedWith4403_AtTheNextKeepAlive_AndItsSubscriptionsEnd()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);
        var expires = DateTimeOffset.UtcNow.AddSeconds(9); // a token's expiry is in whole seconds
        await socket.InitAsync(new { authorization = "Bearer " + TestTokens.For("acme", "Viewer", lifetime: TimeSpan.FromSeconds(10)) });
        await socket.SubscribeAsync("s", StockLevelChanged);
        await SubscribedAsync("acme");

        var (code, reason) = await socket.ExpectCloseAsync(TimeSpan.FromSeconds(30));

        Assert.True(DateTimeOffset.UtcNow >= expires, "closed before the token expired");
        Assert.Equal(GraphQLWebSocketCloseCodes.Forbidden, code);
        Assert.Contains("expired", reason);
        await SubscribedAsync("acme", 0);
    }

    [Fact]
    public async Task MessageBeyondTheSizeLimit_ClosesTheSocketWith1009()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        var padding = new string(' ', 300 * 1024); // the default limit is 256 KiB
        await socket.SendTextAsync("""{"id":"big","type":"subscribe","payload":{"query":"{ __typename }""" + padding + "\"}}");

        var (code, _) = await socket.ExpectCloseAsync();

        Assert.Equal(GraphQLWebSocketCloseCodes.MessageTooBig, code);
    }
}
