using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;
using static Inventory.Host.Tests.Stock.StockApi;

namespace Inventory.Host.Tests.Stock;

/// <summary>Stored alerts: listed and filtered for whoever was offline, acknowledged once, by one person, in one tenant.</summary>
public sealed class StockAlertTests(HostFixture fixture) : StockTest(fixture)
{
    private const string Alerts = """
        query($filter: StockAlertFilterInput) { alerts(filter: $filter) { totalCount nodes { id kind sku warehouseCode available threshold raisedAt acknowledged acknowledgedAt acknowledgedBy } } }
        """;

    private const string Acknowledge = """
        mutation($id: ID!) { acknowledgeAlert(id: $id) { alert { id kind acknowledged acknowledgedAt acknowledgedBy } userErrors { code field message } } }
        """;

    private async Task<JsonNode> AlertsAsync(object? filter, string? tenant = null) =>
        (await App.GraphQL(tenant ?? Tenant, "Viewer").QueryAsync(Alerts, new { filter }))["alerts"]!;

    /// <summary>A level with a reorder point of 5 and 10 on hand, then reserved down to <paramref name="available"/>.</summary>
    private async Task LowAsync(string sku, int available, string warehouseCode = "MAIN", string? tenant = null)
    {
        tenant ??= Tenant;
        var configured = await App.GraphQL(tenant, "Manager").MutateAsync("configureStockLevel", Configure, new { input = new { sku, warehouseCode, reorderPoint = 5 } });
        Assert.True(Ok(configured), configured.ToJsonString());
        var received = await App.GraphQL(tenant, "Clerk").MutateAsync("receiveStock", Receive, new { input = new { sku, warehouseCode, quantity = 10 }, key = Guid.NewGuid().ToString() });
        Assert.True(Ok(received), received.ToJsonString());
        var reserved = await App.GraphQL(tenant, "Clerk").MutateAsync("reserveStock", Reserve,
            new { input = new { lines = new[] { new { sku, warehouseCode, quantity = 10 - available } } }, key = Guid.NewGuid().ToString() });
        Assert.True(Ok(reserved), reserved.ToJsonString());
    }

    [Fact]
    public async Task Alert_IsStoredWithItsCrossing_AndAcknowledgedOnce_TheFirstAcknowledgerStays()
    {
        await App.ProductsAsync(Tenant, "ACK-1");
        await LowAsync("ACK-1", available: 4);

        var open = await AlertsAsync(new { acknowledged = false });
        var alert = Assert.Single(open["nodes"]!.AsArray())!;
        Assert.Equal(("LOW_STOCK", "ACK-1", "MAIN", 4, 5, false), (alert.Str("kind"), alert.Str("sku"), alert.Str("warehouseCode"), alert.Int("available"), alert.Int("threshold"), alert["acknowledged"]!.GetValue<bool>()));
        Assert.Null(alert["acknowledgedAt"]?.GetValue<string>());

        var first = await App.GraphQL(Tenant, "Clerk").MutateAsync("acknowledgeAlert", Acknowledge, new { id = alert.Str("id") });
        Assert.True(Ok(first), first.ToJsonString());
        Assert.True(first["alert"]!["acknowledged"]!.GetValue<bool>());
        var by = first["alert"]!.Str("acknowledgedBy");
        Assert.StartsWith("user:", by);

        // Again, by someone else: nothing changes, and the answer says who it was.
        var again = await App.GraphQL(Tenant, "Manager").MutateAsync("acknowledgeAlert", Acknowledge, new { id = alert.Str("id") });
        Assert.True(Ok(again), again.ToJsonString());
        Assert.Equal(by, again["alert"]!.Str("acknowledgedBy"));
        Assert.Equal(first["alert"]!.Str("acknowledgedAt"), again["alert"]!.Str("acknowledgedAt"));

        Assert.Equal(0, (await AlertsAsync(new { acknowledged = false })).Int("totalCount"));
        Assert.Equal(1, (await AlertsAsync(new { acknowledged = true })).Int("totalCount"));
    }

