namespace Inventory.Web.Tests;

/// <summary>The stock grid's forms: receive, adjust, count (set, with a stale count) and move, each from a row or the page.</summary>
[Collection(WebCollection.Name)]
public sealed class StockFormsTests(WebFixture web)
{
    private static async Task<IPage> StockPageAsync(WebFixture web, string sku)
    {
        var page = await Ui.SignedInPageAsync(web);
        await page.GotoAsync("/stock");
        await Ui.FilterAsync(page, "SKU", sku);
        await Expect(Ui.Row(page, sku)).ToBeVisibleAsync();
        return page;
    }

    private static ILocator Status(IPage page, string text) => page.GetByRole(AriaRole.Status).Filter(new() { HasText = text });

    [Fact]
    public async Task ReceivingFromARow_UpdatesOnHandInTheGrid_AndAZeroQuantityIsShownNextToTheQuantityField()
    {
        var sku = await new StockApi(web).StockedSkuAsync("RCV", 5);
        var page = await StockPageAsync(web, sku);
        var row = Ui.Row(page, sku);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Receive {sku} in MAIN" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Receive stock — {sku} in MAIN");
        await Expect(dialog.GetByLabel("SKU")).ToHaveValueAsync(sku);
        // Opened from the row: the quantity has the focus.
        await Expect(dialog.GetByLabel("Quantity")).ToBeFocusedAsync();

        await dialog.GetByLabel("Quantity").FillAsync("0");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Receive", Exact = true }).ClickAsync();
        await Expect(dialog.GetByLabel("Quantity")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByLabel("Quantity")).ToHaveAccessibleErrorMessageAsync(new Regex("quantity must be 1"));

