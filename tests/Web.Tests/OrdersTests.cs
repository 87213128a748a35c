namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class OrdersTests(WebFixture web)
{
    private static string NewReference(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog, new() { Name = "Place order" });

    private static async Task FillPlaceOrderAsync(IPage page, string customerReference, string sku, string quantity)
    {
        var dialog = Dialog(page);
        if (!await dialog.IsVisibleAsync())
            await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await dialog.GetByLabel("Customer reference").FillAsync(customerReference);
        await Ui.FillLineAsync(dialog, 1, sku, quantity);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
    }

    private async Task<string> PlaceOrderThroughApiAsync(StockApi stock, string customerReference, string sku, int quantity)
    {
        var data = await stock.Client.QueryAsync("""
            mutation($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) { order { id } userErrors { code message } } }
            """, new { input = new { customerReference, lines = new[] { new { sku, quantity } } }, key = Guid.NewGuid().ToString() });
        Assert.Empty(data["placeOrder"]!["userErrors"]!.AsArray());
        return data["placeOrder"]!["order"]!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task AnOrderPlacedInTheBrowser_IsReservedLive_ThenConfirmedAndShipped_AndOnHandGoesDown()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("ORD", 10);
        var reference = NewReference("c");

        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Orders");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live" })).ToHaveTextAsync("Live");

        await FillPlaceOrderAsync(page, reference, sku, "3");
        await Expect(Dialog(page)).ToBeHiddenAsync();
        await Expect(page.GetByText($"Order for {reference} placed")).ToBeVisibleAsync();

        // Placed as PENDING, allocated by Stock moments later: the row follows without a reload.
        var row = Ui.Row(page, reference);
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Reserved");
        await Expect(row).ToContainTextAsync($"1 line · 3 units: {sku} × 3");

        // The customer reference filter finds it.
        await Ui.FilterAsync(page, "Customer reference", reference);
        await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Reserved");
        await Screenshots.SaveAsync(page, "30-orders");

        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Order {reference}", Level = 1 })).ToBeVisibleAsync();
        var status = page.GetByTestId("order-status");
        await Expect(status).ToHaveTextAsync("Reserved");
        var line = Ui.Row(page, sku);
        await Expect(line.Locator("[data-column=allocations]")).ToHaveTextAsync("MAIN × 3");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ship" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "31-order-detail");

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Confirmed");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Order confirmed" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Ship" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Shipped");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Order actions" })).ToHaveCountAsync(0);

        // Stock fulfilled it: 3 left the warehouse (the stock grid follows live).
        var level = await Ui.StockLevelsAsync(page, sku);
        await Expect(level.Locator("[data-column=onHand]")).ToHaveTextAsync("7");
        await Expect(level.Locator("[data-column=reserved]")).ToHaveTextAsync("0");
        await Expect(level.Locator("[data-column=committed]")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task AnOrderThatCannotBeAllocated_IsRejected_WithItsReasonShown()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("FEW", 2);
        var reference = NewReference("r");

        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Orders");
        await FillPlaceOrderAsync(page, reference, sku, "5");
        await Expect(Dialog(page)).ToBeHiddenAsync();
        var row = Ui.Row(page, reference);
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Rejected");

        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Rejected");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Rejected:" })).ToContainTextAsync(new Regex(@"INSUFFICIENT_STOCK, 2 available"));
        var line = Ui.Row(page, sku);
        await Expect(line.Locator("[data-column=rejection]")).ToHaveTextAsync("Insufficient stock");
        // Nothing can be done to a rejected order.
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Order actions" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task CancellingAReservedOrder_ReleasesItsStock()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("CXL", 10);
        var reference = NewReference("x");
        var id = await PlaceOrderThroughApiAsync(stock, reference, sku, 4);

        var page = await Ui.SignedInPageAsync(web);
        await page.GotoAsync($"/orders/{id}");
        var status = page.GetByTestId("order-status");
        await Expect(status).ToHaveTextAsync("Reserved");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Cancel this order?" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Cancelled");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Order actions" })).ToHaveCountAsync(0);

        var level = await Ui.StockLevelsAsync(page, sku);
        await Expect(level.Locator("[data-column=reserved]")).ToHaveTextAsync("0");
        await Expect(level.Locator("[data-column=available]")).ToHaveTextAsync("10");
    }

    [Fact]
    public async Task AnOrderPlacedElsewhere_IsOfferedOnTheList_AndShownOnRequest()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("NEW", 5);
        var reference = NewReference("n");

        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Orders");
        await Ui.FilterAsync(page, "Customer reference", reference);
        await Expect(page.GetByText("No order matches.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live" })).ToHaveTextAsync("Live");

        await PlaceOrderThroughApiAsync(stock, reference, sku, 1);
        await Expect(page.GetByText("1 new order was placed.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show new orders" }).ClickAsync();
        await Expect(Ui.Row(page, reference).Locator("[data-column=status]")).ToHaveTextAsync(new Regex("Pending|Reserved"));
        await Expect(Ui.Row(page, reference).Locator("[data-column=status]")).ToHaveTextAsync("Reserved");
        await Expect(page.GetByText("1 new order was placed.")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task TheOrderDetail_FollowsChangesMadeElsewhere_WithoutAReload()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("ELS", 10);
        var reference = NewReference("e");
        var id = await PlaceOrderThroughApiAsync(stock, reference, sku, 2);

        var page = await web.NewPageAsync();
        var orderReads = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.PostData?.Contains("query Order(") == true)
                Interlocked.Increment(ref orderReads);
        };
        await WebFixture.SignInAsync(page);
        await page.GotoAsync($"/orders/{id}");
        var status = page.GetByTestId("order-status");
        await Expect(status).ToHaveTextAsync("Reserved");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live" })).ToHaveTextAsync("Live");
        var readsBefore = Volatile.Read(ref orderReads);

        // Another user confirms it: the page reads the order again once, and offers Ship instead of Confirm.
        await TransitionThroughApiAsync(stock, "confirmOrder", id);
        await Expect(status).ToHaveTextAsync("Confirmed");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ship" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm" })).ToHaveCountAsync(0);
        var line = Ui.Row(page, sku);
        await Expect(line.Locator("[data-column=allocations]")).ToHaveTextAsync("MAIN × 2");
        Assert.Equal(readsBefore + 1, Volatile.Read(ref orderReads));

        // Shipped elsewhere: nothing is left to do.
        await TransitionThroughApiAsync(stock, "shipOrder", id);
        await Expect(status).ToHaveTextAsync("Shipped");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Order actions" })).ToHaveCountAsync(0);
    }

    private static async Task TransitionThroughApiAsync(StockApi stock, string mutation, string id)
    {
        var data = await stock.Client.QueryAsync($"mutation($id: ID!) {{ {mutation}(id: $id) {{ order {{ status }} userErrors {{ code message }} }} }}", new { id });
        Assert.Empty(data[mutation]!["userErrors"]!.AsArray());
    }

    [Fact]
    public async Task PlaceOrder_ShowsEachErrorNextToItsField_AndAnUnknownSkuNextToItsLine()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("BAD", 5);

        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Orders");
        var dialog = Dialog(page);

        // No customer reference and a zero quantity: both answered by the API, each under its input.
        await FillPlaceOrderAsync(page, "", sku, "0");
        await Expect(dialog.GetByLabel("Customer reference")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByLabel("Customer reference")).ToHaveAccessibleErrorMessageAsync(new Regex("customer reference", RegexOptions.IgnoreCase));
        await Expect(dialog.GetByLabel("Quantity, line 1")).ToHaveAccessibleErrorMessageAsync(new Regex("quantity", RegexOptions.IgnoreCase));
        await Expect(dialog.GetByLabel("SKU, line 1")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Check the lines marked below.");
        await Screenshots.SaveAsync(page, "32-place-order-errors");

        // An unknown SKU on a second line: named next to that line, and nothing is placed.
        var reference = NewReference("u");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        await dialog.GetByLabel("Quantity, line 1").FillAsync("1");
        await Ui.FillLineAsync(dialog, 2, "NO-SUCH-" + Guid.NewGuid().ToString("N")[..6], "2");
        await dialog.GetByLabel("Customer reference").FillAsync(reference);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(dialog.GetByLabel("SKU, line 2")).ToHaveAccessibleErrorMessageAsync(new Regex("No product has this SKU"));
        await Expect(dialog.GetByLabel("SKU, line 1")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByLabel("Customer reference")).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // Fixed: the order is placed.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove line 2" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Ui.Row(page, reference)).ToBeVisibleAsync();
    }
}
