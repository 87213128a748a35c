using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;
using static Inventory.Host.Tests.Stock.StockApi;

namespace Inventory.Host.Tests.Realtime;

/// <summary>
/// <c>stockAlerts</c>, <c>orderStatusChanged</c> and <c>reservationExpired</c> over graphql-transport-ws on one host:
/// what a subscriber receives, what its filter keeps out, and that another tenant's subscriber receives none of it.
/// </summary>
public sealed class AlertAndOrderSubscriptionTests(RealtimeFixture fixture) : RealtimeTest(fixture)
{
    private const string StockAlerts = """
        subscription($filter: StockAlertsFilterInput) { stockAlerts(filter: $filter) { id kind sku warehouseCode available threshold raisedAt acknowledged } }
        """;

    private const string OrderStatusChanged = """
        subscription($filter: OrderStatusChangedFilterInput) { orderStatusChanged(filter: $filter) { id status customerReference reason version changedAt } }
        """;

    private const string ReservationExpired = """
        subscription($filter: ReservationExpiredFilterInput) { reservationExpired(filter: $filter) { reservationId reference lines { sku warehouseCode quantity } expiredAt } }
        """;

    private static JsonNode Data(JsonNode message, string field)
    {
        Assert.True(message["type"]!.GetValue<string>() == "next", $"expected next, got {message.ToJsonString()}");
        return message["payload"]!["data"]![field]!;
    }

    private async Task ReserveAsync(string tenant, string sku, int quantity, int? ttlSeconds = null, string? reference = null)
    {
        var reserved = await App.GraphQL(tenant, "Clerk").MutateAsync("reserveStock", Reserve, new
        {
            input = new { lines = new[] { new { sku, warehouseCode = "MAIN", quantity } }, ttlSeconds, reference },
            key = Guid.NewGuid().ToString(),
        });
        Assert.True(Ok(reserved), reserved.ToJsonString());
    }

    [Fact]
    public async Task StockAlerts_ArePushedAsStored_FilteredByKind_AndNeverToAnotherTenant()
    {
        await App.ProductsAsync("acme", "ALERT-1");
        await App.ProductsAsync("globex", "ALERT-1");
        var configured = await App.GraphQL("acme", "Manager").MutateAsync("configureStockLevel", Configure, new { input = new { sku = "ALERT-1", warehouseCode = "MAIN", reorderPoint = 5 } });
        Assert.True(Ok(configured), configured.ToJsonString());
        await ReceiveStockAsync("acme", "ALERT-1", 10);

        await using var all = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        await using var lowOnly = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        await using var other = await GraphQLSocket.ConnectAsync(App, "globex", "Viewer");
        await all.SubscribeAsync("a", StockAlerts);
        await lowOnly.SubscribeAsync("l", StockAlerts, new { filter = new { kinds = new[] { "OUT_OF_STOCK" }, skus = new[] { "alert-1" } } });
        await other.SubscribeAsync("o", StockAlerts);
        await SubscribedAsync("acme", 2);
        await SubscribedAsync("globex", 1);

        await ReserveAsync("acme", "ALERT-1", 6);   // 4 available: LOW_STOCK
        await ReserveAsync("acme", "ALERT-1", 4);   // 0 available: OUT_OF_STOCK

        var low = Data(await all.ReceiveForAsync("a"), "stockAlerts");
        var out1 = Data(await all.ReceiveForAsync("a"), "stockAlerts");
        Assert.Equal(("LOW_STOCK", "ALERT-1", "MAIN", 4, 5), (low["kind"]!.GetValue<string>(), low["sku"]!.GetValue<string>(), low["warehouseCode"]!.GetValue<string>(), low["available"]!.GetValue<int>(), low["threshold"]!.GetValue<int>()));
        Assert.Equal(("OUT_OF_STOCK", 0, 0), (out1["kind"]!.GetValue<string>(), out1["available"]!.GetValue<int>(), out1["threshold"]!.GetValue<int>()));
        Assert.False(low["acknowledged"]!.GetValue<bool>());

        // What was pushed is what is stored: the same ids, which acknowledgeAlert takes.
        var stored = (await App.GraphQL("acme", "Viewer").QueryAsync("{ alerts { nodes { id kind } } }"))["alerts"]!["nodes"]!.AsArray();
        Assert.Equal([out1["id"]!.GetValue<string>(), low["id"]!.GetValue<string>()], stored.Select(n => n!["id"]!.GetValue<string>()));

        // The filtered subscriber got only OUT_OF_STOCK: it is its first message.
        Assert.Equal(out1["id"]!.GetValue<string>(), Data(await lowOnly.ReceiveForAsync("l"), "stockAlerts")["id"]!.GetValue<string>());

        // globex's subscriber: its first message is globex's own alert, not one of acme's.
        var globexConfigured = await App.GraphQL("globex", "Manager").MutateAsync("configureStockLevel", Configure, new { input = new { sku = "ALERT-1", warehouseCode = "MAIN", reorderPoint = 50 } });
        Assert.True(Ok(globexConfigured), globexConfigured.ToJsonString());
        await ReceiveStockAsync("globex", "ALERT-1", 7); // first stock at or below the reorder point: LOW_STOCK
        var mine = Data(await other.ReceiveForAsync("o"), "stockAlerts");
        Assert.Equal(("LOW_STOCK", 7, 50), (mine["kind"]!.GetValue<string>(), mine["available"]!.GetValue<int>(), mine["threshold"]!.GetValue<int>()));
    }

