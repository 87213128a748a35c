using Inventory.TestKit;

namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class ProductsTests(WebFixture web)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)].ToUpperInvariant();

    [Fact]
    public async Task CreatingAProduct_ShowsItInTheList_AndADuplicateSku_IsShownNextToTheSkuField()
    {
        var sku = Unique("UI");
        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Products");

        await page.GetByRole(AriaRole.Button, new() { Name = "New product" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New product" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByLabel("SKU")).ToBeFocusedAsync();
        await dialog.GetByLabel("SKU").FillAsync(sku);
        await dialog.GetByLabel("Name").FillAsync("Blue widget");
        await dialog.GetByLabel("Category").FillAsync("tools");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Product {sku} created." })).ToBeVisibleAsync();
        // Other tests' products share the tenant: find it by search (its page depends on them).
        await page.GetByLabel("Search by SKU or name").FillAsync(sku);
        await page.GetByLabel("Search by SKU or name").PressAsync("Enter");
        await Expect(Ui.Row(page, sku)).ToContainTextAsync("Blue widget");
        await Expect(Ui.Row(page, sku)).ToContainTextAsync("Active");
        await Screenshots.SaveAsync(page, "03-products");

        // The same SKU again: the API's SKU_TAKEN userError is shown under the SKU field and is its error message.
        await page.GetByRole(AriaRole.Button, new() { Name = "New product" }).ClickAsync();
        await dialog.GetByLabel("SKU").FillAsync(sku);
        await dialog.GetByLabel("Name").FillAsync("Another widget");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();

        var skuInput = dialog.GetByLabel("SKU");
        await Expect(skuInput).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(skuInput).ToHaveAccessibleErrorMessageAsync(new Regex($"SKU '{sku}' is already used", RegexOptions.IgnoreCase));
        await Expect(dialog.Locator(".field").Filter(new() { Has = page.GetByLabel("SKU") })).ToContainTextAsync("already used");
        await Expect(dialog.GetByLabel("Name")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Screenshots.SaveAsync(page, "04-product-duplicate-sku");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = sku, Exact = true })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task EditingAndDiscontinuingAProduct_ShowTheChangesInTheList()
    {
        var sku = Unique("ED");
        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Products");
        await CreateThroughApiAsync(sku, "Old name");

        await page.GetByLabel("Search by SKU or name").FillAsync(sku);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(Ui.Row(page, sku)).ToContainTextAsync("Old name");
        await Expect(page.GetByText("1–1 of 1")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {sku}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Edit {sku}" });
        await Expect(dialog.GetByLabel("SKU")).ToHaveAttributeAsync("readonly", "");
        await dialog.GetByLabel("Name").FillAsync("New name");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Ui.Row(page, sku)).ToContainTextAsync("New name");

        // A required field left empty: the server's VALIDATION error lands under Name.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {sku}" }).ClickAsync();
        await dialog.GetByLabel("Name").FillAsync("");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(dialog.GetByLabel("Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await dialog.GetByLabel("Name").PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Discontinue {sku}" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = $"Discontinue {sku}?" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Discontinue", Exact = true }).ClickAsync();
        await Expect(confirm).ToBeHiddenAsync();
        await Expect(Ui.Row(page, sku)).ToContainTextAsync("Discontinued");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Discontinue {sku}" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheListPagesByCursor_NextAndPrevious()
    {
        var prefix = Unique("PG");
        for (var i = 1; i <= 23; i++)
            await CreateThroughApiAsync($"{prefix}-{i:D2}", $"Paged product {i}");
        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Products");

        await page.GetByLabel("Search by SKU or name").FillAsync(prefix);
        await page.GetByLabel("Search by SKU or name").PressAsync("Enter");
        var pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Products pages" });
        await Expect(pager).ToContainTextAsync("1–20 of 23");
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = $"{prefix}-01" })).ToBeVisibleAsync();
        await Expect(pager.GetByRole(AriaRole.Button, new() { Name = "Previous" })).ToBeDisabledAsync();

        await pager.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(pager).ToContainTextAsync("21–23 of 23");
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = $"{prefix}-23" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = $"{prefix}-01" })).ToHaveCountAsync(0);
        await Expect(pager.GetByRole(AriaRole.Button, new() { Name = "Next" })).ToBeDisabledAsync();

        await pager.GetByRole(AriaRole.Button, new() { Name = "Previous" }).ClickAsync();
        await Expect(pager).ToContainTextAsync("1–20 of 23");
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = $"{prefix}-01" })).ToBeVisibleAsync();

        await page.GetByLabel("Search by SKU or name").FillAsync(prefix + "-NONE");
        await page.GetByLabel("Search by SKU or name").PressAsync("Enter");
        await Expect(page.GetByText("No product matches.")).ToBeVisibleAsync();
    }

    private async Task CreateThroughApiAsync(string sku, string name)
    {
        var payload = (await web.Api(TestTokens.For(WebFixture.Tenant)).QueryAsync(
            "mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } userErrors { code message } } }",
            new { input = new { sku, name } }))["createProduct"]!;
        Assert.Empty(payload["userErrors"]!.AsArray());
    }
}
