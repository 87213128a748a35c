namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class LayoutTests(WebFixture web)
{
    [Fact]
    public async Task OnAWideScreen_TheNavigationStaysBesideThePage()
    {
        var page = await web.NewPageAsync(1920, 1080);
        await WebFixture.SignInAsync(page);
        await page.GotoAsync("/products");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Products", Level = 1 })).ToBeVisibleAsync();

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, "09-products-wide");
    }

    [Fact]
    public async Task OnANarrowScreen_TheNavigationFoldsIntoAMenu_ThatClosesOnceAPageIsChosen()
    {
        var page = await web.NewPageAsync(800, 900);
        await WebFixture.SignInAsync(page);
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(nav).ToBeHiddenAsync();
        await menu.ClickAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(nav).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "10-narrow-menu");

        await nav.GetByRole(AriaRole.Link, new() { Name = "Warehouses" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Warehouses", Level = 1 })).ToBeVisibleAsync();
        await Expect(nav).ToBeHiddenAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
    }
}
