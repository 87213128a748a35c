using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Inventory.BuildingBlocks.GraphQL.WebSockets;
using Inventory.BuildingBlocks.Realtime;
using Inventory.Host.Tests.Http;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Inventory.Host.Tests.Realtime;

/// <summary>The host listening on a loopback TCP port (Kestrel): real sockets, real clients, real back-pressure.</summary>
public sealed class KestrelRealtimeFixture : IAsyncLifetime
{
    public const int MaxBufferedMessages = 16;

    public InventoryApp App { get; } = new(new AppOptions
    {
        DatabasePrefix = "realtime_kestrel",
        Tenants = ["acme"],
        Settings = new()
        {
            ["GraphQL:WebSocket:MaxBufferedMessages"] = MaxBufferedMessages.ToString(),
            ["GraphQL:WebSocket:CloseTimeout"] = "00:00:30",
        },
    });

    public string WebSocketUrl => App.KestrelAddress().Replace("http://", "ws://") + "/graphql";

    public async Task InitializeAsync()
    {
        await App.DropDatabasesAsync();
        App.UseKestrel(0);
        App.StartServer();
        await App.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class KestrelRealtimeCollection : ICollectionFixture<KestrelRealtimeFixture>
{
    public const string Name = "realtime-kestrel";
}

[Collection(KestrelRealtimeCollection.Name)]
public sealed class KestrelRealtimeTests(KestrelRealtimeFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private InventoryApp App => fixture.App;

    private LiveEvents Hub => App.Services.GetRequiredService<LiveEvents>();

    public async Task InitializeAsync()
    {
        await App.ResetAsync();
        await Eventually.WaitAsync(() => Task.FromResult(Hub.SubscriberCount("acme") == 0), what: "subscriptions of earlier tests to end");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GraphQLWsClient_ReceivesStockLevelChanged_AfterReceiveStock()
    {
        await App.ProductsAsync("acme", "SKU-1");
        var lines = Channel.CreateUnbounded<JsonNode>();
        using var node = StartNode("subscribe.mjs", [fixture.WebSocketUrl, RealtimeTest.StockLevelChanged, """{"filter":{"skus":["SKU-1"]}}""", "1"],
            new() { ["SUBSCRIBE_AUTHORIZATION"] = "Bearer " + TestTokens.For("acme", "Viewer") }, lines.Writer);

        try
        {
            await SubscribeAndReceiveAsync(node, lines.Reader);
        }
        finally
        {
            if (!node.HasExited)
                node.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task GraphQLWsClient_ReceivesALowStockAlert_WhenReservationsBringALevelToItsReorderPoint()
    {
        await App.ProductsAsync("acme", "ALERT-WS");
        var configured = await App.GraphQL("acme", "Manager").QueryAsync(Stock.StockApi.Configure, new { input = new { sku = "ALERT-WS", warehouseCode = "MAIN", reorderPoint = 5 } });
        Assert.Empty(configured["configureStockLevel"]!["userErrors"]!.AsArray());
        await App.ReceiveAsync("acme", "ALERT-WS", 10);
        var lines = Channel.CreateUnbounded<JsonNode>();
        using var node = StartNode("subscribe.mjs", [fixture.WebSocketUrl, "subscription { stockAlerts(filter: { skus: [\"ALERT-WS\"] }) { id kind sku warehouseCode available threshold } }", "{}", "1"],
            new() { ["SUBSCRIBE_AUTHORIZATION"] = "Bearer " + TestTokens.For("acme", "Viewer") }, lines.Writer);
        try
        {
            Assert.Equal("connected", (await NextLineAsync(lines))["event"]!.GetValue<string>());
            await Eventually.WaitAsync(() => Task.FromResult(Hub.SubscriberCount("acme") == 1), what: "the graphql-ws client's subscription");
            var reserved = await App.GraphQL("acme", "Clerk").QueryAsync(Stock.StockApi.Reserve,
                new { input = Stock.StockApi.ReserveInput(("ALERT-WS", 6)), key = "npm-alert" });
            Assert.Empty(reserved["reserveStock"]!["userErrors"]!.AsArray());

            var next = await NextLineAsync(lines);
            Assert.True(next["event"]!.GetValue<string>() == "next", next.ToJsonString());
            var alert = next["payload"]!["data"]!["stockAlerts"]!;
            Assert.Equal(("LOW_STOCK", "ALERT-WS", "MAIN", 4, 5), (alert["kind"]!.GetValue<string>(), alert["sku"]!.GetValue<string>(),
                alert["warehouseCode"]!.GetValue<string>(), alert["available"]!.GetValue<int>(), alert["threshold"]!.GetValue<int>()));
            await node.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            Assert.Equal(0, node.ExitCode);
        }
        finally
        {
            if (!node.HasExited)
                node.Kill(entireProcessTree: true);
        }
    }

    private async Task SubscribeAndReceiveAsync(Process node, ChannelReader<JsonNode> lines)
    {
        var connected = await NextLineAsync(lines);
        await Eventually.WaitAsync(() => Task.FromResult(Hub.SubscriberCount("acme") == 1), what: "the graphql-ws client's subscription");
        var sent = Stopwatch.StartNew();
        var receipt = await App.GraphQL("acme", "Clerk").QueryAsync(Stock.StockApi.Receive, new { input = new { sku = "SKU-1", warehouseCode = "MAIN", quantity = 12 }, key = "npm-1" });
        var next = await NextLineAsync(lines);
        output.WriteLine($"graphql-ws client received the change {sent.ElapsedMilliseconds} ms after receiveStock was sent");
        await node.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Equal("connected", connected["event"]!.GetValue<string>());
        Assert.Empty(receipt["receiveStock"]!["userErrors"]!.AsArray());
        Assert.True(next["event"]!.GetValue<string>() == "next", next.ToJsonString());
        var change = next["payload"]!["data"]!["stockLevelChanged"]!;
        Assert.Equal("SKU-1", change["sku"]!.GetValue<string>());
        Assert.Equal(12, change["onHand"]!.GetValue<int>());
        Assert.Equal(12, change["available"]!.GetValue<int>());
        Assert.Equal("RECEIVED", change["reason"]!.GetValue<string>());
        Assert.Equal(0, node.ExitCode);
    }

    [Fact]
    public async Task ClientThatStopsReading_IsClosedAsTooSlow_InsteadOfBeingBufferedFor()
    {
        const int published = 2_000;
        using var client = new ClientWebSocket();
        client.Options.AddSubProtocol(GraphQLSocket.SubProtocol);
        await client.ConnectAsync(new Uri(fixture.WebSocketUrl), CancellationToken.None);
        var socket = new GraphQLSocket(client);
        await socket.InitAsync(new { authorization = "Bearer " + TestTokens.For("acme", "Viewer") });
        await socket.SubscribeAsync("s", "subscription { stockLevelChanged { sku reference } }");
        await Eventually.WaitAsync(() => Task.FromResult(Hub.SubscriberCount("acme") == 1), what: "the subscription");

        // Large events (64 KiB each once serialised) while the client reads nothing: socket buffers fill within a few
        // hundred, after which the host may hold only MaxBufferedMessages for it. Buffering all would take 128 MiB.
        var large = new StockLevelChanged("SKU-1", "MAIN", 1, 0, 0, 0, 0, 0, 1, 0, 1, "RECEIVED", new string('x', 64 * 1024), DateTime.UtcNow);
        for (var i = 0; i < published; i++)
            Hub.Publish("acme", large);
        await Eventually.WaitAsync(() => Task.FromResult(Hub.SubscriberCount("acme") == 0), what: "the slow subscriber to be dropped");

        var received = 0;
        (int Code, string? Reason)? close = null;
        var buffer = new byte[128 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (close is null)
        {
            var result = await client.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                close = ((int)result.CloseStatus!, result.CloseStatusDescription);
            else if (result.EndOfMessage)
                received++;
        }

        output.WriteLine($"received {received} of {published} before the close");
        Assert.Equal(GraphQLWebSocketCloseCodes.SubscriberTooSlow, close.Value.Code);
        // The connection's queue of outgoing messages or the subscription's own buffer of events, whichever filled first.
        Assert.StartsWith("Subscriber too slow: ", close.Value.Reason);
        Assert.EndsWith(" messages buffered.", close.Value.Reason);
        Assert.True(received < published / 2, $"the client got {received} of {published}: the host buffered for it instead of dropping it");
    }

    private static async Task<JsonNode> NextLineAsync(ChannelReader<JsonNode> lines)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await lines.ReadAsync(timeout.Token);
    }

    private static Process StartNode(string script, string[] arguments, Dictionary<string, string> environment, ChannelWriter<JsonNode> lines)
    {
        Assert.True(Directory.Exists(Path.Combine(NodeScripts.Folder, "node_modules", "graphql-ws")),
            $"The npm packages are missing: run `npm ci` in {NodeScripts.Folder} (scripts/test.sh does it).");
        var start = NodeScripts.StartInfo(script, arguments, environment);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
                lines.TryWrite(JsonNode.Parse(line)!);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
                lines.TryWrite(new JsonObject { ["event"] = "stderr", ["message"] = line });
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
