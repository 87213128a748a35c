namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class PurchaseOrdersTests(WebFixture web)
{
    private static async Task ExpectIncomingAsync(IPage page, string sku, string incoming, string onHand)
    {
        var level = await Ui.StockLevelsAsync(page, sku);
        await Expect(level.Locator("[data-column=incoming]")).ToHaveTextAsync(incoming);
        await Expect(level.Locator("[data-column=onHand]")).ToHaveTextAsync(onHand);
    }

    [Fact]
    public async Task APurchaseOrder_IsCreatedWithTwoLines_ReceivedInPart_RefusesAnOverReceipt_AndIsClosed()
    {
        var stock = new StockApi(web);
        var first = await stock.StockedSkuAsync("POA", 1);
        var second = await stock.StockedSkuAsync("POB", 1);
        var supplier = $"Supplier {Guid.NewGuid():N}"[..17];

        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Purchase orders");

        // Bad input first: no supplier is shown next to its field.
        await page.GetByRole(AriaRole.Button, new() { Name = "New purchase order" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New purchase order" });
        await dialog.GetByLabel("Warehouse").SelectOptionAsync("MAIN");
        await Ui.FillLineAsync(dialog, 1, first, "20");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        await Ui.FillLineAsync(dialog, 2, second, "15");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create purchase order" }).ClickAsync();
        await Expect(dialog.GetByLabel("Supplier")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByLabel("Supplier")).ToHaveAccessibleErrorMessageAsync(new Regex("supplier", RegexOptions.IgnoreCase));

        await dialog.GetByLabel("Supplier").FillAsync(supplier);
        await dialog.GetByLabel("Expected on").FillAsync("2027-01-15");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create purchase order" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByText($"Purchase order from {supplier} created: 2 lines incoming at MAIN.")).ToBeVisibleAsync();
        var row = Ui.Row(page, supplier);
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Open");
        await Expect(row).ToContainTextAsync($"{first} × 20, {second} × 15");
        await Expect(row).ToContainTextAsync("0 of 35");
        await Screenshots.SaveAsync(page, "33-purchase-orders");

        // The lines are incoming at the warehouse.
        await ExpectIncomingAsync(page, first, "20", "1");
        await page.GotoAsync("/purchase-orders");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Purchase orders", Level = 1 })).ToBeVisibleAsync();

        // Receive part: the form starts from what is outstanding.
        await Ui.Row(page, supplier).GetByRole(AriaRole.Link, new() { Name = supplier }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Purchase order from {supplier}", Level = 1 })).ToBeVisibleAsync();
        var receiveFirst = page.GetByLabel($"Receive {first}");
        var receiveSecond = page.GetByLabel($"Receive {second}");
        await Expect(receiveFirst).ToHaveValueAsync("20");
        await Expect(receiveSecond).ToHaveValueAsync("15");
        await receiveFirst.FillAsync("5");
        await receiveSecond.FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Receive", Exact = true }).ClickAsync();
        var status = page.GetByTestId("purchase-order-status");
        await Expect(status).ToHaveTextAsync("Partially received");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Received 5 units" })).ToBeVisibleAsync();
        await Expect(Ui.Row(page, first).Locator("[data-column=received]")).ToHaveTextAsync("5");
        await Expect(Ui.Row(page, first).Locator("[data-column=remaining]")).ToHaveTextAsync("15");
        // The form starts again from what is still outstanding.
        await Expect(receiveFirst).ToHaveValueAsync("15");

        // More than expected on the second line: refused, next to that line.
        await receiveFirst.FillAsync("0");
        await receiveSecond.FillAsync("99");
        await page.GetByRole(AriaRole.Button, new() { Name = "Receive", Exact = true }).ClickAsync();
        await Expect(receiveSecond).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(receiveSecond).ToHaveAccessibleErrorMessageAsync(new Regex("15 still expected"));
        await Expect(receiveFirst).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(status).ToHaveTextAsync("Partially received");
        await Screenshots.SaveAsync(page, "34-purchase-order-receive");

        // Close: what was not received is no longer incoming.
        await page.GetByRole(AriaRole.Button, new() { Name = "Close purchase order" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Close this purchase order?" });
        await Expect(confirm).ToContainTextAsync("30 units");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Close purchase order" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Closed");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Receive", Exact = true })).ToHaveCountAsync(0);

        await ExpectIncomingAsync(page, first, "0", "6");
        await ExpectIncomingAsync(page, second, "0", "1");

        // The status filter finds it among the closed ones, and not another supplier's order that is still open;
        // that one is listed as open.
        var openSupplier = $"Open {Guid.NewGuid():N}"[..13];
        var created = await stock.Client.QueryAsync("""
            mutation($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { purchaseOrder { id } userErrors { code message } } }
            """, new { input = new { supplier = openSupplier, warehouseCode = "MAIN", lines = new[] { new { sku = first, quantity = 3 } } } });
        Assert.Empty(created["createPurchaseOrder"]!["userErrors"]!.AsArray());
        await page.GotoAsync("/purchase-orders");
        await page.GetByLabel("Status").SelectOptionAsync("CLOSED");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(Ui.Row(page, supplier).Locator("[data-column=status]")).ToHaveTextAsync("Closed");
        await Expect(Ui.Row(page, openSupplier)).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-column=status] [data-status]:not([data-status=CLOSED])")).ToHaveCountAsync(0);
        await page.GetByLabel("Status").SelectOptionAsync("OPEN");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(Ui.Row(page, openSupplier).Locator("[data-column=status]")).ToHaveTextAsync("Open");
        await Expect(Ui.Row(page, supplier)).ToHaveCountAsync(0);
    }
}