    [Fact]
    public async Task OrderStatusChanged_FollowsAnOrderFromPendingThroughReservedToShipped_InVersionOrder()
    {
        await App.ProductsAsync("acme", "ORD-LIVE");
        await ReceiveStockAsync("acme", "ORD-LIVE", 10);
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        await using var other = await GraphQLSocket.ConnectAsync(App, "globex", "Admin");
        await socket.SubscribeAsync("o", OrderStatusChanged, new { filter = new { customerReference = "cust-live" } });
        await other.SubscribeAsync("g", OrderStatusChanged);
        await SubscribedAsync("acme");
        await SubscribedAsync("globex");

        var clerk = App.GraphQL("acme", "Clerk");
        // Another customer's order is filtered out.
        var ignored = (await clerk.QueryAsync(
            "mutation($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) { order { id } userErrors { code } } }",
            new { input = new { customerReference = "someone-else", lines = new[] { new { sku = "ORD-LIVE", quantity = 1 } } }, key = "live-0" }))["placeOrder"]!;
        Assert.Empty(ignored["userErrors"]!.AsArray());
        var placed = (await clerk.QueryAsync(
            "mutation($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) { order { id } userErrors { code } } }",
            new { input = new { customerReference = "cust-live", lines = new[] { new { sku = "ORD-LIVE", quantity = 2 } } }, key = "live-1" }))["placeOrder"]!;
        var id = placed["order"]!["id"]!.GetValue<string>();

        var seen = new List<JsonNode>();
        while (seen.Count < 2)
            seen.Add(Data(await socket.ReceiveForAsync("o"), "orderStatusChanged"));
        foreach (var (field, query) in new[] { ("confirmOrder", "mutation($id: ID!) { confirmOrder(id: $id) { userErrors { code } } }"), ("shipOrder", "mutation($id: ID!) { shipOrder(id: $id) { userErrors { code } } }") })
        {
            Assert.Empty((await clerk.QueryAsync(query, new { id }))[field]!["userErrors"]!.AsArray());
            seen.Add(Data(await socket.ReceiveForAsync("o"), "orderStatusChanged"));
        }

        Assert.All(seen, s => Assert.Equal(id, s["id"]!.GetValue<string>()));
        Assert.All(seen, s => Assert.Equal("cust-live", s["customerReference"]!.GetValue<string>()));
        // Events may arrive in any order; their versions put them in the order they happened.
        var ordered = seen.OrderBy(s => s["version"]!.GetValue<int>()).Select(s => s["status"]!.GetValue<string>());
        Assert.Equal(["PENDING", "RESERVED", "CONFIRMED", "SHIPPED"], ordered);
        Assert.Equal(4, seen.Select(s => s["version"]!.GetValue<int>()).Distinct().Count());

        // globex saw none of it: its first message is the change of its own order.
        await App.ProductsAsync("globex", "ORD-LIVE");
        var own = (await App.GraphQL("globex", "Clerk").QueryAsync(
            "mutation($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) { order { id } userErrors { code } } }",
            new { input = new { customerReference = "globex-cust", lines = new[] { new { sku = "ORD-LIVE", quantity = 1 } } }, key = "live-g" }))["placeOrder"]!;
        var first = Data(await other.ReceiveForAsync("g"), "orderStatusChanged");
        Assert.Equal(own["order"]!["id"]!.GetValue<string>(), first["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReservationExpired_IsPushedWhenTheExpiryJobReleasesTheStock()
    {
        await App.ProductsAsync("acme", "EXP-LIVE", "EXP-OTHER");
        await ReceiveStockAsync("acme", "EXP-LIVE", 5);
        await ReceiveStockAsync("acme", "EXP-OTHER", 5);
        await using var socket = await GraphQLSocket.ConnectAsync(App, "acme", "Viewer");
        await socket.SubscribeAsync("x", ReservationExpired, new { filter = new { skus = new[] { "exp-live" } } });
        await SubscribedAsync("acme");

        await ReserveAsync("acme", "EXP-OTHER", 1, ttlSeconds: 1, reference: "cart:other");
        await ReserveAsync("acme", "EXP-LIVE", 3, ttlSeconds: 1, reference: "cart:42");

        var expired = Data(await socket.ReceiveForAsync("x", TimeSpan.FromSeconds(30)), "reservationExpired");
        Assert.Equal("cart:42", expired["reference"]!.GetValue<string>());
        var line = Assert.Single(expired["lines"]!.AsArray())!;
        Assert.Equal(("EXP-LIVE", "MAIN", 3), (line["sku"]!.GetValue<string>(), line["warehouseCode"]!.GetValue<string>(), line["quantity"]!.GetValue<int>()));
        Assert.Equal(5, (await App.LevelAsync("acme", "EXP-LIVE")).Int("available"));
    }

    [Fact]
    public async Task Subscriptions_NeedASignedInReader()
    {
        await using var socket = await GraphQLSocket.OpenAsync(App);
        await socket.InitAsync(new { tenant = "acme" });
        await socket.SubscribeAsync("a", StockAlerts);
        var answer = await socket.ReceiveForAsync("a");
        Assert.Equal("error", answer["type"]!.GetValue<string>());
        Assert.Contains(answer["payload"]!.AsArray(), e => e!["extensions"]?["code"]?.GetValue<string>() is "UNAUTHENTICATED" or "FORBIDDEN");
    }
}
