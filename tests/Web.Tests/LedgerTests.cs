namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class LedgerTests(WebFixture web)
{
    [Fact]
    public async Task TheLedger_ListsASkusMovementsNewestFirst_AndFiltersByReason()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("LEDGER", 10);
        await stock.ReserveAsync(sku, 3, "cart:ledger");

        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Ledger");
        await page.GetByLabel("SKU").FillAsync(sku);
        await Ui.FilterAsync(page, "Warehouse code", "main");

        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Stock movements" }).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("Reserved");
        await Expect(rows.Nth(0)).ToContainTextAsync("reserved +3");
        await Expect(rows.Nth(0)).ToContainTextAsync("cart:ledger");
        await Expect(rows.Nth(1)).ToContainTextAsync("Received");
        await Expect(rows.Nth(1)).ToContainTextAsync("onHand +10");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Stock movements pages" })).ToContainTextAsync("1–2 of 2");
        await Screenshots.SaveAsync(page, "15-ledger");

        await page.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Label = "Received" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Received");
    }
}
