using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;
using static Inventory.Host.Tests.Stock.StockApi;

namespace Inventory.Host.Tests.Stock;

/// <summary>Stock's integration events as they are written to the outbox: level changes, and threshold alerts with hysteresis.</summary>
public sealed class StockEventTests(HostFixture fixture) : StockTest(fixture)
{
    private GraphQLClient Clerk => App.GraphQL(Tenant, "Clerk");

    private async Task<List<JsonNode>> EventsOfAsync(string type, string sku) =>
        (await App.EventsAsync(Tenant, type)).Where(e => e.Str("sku") == sku).ToList();

    private async Task<string> ReserveAsync(string sku, int quantity)
    {
        var payload = await Clerk.MutateAsync("reserveStock", Reserve, new { input = ReserveInput((sku, quantity)), key = Guid.NewGuid().ToString() });
        Assert.True(Ok(payload), payload.ToJsonString());
        return payload["reservation"]!.Str("id");
    }

    private async Task ReleaseAsync(string id)
    {
        var payload = await Clerk.MutateAsync("releaseReservation", Transition("releaseReservation"), new { id });
        Assert.True(Ok(payload), payload.ToJsonString());
    }

    private async Task<int> AvailableAsync(string sku) => (await App.LevelAsync(Tenant, sku)).Int("available");

    [Fact]
    public async Task StockLevelChanged_CarriesTheQuantitiesAfter_TheVersionAndTheReason()
    {
        await App.ProductsAsync(Tenant, "EVT-1");
        var receipt = await Clerk.MutateAsync("receiveStock", Receive, new { input = new { sku = "EVT-1", warehouseCode = "MAIN", quantity = 12, reference = "po:9" }, key = "evt-1" });
        await Clerk.MutateAsync("moveStock", Move, new { input = new { sku = "EVT-1", warehouseCode = "MAIN", quantity = 2, from = "AVAILABLE", to = "DAMAGED" }, key = "evt-2" });
        await ReserveAsync("EVT-1", 5);
        var level = await App.LevelAsync(Tenant, "EVT-1");

        var changes = await EventsOfAsync("StockLevelChanged", "EVT-1");
        var received = changes.Single(e => e.Str("reason") == "RECEIVED");
        Assert.Equal((12, 0, 12, "po:9", "MAIN"), (received.Int("onHand"), received.Int("reserved"), received.Int("available"), received.Str("reference"), received.Str("warehouseCode")));
        Assert.Equal(receipt["stockLevel"]!.Int("version"), received.Int("version"));
        var damaged = changes.Single(e => e.Str("reason") == "DAMAGED");
        Assert.Equal((12, 2, 10), (damaged.Int("onHand"), damaged.Int("damaged"), damaged.Int("available")));
        var reserved = changes.Single(e => e.Str("reason") == "RESERVED");
        Assert.Equal((12, 5, 2, 5), (reserved.Int("onHand"), reserved.Int("reserved"), reserved.Int("damaged"), reserved.Int("available")));
        Assert.Equal(level.Int("version"), reserved.Int("version"));
        // Each change of the level is announced with a newer version than the one before.
        var versions = changes.Select(e => e.Int("version")).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task Alerts_AreRaisedOncePerCrossing_NotOncePerChangeAroundTheThreshold()
    {
        await App.ProductsAsync(Tenant, "ALR-1");
        var configured = await App.GraphQL(Tenant, "Manager").MutateAsync("configureStockLevel", Configure, new { input = new { sku = "ALR-1", warehouseCode = "MAIN", reorderPoint = 10 } });
        Assert.True(Ok(configured), configured.ToJsonString());
        await App.ReceiveAsync(Tenant, "ALR-1", 20);
        Assert.Equal("OK", (await App.LevelAsync(Tenant, "ALR-1")).Str("alertState"));
        // Configured while empty, then stocked above its reorder point: no news yet (not OUT_OF_STOCK, not BACK_IN_STOCK).
        var before = (await EventsOfAsync("StockAlertRaised", "ALR-1")).Count;
        Assert.Equal(0, before);

        await ReserveAsync("ALR-1", 9);
        Assert.Equal(11, await AvailableAsync("ALR-1"));
        var last = await ReserveAsync("ALR-1", 1);
        Assert.Equal(10, await AvailableAsync("ALR-1"));
        for (var i = 0; i < 4; i++)
        {
            await ReleaseAsync(last);
            Assert.Equal(11, await AvailableAsync("ALR-1"));
            last = await ReserveAsync("ALR-1", 1);
            Assert.Equal(10, await AvailableAsync("ALR-1"));
        }
        Assert.Equal("LOW", (await App.LevelAsync(Tenant, "ALR-1")).Str("alertState"));
        await ReserveAsync("ALR-1", 10);
        Assert.Equal(0, await AvailableAsync("ALR-1"));
        await App.ReceiveAsync(Tenant, "ALR-1", 5);
        Assert.Equal(5, await AvailableAsync("ALR-1"));
        await App.ReceiveAsync(Tenant, "ALR-1", 20); // well above the reorder point: cleared, without an alert
        Assert.Equal("OK", (await App.LevelAsync(Tenant, "ALR-1")).Str("alertState"));
        await ReserveAsync("ALR-1", 15); // down to the reorder point again: a new crossing
        Assert.Equal(10, await AvailableAsync("ALR-1"));

        var alerts = (await EventsOfAsync("StockAlertRaised", "ALR-1")).Skip(before)
            .Select(e => (e.Str("kind"), e.Int("available"), e.Int("threshold"))).ToArray();
        Assert.Equal([("LOW_STOCK", 10, 10), ("OUT_OF_STOCK", 0, 0), ("BACK_IN_STOCK", 5, 0), ("LOW_STOCK", 10, 10)], alerts);

        // The same four are stored, newest first, each under the id its event carries.
        var stored = (await App.GraphQL(Tenant, "Viewer").QueryAsync(
            """{ alerts(filter: { skus: ["alr-1"] }) { totalCount nodes { id kind sku warehouseCode available threshold acknowledged } } }"""))["alerts"]!;
        var nodes = stored["nodes"]!.AsArray().Reverse().ToList();
        Assert.Equal(before + 4, nodes.Count);
        Assert.Equal(alerts, nodes.Skip(before).Select(n => (n!.Str("kind"), n!.Int("available"), n!.Int("threshold"))).ToArray());
        var eventIds = (await EventsOfAsync("StockAlertRaised", "ALR-1")).Skip(before).Select(e => e.Str("alertId"));
        Assert.Equal(eventIds, nodes.Skip(before).Select(n => n!.Str("id")));
        Assert.All(nodes, n => Assert.False(n!["acknowledged"]!.GetValue<bool>()));
    }
}
