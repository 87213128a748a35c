using System.Text.Json.Nodes;
using Inventory.BuildingBlocks.GraphQL.WebSockets;
using Inventory.BuildingBlocks.Realtime;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inventory.Host.Tests.Realtime;

/// <summary>
/// The host on PostgreSQL and the in-memory bus, with WebSocket limits small enough to reach in a test and timings
/// short enough to wait for.
/// </summary>
public sealed class RealtimeFixture() : InventoryAppFixture(new AppOptions
{
    DatabasePrefix = "realtime_tests",
    Settings = new()
    {
        ["GraphQL:WebSocket:ConnectionInitTimeout"] = "00:00:01",
        ["GraphQL:WebSocket:KeepAliveInterval"] = "00:00:01",
        ["GraphQL:WebSocket:MaxSubscriptionsPerConnection"] = RealtimeFixture.MaxSubscriptions.ToString(),
        ["GraphQL:WebSocket:MaxConnectionsPerTenant"] = RealtimeFixture.MaxConnections.ToString(),
        ["Stock:ReservationExpiryInterval"] = "00:00:01",
    },
})
{
    public const int MaxSubscriptions = 3;
    public const int MaxConnections = 4;
}

[CollectionDefinition(Name)]
public sealed class RealtimeCollection : ICollectionFixture<RealtimeFixture>
{
    public const string Name = "realtime";
}

/// <summary>Base of the in-process WebSocket tests: empty databases, and no connection or subscription left from another test.</summary>
[Collection(RealtimeCollection.Name)]
public abstract class RealtimeTest(RealtimeFixture fixture) : IAsyncLifetime
{
    public const string StockLevelChanged = """
        subscription($filter: StockLevelChangedFilterInput) { stockLevelChanged(filter: $filter) { sku warehouseCode onHand reserved available version reason } }
        """;

    protected InventoryApp App => fixture.App;

    public virtual async Task InitializeAsync()
    {
        await App.ResetAsync();
        foreach (var tenant in App.Tenants)
            await Eventually.WaitAsync(() => Task.FromResult(Connections(tenant) == 0 && Subscribers(tenant) == 0), what: $"{tenant}'s sockets of earlier tests to close");
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected int Connections(string tenant) => App.Services.GetRequiredService<GraphQLWebSocketConnections>().Count(tenant);

    protected int Subscribers(string tenant) => App.Services.GetRequiredService<LiveEvents>().SubscriberCount(tenant);

    /// <summary>Waits until the host holds <paramref name="count"/> live subscriptions of the tenant (a subscribe is answered by events only).</summary>
    protected Task SubscribedAsync(string tenant, int count = 1) =>
        Eventually.WaitAsync(() => Task.FromResult(Subscribers(tenant) == count), what: $"{count} subscription(s) of {tenant}");

    /// <summary>
    /// The next change of <paramref name="reason"/> pushed to operation <paramref name="id"/>. Other changes are skipped
    /// (setting up products configures their levels, and those events may still be on their way), after checking
    /// <paramref name="each"/> on them too.
    /// </summary>
    public static async Task<JsonNode> NextChangeAsync(GraphQLSocket socket, string id = "s", string reason = "RECEIVED", Action<JsonNode>? each = null)
    {
        while (true)
        {
            var change = ChangeOf(await socket.ReceiveForAsync(id));
            each?.Invoke(change);
            if (change["reason"]!.GetValue<string>() == reason)
                return change;
        }
    }

    /// <summary>The stock level change a <c>next</c> message carries.</summary>
    public static JsonNode ChangeOf(JsonNode message)
    {
        Assert.True(message["type"]!.GetValue<string>() == "next", $"expected next, got {message.ToJsonString()}");
        return message["payload"]!["data"]!["stockLevelChanged"]!;
    }

    protected async Task ReceiveStockAsync(string tenant, string sku, int quantity, string? warehouse = "MAIN")
    {
        var result = await App.GraphQL(tenant, "Clerk").QueryAsync(Stock.StockApi.Receive, new
        {
            input = new { sku, warehouseCode = warehouse, quantity },
            key = Guid.NewGuid().ToString("N"),
        });
        Assert.Empty(result["receiveStock"]!["userErrors"]!.AsArray());
    }
}
