namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class SignInTests(WebFixture web)
{
    [Fact]
    public async Task SigningIn_ShowsTenantAndUserInTheHeader_AndSigningOutReturnsToSignIn()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/");
        // No session: the app sends the visitor to sign in.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));
        await Screenshots.SaveAsync(page, "01-sign-in");

        await WebFixture.SignInAsync(page);

        await Expect(page.GetByTestId("current-tenant")).ToHaveTextAsync(WebFixture.Tenant);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync(WebFixture.AdminEmail);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var item in new[] { "Dashboard", "Products", "Warehouses", "Stock", "Ledger", "Reservations", "Orders", "Purchase orders", "Users & API keys" })
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = item, Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Products" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "02-dashboard");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('inventory.accessToken')"));
    }

    [Fact]
    public async Task AWrongPassword_IsShownOnTheSignInForm_AndNoSessionIsKept()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Tenant").FillAsync(WebFixture.Tenant);
        await page.GetByLabel("Email").FillAsync(WebFixture.AdminEmail);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new System.Text.RegularExpressions.Regex("password|credentials", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('inventory.accessToken')"));
    }

    [Fact]
    public async Task AClientRoute_OpenedWithoutASession_IsShownAfterSigningIn_AndTheKeyboardReachesTheNavigation()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/warehouses");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Tenant").FillAsync(WebFixture.Tenant);
        await page.GetByLabel("Email").FillAsync(WebFixture.AdminEmail);
        await page.GetByLabel("Password").FillAsync(WebFixture.AdminPassword);
        await page.GetByLabel("Password").PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Warehouses", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/warehouses$"));

        // After a navigation inside the app, focus is on the new page's heading.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Warehouses", Level = 1 })).ToBeFocusedAsync();

        // On a fresh load the first Tab reaches the skip link, which moves focus to the page.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Warehouses", Level = 1 })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();

        // A page the app does not have is a clear "not found", inside the shell.
        await page.GotoAsync("/no-such-page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
    }
}
