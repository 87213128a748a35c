using System.Text.Json.Nodes;

namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class TransfersTests(WebFixture web)
{
    [Fact]
    public async Task ATransfer_IsCreatedShippedAndReceived_MovingTheQuantitiesBetweenWarehouses_AndTheSameWarehouseIsRefusedNextToTheField()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("TRF", 10);
        var destination = $"TO-{Guid.NewGuid():N}"[..11].ToUpperInvariant();
        var created = await stock.Client.QueryAsync("""
            mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { warehouse { code } userErrors { code message } } }
            """, new { input = new { code = destination, name = "Transfer destination" } });
        Assert.Empty(created["createWarehouse"]!["userErrors"]!.AsArray());
        var reference = $"tr-{Guid.NewGuid():N}"[..11];

        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Transfers");

        await page.GetByRole(AriaRole.Button, new() { Name = "New transfer" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New transfer" });
        await Expect(dialog.Locator("select#transfer-to")).ToBeVisibleAsync();
        await Expect(dialog.Locator("select#transfer-from")).ToBeVisibleAsync();
        await dialog.GetByLabel("From warehouse").SelectOptionAsync("MAIN");
        await dialog.GetByLabel("To warehouse").SelectOptionAsync("MAIN");
        await dialog.GetByLabel("Reference").FillAsync(reference);
        await Ui.FillLineAsync(dialog, 1, sku, "4");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create transfer" }).ClickAsync();
        await Expect(dialog.GetByLabel("To warehouse")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByLabel("To warehouse")).ToHaveAccessibleErrorMessageAsync(new Regex("another warehouse"));

        await dialog.GetByLabel("To warehouse").SelectOptionAsync(destination);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create transfer" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var row = Ui.Row(page, reference);
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Draft");
        await Expect(row).ToContainTextAsync($"4 × {sku}");
        await Expect(row).ToContainTextAsync(destination);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Ship transfer {reference}" }).ClickAsync();
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("In transit");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "shipped" })).ToContainTextAsync($"the stock left MAIN and is incoming at {destination}");
        var inTransit = await LevelAsync(stock, sku, destination);
        Assert.Equal(4, (int)inTransit!["incoming"]!);
        Assert.Equal(6, (int)(await LevelAsync(stock, sku, "MAIN"))!["onHand"]!);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Receive transfer {reference}" }).ClickAsync();
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Received");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "22-transfers");

        // The stock grid shows both ends.
        var levels = await Ui.StockLevelsAsync(page, sku);
        await Expect(levels).ToHaveCountAsync(2);
        await Expect(levels.Filter(new() { HasText = "MAIN" }).Locator("[data-column=onHand]")).ToHaveTextAsync("6");
        await Expect(levels.Filter(new() { HasText = destination }).Locator("[data-column=onHand]")).ToHaveTextAsync("4");
        await Expect(levels.Filter(new() { HasText = destination }).Locator("[data-column=incoming]")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task ShippingMoreThanIsAvailable_IsRefusedByTheRow_AndTheTransferCanBeCancelled()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("TRX", 2);
        var destination = $"TX-{Guid.NewGuid():N}"[..11].ToUpperInvariant();
        var created = await stock.Client.QueryAsync("""
            mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { warehouse { code } userErrors { code message } } }
            """, new { input = new { code = destination, name = "Short destination" } });
        Assert.Empty(created["createWarehouse"]!["userErrors"]!.AsArray());
        var reference = $"tx-{Guid.NewGuid():N}"[..11];

        var page = await Ui.SignedInPageAsync(web);
        await page.GotoAsync("/transfers");
        await page.GetByRole(AriaRole.Button, new() { Name = "New transfer" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New transfer" });
        await Expect(dialog.Locator("select#transfer-to")).ToBeVisibleAsync();
        await dialog.GetByLabel("From warehouse").SelectOptionAsync("MAIN");
        await dialog.GetByLabel("To warehouse").SelectOptionAsync(destination);
        await dialog.GetByLabel("Reference").FillAsync(reference);
        await Ui.FillLineAsync(dialog, 1, sku, "5");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create transfer" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var row = Ui.Row(page, reference);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Ship transfer {reference}" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Not enough stock of '{sku}' in MAIN");
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Draft");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Cancel transfer {reference}" }).ClickAsync();
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Cancelled");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "cancelled" })).ToHaveTextAsync($"Transfer MAIN → {destination} ({reference}) cancelled.");
        Assert.Equal(2, (int)(await LevelAsync(stock, sku, "MAIN"))!["onHand"]!);
    }

    private static async Task<JsonNode?> LevelAsync(StockApi stock, string sku, string warehouseCode) =>
        (await stock.Client.QueryAsync("""
            query($sku: String!, $wh: String!) { stockLevel(sku: $sku, warehouseCode: $wh) { onHand incoming } }
            """, new { sku, wh = warehouseCode }))["stockLevel"];
}
