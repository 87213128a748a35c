namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class WarehousesTests(WebFixture web)
{
    [Fact]
    public async Task CreatingAWarehouse_ShowsItInTheList_AndATakenCode_IsShownNextToTheCodeField()
    {
        var code = $"WH-{Guid.NewGuid():N}"[..11].ToUpperInvariant();
        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Warehouses");
        // Every tenant starts with MAIN.
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "MAIN", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "New warehouse" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New warehouse" });
        await dialog.GetByLabel("Code").FillAsync(code.ToLowerInvariant());
        await dialog.GetByLabel("Name").FillAsync("East depot");
        await dialog.GetByLabel("Address").FillAsync("1 Harbour Road");
        await dialog.GetByLabel("Priority").FillAsync("20");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create warehouse" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        var row = Ui.Row(page, code);
        await Expect(row).ToContainTextAsync("East depot");
        await Expect(row).ToContainTextAsync("1 Harbour Road");
        await Expect(row).ToContainTextAsync("20");
        await Screenshots.SaveAsync(page, "05-warehouses");

        await page.GetByRole(AriaRole.Button, new() { Name = "New warehouse" }).ClickAsync();
        await dialog.GetByLabel("Code").FillAsync(code);
        await dialog.GetByLabel("Name").FillAsync("Again");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create warehouse" }).ClickAsync();
        await Expect(dialog.GetByLabel("Code")).ToHaveAccessibleErrorMessageAsync(new Regex("is taken"));
        await Expect(dialog.GetByLabel("Code")).ToHaveAttributeAsync("aria-invalid", "true");
        await Screenshots.SaveAsync(page, "06-warehouse-code-taken");
    }
}
