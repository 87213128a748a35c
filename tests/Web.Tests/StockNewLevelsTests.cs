using Inventory.TestKit;

namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class StockNewLevelsTests(WebFixture web)
{
    [Fact]
    public async Task ALevelCreatedWhileTheGridIsOpen_IsOfferedByANotice_AndShowBringsItIn()
    {
        // A warehouse of its own, so that the grid's first page is this test's alone.
        var stock = new StockApi(web);
        var warehouse = $"NL-{Guid.NewGuid():N}"[..11].ToUpperInvariant();
        var created = (await stock.Client.QueryAsync("""
            mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { warehouse { code } userErrors { code message } } }
            """, new { input = new { code = warehouse, name = "New levels depot" } }))["createWarehouse"]!;
        Assert.Empty(created["userErrors"]!.AsArray());
        var first = await NewSkuAsync("NLA");
        await ReceiveAsync(stock, first, warehouse, 4);

        var page = await Ui.SignedInPageAsync(web);
        await page.GotoAsync("/stock");
        await Ui.FilterAsync(page, "Warehouse code", warehouse.ToLowerInvariant());
        // The filtered page: the header row and the one level of this warehouse (the unfiltered page goes first).
        await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync(first);
        await Expect(page.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync(warehouse);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live" })).ToHaveTextAsync("Live");

        // A SKU received there through the API: not in the list yet, but announced.
        var second = await NewSkuAsync("NLB");
        await ReceiveAsync(stock, second, warehouse, 7);
        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "New stock levels" });
        await Expect(notice).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = second, Exact = true })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "42-stock-new-levels");

        await notice.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var row = Ui.Row(page, second);
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("7");
        await Expect(notice).ToHaveCountAsync(0);

        // A level already shown keeps updating in place, without a notice.
        await ReceiveAsync(stock, second, warehouse, 1);
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("8");
        await Expect(notice).ToHaveCountAsync(0);
    }

    private async Task<string> NewSkuAsync(string prefix)
    {
        var sku = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)].ToUpperInvariant();
        await web.App.ProductsAsync(WebFixture.Tenant, sku);
        return sku;
    }

    private static async Task ReceiveAsync(StockApi stock, string sku, string warehouseCode, int quantity)
    {
        var data = await stock.Client.QueryAsync("""
            mutation($input: ReceiveStockInput!, $key: String!) { receiveStock(input: $input, idempotencyKey: $key) { stockLevel { onHand } userErrors { code message } } }
            """, new { input = new { sku, warehouseCode, quantity, reference = "web-test" }, key = Guid.NewGuid().ToString() });
        Assert.Empty(data["receiveStock"]!["userErrors"]!.AsArray());
    }
}