    [Fact]
    public async Task ConcurrentAcknowledgements_AllAnswerTheSameOneAcknowledger()
    {
        await App.ProductsAsync(Tenant, "ACK-2");
        await LowAsync("ACK-2", available: 3);
        var id = Assert.Single((await AlertsAsync(null))["nodes"]!.AsArray())!.Str("id");

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            App.GraphQL(Tenant, "Clerk").MutateAsync("acknowledgeAlert", Acknowledge, new { id })));
        Assert.All(answers, a => Assert.True(Ok(a), a.ToJsonString()));
        Assert.Single(answers.Select(a => a["alert"]!.Str("acknowledgedBy")).Distinct());
        Assert.Single(answers.Select(a => a["alert"]!.Str("acknowledgedAt")).Distinct());
    }

    [Fact]
    public async Task Acknowledge_RefusesUnknownIds_OtherTenantsAlerts_AndViewers()
    {
        var other = App.Tenants[1];
        await App.ProductsAsync(Tenant, "ACK-3");
        await LowAsync("ACK-3", available: 2);
        var id = Assert.Single((await AlertsAsync(null))["nodes"]!.AsArray())!.Str("id");

        foreach (var bad in new[] { "not-an-id", Guid.NewGuid().ToString() })
        {
            var answer = await App.GraphQL(Tenant, "Clerk").MutateAsync("acknowledgeAlert", Acknowledge, new { id = bad });
            Assert.Equal(["NOT_FOUND"], Codes(answer));
            Assert.Equal("id", answer["userErrors"]![0]!.Str("field"));
            Assert.Null(answer["alert"]);
        }

        var fromOther = await App.GraphQL(other, "Admin").MutateAsync("acknowledgeAlert", Acknowledge, new { id });
        Assert.Equal(["NOT_FOUND"], Codes(fromOther));
        Assert.Equal(0, (await AlertsAsync(null, other)).Int("totalCount"));

        var viewer = await App.GraphQL(Tenant, "Viewer").SendAsync(Acknowledge, new { id });
        Assert.Equal("FORBIDDEN", viewer.FirstErrorCode);

        Assert.Equal(1, (await AlertsAsync(new { acknowledged = false })).Int("totalCount")); // none of that acknowledged it
    }

    [Fact]
    public async Task Alerts_FilterByKindSkuAndWarehouse_NewestFirst_AndRefuseHugeFilters()
    {
        await App.ProductsAsync(Tenant, "FLT-1", "FLT-2");
        await App.WarehouseAsync(Tenant, "EAST");
        await LowAsync("FLT-1", available: 4);               // LOW_STOCK in MAIN
        await LowAsync("FLT-2", available: 0, "EAST");       // OUT_OF_STOCK in EAST (its first stock was no news)

        var all = await AlertsAsync(null);
        Assert.Equal(2, all.Int("totalCount"));
        Assert.Equal(["FLT-2", "FLT-1"], all["nodes"]!.AsArray().Select(n => n!.Str("sku")));

        Assert.Equal(["FLT-2"], (await AlertsAsync(new { kinds = new[] { "OUT_OF_STOCK" } }))["nodes"]!.AsArray().Select(n => n!.Str("sku")));
        Assert.Equal(["FLT-1"], (await AlertsAsync(new { warehouseCodes = new[] { "main" } }))["nodes"]!.AsArray().Select(n => n!.Str("sku")));
        Assert.Equal(["FLT-2"], (await AlertsAsync(new { skus = new[] { "flt-2", "NOPE" }, kinds = new[] { "OUT_OF_STOCK", "LOW_STOCK" } }))["nodes"]!.AsArray().Select(n => n!.Str("sku")));
        Assert.Equal(0, (await AlertsAsync(new { skus = new[] { "FLT-1" }, warehouseCodes = new[] { "EAST" } })).Int("totalCount"));

        var huge = await App.GraphQL(Tenant, "Viewer").SendAsync(Alerts, new { filter = new { skus = Enumerable.Range(0, 101).Select(i => $"S-{i}").ToArray() } });
        Assert.Equal("VALIDATION", huge.FirstErrorCode);
    }

    [Fact]
    public async Task RefusedWrite_StoresNoAlert()
    {
        await App.ProductsAsync(Tenant, "ACK-4");
        await LowAsync("ACK-4", available: 6); // above the reorder point: no alert yet
        var refused = await App.GraphQL(Tenant, "Clerk").MutateAsync("reserveStock", Reserve, new { input = ReserveInput(("ACK-4", 7)), key = Guid.NewGuid().ToString() });
        Assert.Equal(["INSUFFICIENT_STOCK"], Codes(refused));
        Assert.Equal(0, (await AlertsAsync(null)).Int("totalCount"));
        Assert.Equal(0L, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_alerts"));
    }
}
