using System.Text.Json.Nodes;
using Inventory.BuildingBlocks.GraphQL.WebSockets;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Realtime;

/// <summary>The graphql-transport-ws protocol on /graphql: handshake, ping/pong, operations and every close code.</summary>
public sealed class GraphQLWebSocketProtocolTests(RealtimeFixture fixture) : RealtimeTest(fixture)
{
    private static string Type(JsonNode message) => message["type"]!.GetValue<string>();

    private static string? ErrorCode(JsonNode message) => message["payload"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    [Fact]
    public async Task Upgrade_WithoutTheGraphQLTransportWsSubprotocol_IsClosedWith4406()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App, subProtocol: "graphql-ws");

        var (code, reason) = await socket.ExpectCloseAsync();

        Assert.Equal(GraphQLWebSocketCloseCodes.SubprotocolNotAcceptable, code);
        Assert.Contains("graphql-transport-ws", reason);
    }

    [Fact]
    public async Task ConnectionInit_NotSentInTime_IsClosedWith4408()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);

        var (code, _) = await socket.ExpectCloseAsync();

        Assert.Equal(GraphQLWebSocketCloseCodes.ConnectionInitialisationTimeout, code);
    }

    [Fact]
    public async Task ConnectionInit_SentTwice_IsClosedWith4429()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme");

        await socket.SendAsync(new { type = "connection_init" });

        Assert.Equal(GraphQLWebSocketCloseCodes.TooManyInitialisationRequests, (await socket.ExpectCloseAsync()).Code);
    }

    [Fact]
    public async Task Subscribe_BeforeConnectionAck_IsClosedWith4401()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);

        await socket.SubscribeAsync("1", "{ __typename }");

        Assert.Equal(GraphQLWebSocketCloseCodes.Unauthorized, (await socket.ExpectCloseAsync()).Code);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"no_such_type"}""")]
    [InlineData("""{"payload":{}}""")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ __typename }"}}""")]
    [InlineData("""{"type":"connection_init","payload":"a string"}""")]
    public async Task BadMessage_IsClosedWith4400(string message)
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);
        if (!message.Contains("connection_init"))
            await socket.InitAsync();

        await socket.SendTextAsync(message);

        Assert.Equal(GraphQLWebSocketCloseCodes.BadRequest, (await socket.ExpectCloseAsync()).Code);
    }

    [Fact]
    public async Task Subscribe_WithTheIdOfARunningSubscription_IsClosedWith4409()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        await socket.SubscribeAsync("same", StockLevelChanged);
        await SubscribedAsync("acme");

        await socket.SubscribeAsync("same", StockLevelChanged);

        var (code, reason) = await socket.ExpectCloseAsync();
        Assert.Equal(GraphQLWebSocketCloseCodes.SubscriberAlreadyExists, code);
        Assert.Equal("Subscriber for same already exists", reason);
        await SubscribedAsync("acme", 0); // the closed connection's subscription is gone
    }

    [Fact]
    public async Task InvalidToken_IsClosedWith4403()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);

        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + TestTokens.For("acme", signingKey: Convert.ToBase64String(new byte[32])) } });

        Assert.Equal(GraphQLWebSocketCloseCodes.Forbidden, (await socket.ExpectCloseAsync()).Code);
    }

    [Fact]
    public async Task ExpiredToken_IsClosedWith4403()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);

        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + TestTokens.For("acme", lifetime: TimeSpan.FromMinutes(-10)) } });

        Assert.Equal(GraphQLWebSocketCloseCodes.Forbidden, (await socket.ExpectCloseAsync()).Code);
    }

    [Fact]
    public async Task TokenOfOneTenant_NamingAnother_IsClosedWith4403()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);

        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + TestTokens.For("acme"), tenant = "globex" } });

        var (code, reason) = await socket.ExpectCloseAsync();
        Assert.Equal(GraphQLWebSocketCloseCodes.Forbidden, code);
        Assert.Contains("globex", reason);
    }

    [Fact]
    public async Task UnknownTenant_IsClosedWith4403()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);

        await socket.SendAsync(new { type = "connection_init", payload = new { tenant = "nobody-here" } });

        Assert.Equal(GraphQLWebSocketCloseCodes.Forbidden, (await socket.ExpectCloseAsync()).Code);
    }

    [Fact]
    public async Task ConnectionAck_NamesTheTokensTenant()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);

        var ack = await socket.InitAsync(new { authorization = "Bearer " + TestTokens.For("globex", "Viewer") });

        Assert.Equal("globex", ack["payload"]!["tenant"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ping_IsAnsweredWithPong_AndTheServerPingsOnItsOwn()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme");

        await socket.SendAsync(new { type = "ping", payload = new { n = 7 } });
        var pong = await socket.ReceiveAsync();
        var serverPing = await socket.ReceiveAsync(includePings: true);

        Assert.Equal("pong", Type(pong));
        Assert.Equal(7, pong["payload"]!["n"]!.GetValue<int>());
        Assert.Equal("ping", Type(serverPing)); // KeepAliveInterval is one second here
    }

    [Fact]
    public async Task Query_OverTheSocket_AnswersOneNextThenComplete()
    {
        await App.WarehouseAsync("acme", "MAIN");
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");

        await socket.SubscribeAsync("q", "{ warehouses(first: 10) { nodes { code } } }");
        var next = await socket.ReceiveForAsync("q");
        var complete = await socket.ReceiveForAsync("q");

        Assert.Equal("next", Type(next));
        Assert.Contains(next["payload"]!["data"]!["warehouses"]!["nodes"]!.AsArray(), w => w!["code"]!.GetValue<string>() == "MAIN");
        Assert.Equal("complete", Type(complete));
    }

    [Fact]
    public async Task Mutation_OverTheSocket_IsApplied()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Manager");

        await socket.SubscribeAsync("m", """mutation { createWarehouse(input: { code: "WS1", name: "Over the socket" }) { warehouse { code } userErrors { code } } }""");
        var next = await socket.ReceiveForAsync("m");
        var complete = await socket.ReceiveForAsync("m");

        Assert.Equal("WS1", next["payload"]!["data"]!["createWarehouse"]!["warehouse"]!["code"]!.GetValue<string>());
        Assert.Equal("complete", Type(complete));
        var read = await App.GraphQL("acme", "Viewer").QueryAsync("{ warehouses(first: 10) { nodes { code } } }");
        Assert.Contains(read["warehouses"]!["nodes"]!.AsArray(), w => w!["code"]!.GetValue<string>() == "WS1");
    }

    [Fact]
    public async Task InvalidDocument_IsAnsweredWithAnErrorMessage_AndTheSocketStaysOpen()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme");

        await socket.SubscribeAsync("bad", "{ noSuchField }");
        var error = await socket.ReceiveForAsync("bad");
        await socket.SubscribeAsync("good", "{ __typename }");

        Assert.Equal("error", Type(error));
        Assert.Equal("next", Type(await socket.ReceiveForAsync("good")));
    }

    [Fact]
    public async Task Anonymous_MayUseOnlyAnonymousFields()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);
        await socket.InitAsync();

        await socket.SubscribeAsync("typename", "{ __typename }");
        var typename = await socket.ReceiveForAsync("typename");
        await socket.SubscribeAsync("stock", StockLevelChanged);
        var stock = await socket.ReceiveForAsync("stock");

        Assert.Equal("next", Type(typename));
        Assert.Equal("error", Type(stock));
        Assert.Equal("UNAUTHENTICATED", ErrorCode(stock));
        Assert.Equal(0, Subscribers("acme"));
    }

    [Fact]
    public async Task Viewer_CannotRunAClerksMutation_OverTheSocket()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");

        await socket.SubscribeAsync("receive", Stock.StockApi.Receive, new { input = new { sku = "X", warehouseCode = "MAIN", quantity = 1 }, key = "k" });
        var error = await socket.ReceiveForAsync("receive");

        Assert.Equal("error", Type(error));
        Assert.Equal("FORBIDDEN", ErrorCode(error));
    }

    [Fact]
    public async Task Subscribe_BeyondTheLimitOfTheConnection_IsAnsweredWithAnError_AndTheSocketStaysOpen()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        for (var i = 0; i < RealtimeFixture.MaxSubscriptions; i++)
            await socket.SubscribeAsync($"s{i}", StockLevelChanged);
        await SubscribedAsync("acme", RealtimeFixture.MaxSubscriptions);

        await socket.SubscribeAsync("one-too-many", StockLevelChanged);
        var refused = await socket.ReceiveForAsync("one-too-many");
        await socket.CompleteAsync("s0");
        await SubscribedAsync("acme", RealtimeFixture.MaxSubscriptions - 1);
        await socket.SubscribeAsync("after-complete", StockLevelChanged);

        Assert.Equal("error", Type(refused));
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", ErrorCode(refused));
        await SubscribedAsync("acme", RealtimeFixture.MaxSubscriptions);
    }

    [Fact]
    public async Task Connection_BeyondTheLimitOfTheTenant_IsClosedWith4008_WhileOtherTenantsConnect()
    {
        var sockets = new List<GraphQLSocket>();
        try
        {
            for (var i = 0; i < RealtimeFixture.MaxConnections; i++)
                sockets.Add(await GraphQLSocket.ConnectAsync(App, "acme", "Viewer"));
            var extra = await GraphQLSocket.OpenAsync(App);
            sockets.Add(extra);

            await extra.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + TestTokens.For("acme", "Viewer") } });
            var (code, reason) = await extra.ExpectCloseAsync();
            sockets.Add(await GraphQLSocket.ConnectAsync(App, "globex", "Viewer"));

            Assert.Equal(GraphQLWebSocketCloseCodes.TooManyConnections, code);
            Assert.Contains("acme", reason);
            Assert.Equal(RealtimeFixture.MaxConnections, Connections("acme"));
            Assert.Equal(1, Connections("globex"));
        }
        finally
        {
            foreach (var socket in sockets)
                await socket.DisposeAsync();
        }
        await Eventually.WaitAsync(() => Task.FromResult(Connections("acme") == 0), what: "acme's connections to be released");
    }
}
