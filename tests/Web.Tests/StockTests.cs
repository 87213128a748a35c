using Inventory.TestKit;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class StockTests(WebFixture web)
{
    [Fact]
    public async Task TheStockGrid_UpdatesARowInPlace_WhenStockIsReservedAndReceivedThroughTheApi()
    {
        var sku = $"LIVE-{Guid.NewGuid():N}"[..13].ToUpperInvariant();
        await web.App.ProductsAsync(WebFixture.Tenant, sku);
        var api = web.Api(TestTokens.For(WebFixture.Tenant));
        await ReceiveAsync(api, sku, 10);

        var page = await web.NewPageAsync();
        var levelQueries = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.PostData?.Contains("query StockLevels") == true)
                Interlocked.Increment(ref levelQueries);
        };
        await WebFixture.SignInAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Stock" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stock", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("SKU").FillAsync(sku);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = sku, Exact = true }) });
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("10");
        await Expect(row.Locator("[data-column=available]")).ToHaveTextAsync("10");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live" })).ToHaveTextAsync("Live");
        var queriesBefore = Volatile.Read(ref levelQueries);

        // A reservation made elsewhere: the row follows it.
        var reserved = await api.QueryAsync("""
            mutation($input: ReserveStockInput!, $key: String!) { reserveStock(input: $input, idempotencyKey: $key) { reservation { id } userErrors { code message } } }
            """, new { input = new { lines = new[] { new { sku, warehouseCode = "MAIN", quantity = 3 } }, ttlSeconds = 900, reference = "web-test" }, key = Guid.NewGuid().ToString() });
        Assert.Empty(reserved["reserveStock"]!["userErrors"]!.AsArray());
        await Expect(row.Locator("[data-column=reserved]")).ToHaveTextAsync("3");
        await Expect(row.Locator("[data-column=available]")).ToHaveTextAsync("7");
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("10");

        // A receipt: on hand and available grow.
        await ReceiveAsync(api, sku, 5);
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("15");
        await Expect(row.Locator("[data-column=available]")).ToHaveTextAsync("12");
        await Screenshots.SaveAsync(page, "10-stock-live");

        // Updated from the events, not by reading the list again.
        Assert.Equal(queriesBefore, Volatile.Read(ref levelQueries));
    }

    [Fact]
    public async Task TheBelowReorderPointFilter_ShowsOnlyLevelsAtOrBelowTheirReorderPoint()
    {
        var low = $"LOW-{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        var plenty = $"OK-{Guid.NewGuid():N}"[..11].ToUpperInvariant();
        await web.App.ProductsAsync(WebFixture.Tenant, low, plenty);
        var api = web.Api(TestTokens.For(WebFixture.Tenant));
        await ReceiveAsync(api, low, 2);
        await ReceiveAsync(api, plenty, 50);
        foreach (var sku in new[] { low, plenty })
            await api.QueryAsync("""
                mutation($input: ConfigureStockLevelInput!) { configureStockLevel(input: $input) { userErrors { code } } }
                """, new { input = new { sku, warehouseCode = "MAIN", reorderPoint = 5 } });

        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/stock");
        await page.GetByLabel("Warehouse code").FillAsync("main");
        await page.GetByLabel("At or below reorder point").CheckAsync();
        await page.GetByLabel("SKU").FillAsync(low);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var lowRow = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = low, Exact = true }) });
        await Expect(lowRow.Locator("[data-column=available]")).ToHaveTextAsync("2 (at or below reorder point)");
        await Expect(lowRow).ToContainTextAsync("MAIN");

        await page.GetByLabel("SKU").FillAsync(plenty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByText("No stock level matches.")).ToBeVisibleAsync();

        await page.GetByLabel("At or below reorder point").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = plenty, Exact = true })).ToBeVisibleAsync();
    }

    internal static async Task ReceiveAsync(GraphQLClient api, string sku, int quantity)
    {
        var result = await api.QueryAsync("""
            mutation($input: ReceiveStockInput!, $key: String!) { receiveStock(input: $input, idempotencyKey: $key) { stockLevel { onHand } userErrors { code message } } }
            """, new { input = new { sku, warehouseCode = "MAIN", quantity, reference = "web-test" }, key = Guid.NewGuid().ToString() });
        Assert.Empty(result["receiveStock"]!["userErrors"]!.AsArray());
    }
}
