using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Realtime;

/// <summary><c>stockLevelChanged</c> on one host: what a subscriber receives, what its filter keeps out, and that no tenant sees another's stock.</summary>
public sealed class StockLevelChangedSubscriptionTests(RealtimeFixture fixture) : RealtimeTest(fixture)
{
    [Fact]
    public async Task ReceiveStock_IsPushedToASubscriber_WithTheLevelsNewQuantities()
    {
        await App.ProductsAsync("acme", "SKU-1");
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        await socket.SubscribeAsync("s", StockLevelChanged);
        await SubscribedAsync("acme");

        await ReceiveStockAsync("acme", "SKU-1", 40);
        var change = await NextChangeAsync(socket);

        Assert.Equal("SKU-1", change["sku"]!.GetValue<string>());
        Assert.Equal("MAIN", change["warehouseCode"]!.GetValue<string>());
        Assert.Equal(40, change["onHand"]!.GetValue<int>());
        Assert.Equal(0, change["reserved"]!.GetValue<int>());
        Assert.Equal(40, change["available"]!.GetValue<int>());
        Assert.Equal("RECEIVED", change["reason"]!.GetValue<string>());
        Assert.True(change["version"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Filter_KeepsOutOtherSkusAndWarehouses()
    {
        await App.ProductsAsync("acme", "SKU-1", "SKU-2");
        await App.WarehouseAsync("acme", "WH2");
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        await socket.SubscribeAsync("s", StockLevelChanged, new { filter = new { skus = new[] { "sku-2" }, warehouseCodes = new[] { "wh2" } } });
        await SubscribedAsync("acme");

        await ReceiveStockAsync("acme", "SKU-1", 1, "WH2");
        await ReceiveStockAsync("acme", "SKU-2", 2, "MAIN");
        await ReceiveStockAsync("acme", "SKU-2", 3, "WH2");
        var change = await NextChangeAsync(socket);

        // Only the third change matches both lists.
        Assert.Equal("SKU-2", change["sku"]!.GetValue<string>());
        Assert.Equal("WH2", change["warehouseCode"]!.GetValue<string>());
        Assert.Equal(3, change["onHand"]!.GetValue<int>());
    }

    [Fact]
    public async Task Complete_FromTheClient_EndsTheSubscriptionOnTheHost()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        await socket.SubscribeAsync("s", StockLevelChanged);
        await SubscribedAsync("acme");

        await socket.CompleteAsync("s");

        await SubscribedAsync("acme", 0);
    }

    [Fact]
    public async Task ClosingTheSocket_EndsItsSubscriptionsOnTheHost()
    {
        var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        await socket.SubscribeAsync("a", StockLevelChanged);
        await socket.SubscribeAsync("b", StockLevelChanged);
        await SubscribedAsync("acme", 2);

        socket.Socket.Abort(); // no close handshake: the host must notice on its own
        socket.Socket.Dispose();

        await SubscribedAsync("acme", 0);
        await Eventually.WaitAsync(() => Task.FromResult(Connections("acme") == 0), what: "the aborted connection to be released");
    }

    [Fact]
    public async Task Subscribers_OfTwoTenants_ChangingStockConcurrently_ReceiveOnlyTheirOwnTenantsChanges()
    {
        const int changes = 15;
        await App.ProductsAsync("acme", "ACME-1");
        await App.ProductsAsync("globex", "GLOBEX-1");
        await using var acme = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        await using var globex = await GraphQLSocket.ConnectAsync(App, "globex", "Viewer");
        await acme.SubscribeAsync("s", StockLevelChanged);
        await globex.SubscribeAsync("s", StockLevelChanged);
        await SubscribedAsync("acme");
        await SubscribedAsync("globex");

        await Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < changes; i++) await ReceiveStockAsync("acme", "ACME-1", 1); }),
            Task.Run(async () => { for (var i = 0; i < changes; i++) await ReceiveStockAsync("globex", "GLOBEX-1", 1); }));
        // Every change each subscriber receives, up to a last one made after all others, is of its own tenant.
        await ReceiveStockAsync("acme", "ACME-1", 100);
        await ReceiveStockAsync("globex", "GLOBEX-1", 100);
        var acmeChanges = await ChangesUntilAsync(acme, changes + 100);
        var globexChanges = await ChangesUntilAsync(globex, changes + 100);

        Assert.All(acmeChanges, c => Assert.Equal("ACME-1", c["sku"]!.GetValue<string>()));
        Assert.All(globexChanges, c => Assert.Equal("GLOBEX-1", c["sku"]!.GetValue<string>()));
        int[] expected = [.. Enumerable.Range(1, changes), changes + 100];
        Assert.Equal(expected, Received(acmeChanges));
        Assert.Equal(expected, Received(globexChanges));
    }

    private static async Task<List<JsonNode>> ChangesUntilAsync(GraphQLSocket socket, int onHand)
    {
        var changes = new List<JsonNode>();
        while (true)
        {
            var change = ChangeOf(await socket.ReceiveForAsync("s"));
            changes.Add(change);
            if (change["onHand"]!.GetValue<int>() == onHand)
                return changes;
        }
    }

    private static IEnumerable<int> Received(List<JsonNode> changes) =>
        changes.Where(c => c["reason"]!.GetValue<string>() == "RECEIVED").Select(c => c["onHand"]!.GetValue<int>()).Order();
}