        await dialog.GetByLabel("Quantity").FillAsync("7");
        await dialog.GetByLabel("Reference").FillAsync("po:web-1");
        await Screenshots.SaveAsync(page, "20-receive-form");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Receive", Exact = true }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Status(page, "Received 7 units")).ToHaveTextAsync($"Received 7 units of {sku} in MAIN: on hand is now 12.");
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("12");
        await Expect(row.Locator("[data-column=available]")).ToHaveTextAsync("12");
    }

    [Fact]
    public async Task AdjustingByMoreThanIsAvailable_ShowsInsufficientStockNextToTheDelta_AndAShrinkageThenApplies()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("ADJ", 5);
        await stock.ReserveAsync(sku, 2);
        var page = await StockPageAsync(web, sku);
        var row = Ui.Row(page, sku);
        await Expect(row.Locator("[data-column=reserved]")).ToHaveTextAsync("2");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Adjust {sku} in MAIN" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var delta = dialog.GetByLabel("Change (delta)");
        await delta.FillAsync("-4");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Adjust", Exact = true }).ClickAsync();
        await Expect(delta).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(delta).ToHaveAccessibleErrorMessageAsync(new Regex($"Not enough stock of '{sku}' in MAIN"));

        // A reason that only takes stock away, with a positive delta: explained by the reason.
        await dialog.GetByLabel("Reason").SelectOptionAsync("SHRINKAGE");
        await delta.FillAsync("3");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Adjust", Exact = true }).ClickAsync();
        await Expect(dialog.GetByLabel("Reason")).ToHaveAccessibleErrorMessageAsync(new Regex("negative delta"));

        await delta.FillAsync("-3");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Adjust", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Status(page, "Adjusted")).ToHaveTextAsync($"Adjusted {sku} in MAIN by -3 (SHRINKAGE): on hand is now 2.");
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("2");
        await Expect(row.Locator("[data-column=available]")).ToHaveTextAsync("0 (at or below reorder point)");
    }

    [Fact]
    public async Task AStaleCount_IsExplainedWithTheNewOnHand_AndCountingAgainFromItSaves()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("CNT", 10);
        var page = await StockPageAsync(web, sku);
        var row = Ui.Row(page, sku);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Count {sku} in MAIN" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("count-base")).ToContainTextAsync("Counting from 10");
        var counted = dialog.GetByLabel("Counted quantity");

        // A negative count: the API's answer is shown next to the field.
        await counted.FillAsync("-1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save count" }).ClickAsync();
        await Expect(counted).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(counted).ToHaveAccessibleErrorMessageAsync(new Regex("quantity must be 0"));

        // Stock arrives while the count is under way.
        await stock.ReceiveAsync(sku, 5);
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("15");
        await counted.FillAsync("9");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save count" }).ClickAsync();

        var stale = dialog.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Not saved" });
        await Expect(stale).ToContainTextAsync("on hand changed since the count started");
        await Expect(stale).ToContainTextAsync("On hand was 10 when the count started and is 15 now");
        await Expect(stale).ToContainTextAsync("Your count of 9 was not saved");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Save count" })).ToBeDisabledAsync();
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("15");
        await Screenshots.SaveAsync(page, "21-set-stale");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Count again from 15" }).ClickAsync();
        await Expect(stale).ToBeHiddenAsync();
        await Expect(dialog.GetByTestId("count-base")).ToContainTextAsync("Counting from 15");
        await Expect(counted).ToBeFocusedAsync();
        await counted.FillAsync("14");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save count" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Status(page, "Counted")).ToHaveTextAsync($"Counted {sku} in MAIN: on hand set from 15 to 14.");
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("14");
    }

    [Fact]
    public async Task MovingFromThePageButton_TakesAvailableStockToDamaged_AndTooMuchIsShownNextToTheQuantity()
    {
        var sku = await new StockApi(web).StockedSkuAsync("MOV", 6);
        var page = await StockPageAsync(web, sku);
        var row = Ui.Row(page, sku);

        await page.GetByRole(AriaRole.Button, new() { Name = "Move stock…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Move stock" });
        await Expect(dialog.GetByLabel("SKU")).ToBeFocusedAsync();
        await dialog.GetByLabel("SKU").FillAsync(sku.ToLowerInvariant());
        await Expect(dialog.Locator("select#move-warehouse")).ToBeVisibleAsync();
        await dialog.GetByLabel("Warehouse").SelectOptionAsync("MAIN");
        await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "Move", Exact = true })).ToHaveValueAsync("AVAILABLE>DAMAGED");
        await dialog.GetByLabel("Quantity").FillAsync("10");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Expect(dialog.GetByLabel("Quantity")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByLabel("Quantity")).ToHaveAccessibleErrorMessageAsync(new Regex("Not enough stock"));

        await dialog.GetByLabel("Quantity").FillAsync("2");
        await dialog.GetByLabel("Note").FillAsync("Crushed box");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Status(page, "Moved")).ToContainTextAsync($"Moved 2 units of {sku} in MAIN from available to damaged");
        await Expect(row.Locator("[data-column=damaged]")).ToHaveTextAsync("2");
        await Expect(row.Locator("[data-column=available]")).ToHaveTextAsync("4");
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("6");
    }

    [Fact]
    public async Task CountingFromThePageButton_ReadsOnHandFirst_ThenSetsTheCountedQuantity()
    {
        var sku = await new StockApi(web).StockedSkuAsync("CNP", 3);
        var page = await StockPageAsync(web, sku);
        var row = Ui.Row(page, sku);

        await page.GetByRole(AriaRole.Button, new() { Name = "Set counted quantity…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Set counted quantity" });
        // Nothing to count from yet: saving says so above the form.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start count" }).ClickAsync();
        await Expect(dialog.GetByLabel("SKU")).ToHaveAccessibleErrorMessageAsync("Enter the SKU to count.");
        await dialog.GetByLabel("SKU").FillAsync(sku);
        await Expect(dialog.Locator("select#set-warehouse")).ToBeVisibleAsync();
        await dialog.GetByLabel("Warehouse").SelectOptionAsync("MAIN");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start count" }).ClickAsync();
        await Expect(dialog.GetByTestId("count-base")).ToContainTextAsync("Counting from 3");
        await Expect(dialog.GetByLabel("Counted quantity")).ToBeFocusedAsync();
        await dialog.GetByLabel("Counted quantity").FillAsync("5");
        await dialog.GetByLabel("Reason").SelectOptionAsync("CORRECTION");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save count" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Status(page, "Counted")).ToHaveTextAsync($"Counted {sku} in MAIN: on hand set from 3 to 5.");
        await Expect(row.Locator("[data-column=onHand]")).ToHaveTextAsync("5");
    }
}
