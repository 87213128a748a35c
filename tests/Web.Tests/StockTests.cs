namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class StockTests(WebFixture web)
{
    [Fact]
    public async Task TheStockGrid_UpdatesARowInPlace_WhenStockIsReservedAndReceivedThroughTheApi()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("LIVE", 10);

        var page = await web.NewPageAsync();
        var levelQueries = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.PostData?.Contains("query StockLevels") == true)
                Interlocked.Increment(ref levelQueries);
        };
        await WebFixture.SignInAsync(page);
        await Ui.OpenAsync(page, "Stock");
        await Ui.FilterAsync(page, "SKU", sku);

        var row = Ui.Row(page, sku);
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("10");
        await Expect(row.Locator("[data-column=available]")).ToHaveTextAsync("10");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live" })).ToHaveTextAsync("Live");
        var queriesBefore = Volatile.Read(ref levelQueries);

        // A reservation made elsewhere: the row follows it.
        await stock.ReserveAsync(sku, 3);
        await Expect(row.Locator("[data-column=reserved]")).ToHaveTextAsync("3");
        await Expect(row.Locator("[data-column=available]")).ToHaveTextAsync("7");
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("10");

        // A receipt: on hand and available grow.
        await stock.ReceiveAsync(sku, 5);
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("15");
        await Expect(row.Locator("[data-column=available]")).ToHaveTextAsync("12");
        await Screenshots.SaveAsync(page, "13-stock-live");

        // Updated from the events, not by reading the list again.
        Assert.Equal(queriesBefore, Volatile.Read(ref levelQueries));
    }

    [Fact]
    public async Task TheBelowReorderPointFilter_ShowsOnlyLevelsAtOrBelowTheirReorderPoint()
    {
        var stock = new StockApi(web);
        var low = await stock.StockedSkuAsync("LOW", 2);
        var plenty = await stock.StockedSkuAsync("OK", 50);
        await stock.SetReorderPointAsync(low, 5);
        await stock.SetReorderPointAsync(plenty, 5);

        var page = await Ui.SignedInPageAsync(web);
        await page.GotoAsync("/stock");
        await page.GetByLabel("Warehouse code").FillAsync("main");
        await page.GetByLabel("At or below reorder point").CheckAsync();
        await Ui.FilterAsync(page, "SKU", low);
        var lowRow = Ui.Row(page, low);
        await Expect(lowRow.Locator("[data-column=available]")).ToHaveTextAsync("2 (at or below reorder point)");
        await Expect(lowRow).ToContainTextAsync("MAIN");

        await Ui.FilterAsync(page, "SKU", plenty);
        await Expect(page.GetByText("No stock level matches.")).ToBeVisibleAsync();

        await page.GetByLabel("At or below reorder point").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = plenty, Exact = true })).ToBeVisibleAsync();
    }
}
