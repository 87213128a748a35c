namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class ReservationsTests(WebFixture web)
{
    private static async Task<IPage> ReservationsPageAsync(WebFixture web, string reference)
    {
        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Reservations");
        await Ui.FilterAsync(page, "Reference", reference);
        return page;
    }

    [Fact]
    public async Task AHeldReservation_IsReleasedFromThePage_AndABadTimeToLiveIsShownNextToItsField()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("RSV", 5);
        var reference = $"cart-{Guid.NewGuid():N}"[..13];
        await stock.ReserveAsync(sku, 2, reference);

        var page = await ReservationsPageAsync(web, reference);
        var row = Ui.Row(page, reference);
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Held");
        await Expect(row).ToContainTextAsync($"2 × {sku} @ MAIN");

        // Extend with a time to live the API refuses: the error is by the field.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Extend reservation {reference}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var ttl = dialog.GetByLabel("Time to live (seconds)");
        await ttl.FillAsync("0");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Extend", Exact = true }).ClickAsync();
        await Expect(ttl).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(ttl).ToHaveAccessibleErrorMessageAsync(new Regex("time to live"));
        await ttl.FillAsync("3600");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Extend", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "extended" })).ToContainTextAsync($"Reservation {reference} extended");
        await Screenshots.SaveAsync(page, "23-reservations");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Release reservation {reference}" }).ClickAsync();
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Released");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "released" })).ToHaveTextAsync($"Reservation {reference} released: its stock is available again.");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        var level = (await stock.Client.QueryAsync("""
            query($sku: String!) { stockLevel(sku: $sku, warehouseCode: "MAIN") { reserved available } }
            """, new { sku }))["stockLevel"]!;
        Assert.Equal(0, (int)level["reserved"]!);
        Assert.Equal(5, (int)level["available"]!);

        // Filtering by status: the released one is not held any more.
        await page.GetByLabel("Status").SelectOptionAsync("HELD");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByText("No reservation matches.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ACommittedReservation_IsFulfilled_AndAHeldOneThatExpires_TurnsExpiredLive()
    {
        var stock = new StockApi(web);
        var sku = await stock.StockedSkuAsync("RSF", 5);
        var reference = $"ord-{Guid.NewGuid():N}"[..12];
        await stock.ReserveAsync(sku, 3, reference);
        var page = await ReservationsPageAsync(web, reference);
        var row = Ui.Row(page, reference);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Commit reservation {reference}" }).ClickAsync();
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Committed");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Fulfil reservation {reference}" }).ClickAsync();
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Fulfilled");
        var onHand = (await stock.Client.QueryAsync("""
            query($sku: String!) { stockLevel(sku: $sku, warehouseCode: "MAIN") { onHand } }
            """, new { sku }))["stockLevel"]!["onHand"]!;
        Assert.Equal(2, (int)onHand);

        // A short hold, shown while held, expires while the page is open.
        var shortRef = $"exp-{Guid.NewGuid():N}"[..12];
        var reserved = await stock.Client.QueryAsync("""
            mutation($input: ReserveStockInput!, $key: String!) { reserveStock(input: $input, idempotencyKey: $key) { reservation { id } userErrors { code message } } }
            """, new { input = new { lines = new[] { new { sku, warehouseCode = "MAIN", quantity = 1 } }, ttlSeconds = 8, reference = shortRef }, key = Guid.NewGuid().ToString() });
        Assert.Empty(reserved["reserveStock"]!["userErrors"]!.AsArray());
        await Ui.FilterAsync(page, "Reference", shortRef);
        var shortRow = Ui.Row(page, shortRef);
        await Expect(shortRow.Locator("[data-column=status]")).ToHaveTextAsync("Held");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live" })).ToHaveTextAsync("Live");
        await Expect(shortRow.Locator("[data-column=status]")).ToHaveTextAsync("Expired", new() { Timeout = 30_000 });
        await Expect(shortRow.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }
}
