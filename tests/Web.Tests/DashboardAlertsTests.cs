namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class DashboardAlertsTests(WebFixture web)
{
    [Fact]
    public async Task ALowStockAlert_AppearsOnTheDashboardLive_AndCanBeAcknowledged()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("ALERT", 10);
        await stock.SetReorderPointAsync(sku, 5);

        var page = await Ui.SignedInPageAsync(web);
        var alerts = page.GetByRole(AriaRole.Region, new() { Name = "Stock alerts to acknowledge" });
        await Expect(alerts.GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        var item = alerts.GetByRole(AriaRole.Listitem).Filter(new() { HasText = sku });
        await Expect(item).ToHaveCountAsync(0);

        // Reserving 6 of 10 leaves 4 available, at or below the reorder point 5: LOW_STOCK, pushed to the page.
        await stock.ReserveAsync(sku, 6);
        await Expect(item).ToContainTextAsync("Low stock");
        await Expect(item).ToContainTextAsync("4 available");
        await Expect(item).ToContainTextAsync("reorder point 5");
        await Screenshots.SaveAsync(page, "14-dashboard-alert");

        await item.GetByRole(AriaRole.Button, new() { Name = $"Acknowledge low stock alert for {sku} in MAIN" }).ClickAsync();
        await Expect(item).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"alert for {sku} in MAIN acknowledged" })).ToBeVisibleAsync();

        // Stored as acknowledged: a fresh dashboard does not list it.
        var stored = await stock.Client.QueryAsync("""
            query($skus: [String!]) { alerts(first: 5, filter: { skus: $skus }) { nodes { kind acknowledged acknowledgedBy } } }
            """, new { skus = new[] { sku } });
        var node = Assert.Single(stored["alerts"]!["nodes"]!.AsArray())!;
        Assert.Equal("LOW_STOCK", node["kind"]!.GetValue<string>());
        Assert.True(node["acknowledged"]!.GetValue<bool>());
        await page.ReloadAsync();
        await Expect(alerts.GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(item).ToHaveCountAsync(0);
    }
}
