using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Inventory.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class SignupTests(WebFixture web)
{
    [Fact]
    public async Task SigningUp_ChecksTheSlug_FollowsProvisioning_AndOpensTheDashboardSignedIn()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var slug = $"signup-{suffix}";
        var page = await web.NewPageAsync();
        await page.GotoAsync("/signup");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your company account" })).ToBeVisibleAsync();

        await page.GetByLabel("Company name").FillAsync($"Signup {suffix}");
        // The slug follows the name until edited, and is checked while typing.
        await Expect(page.GetByLabel("Account name (slug)")).ToHaveValueAsync(slug);
        await Expect(page.GetByText($"“{slug}” is available.")).ToBeVisibleAsync();
        await page.GetByLabel("Administrator email").FillAsync($"owner@{slug}.test");
        await page.GetByLabel("Administrator password").FillAsync("Str0ng-enough!");
        await Screenshots.SaveAsync(page, "07-signup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // Provisioning runs in the background; the portal follows it, then signs the administrator in.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("current-tenant")).ToHaveTextAsync(slug);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync($"owner@{slug}.test");

        // The slug is now taken.
        var second = await web.NewPageAsync();
        await second.GotoAsync("/signup");
        await second.GetByLabel("Account name (slug)").FillAsync(slug);
        await Expect(second.GetByLabel("Account name (slug)")).ToHaveAccessibleErrorMessageAsync($"“{slug}” is taken. Choose another.");
        await Expect(second.GetByRole(AriaRole.Button, new() { Name = "Create account" })).ToBeDisabledAsync();
    }

    [Fact]
    public async Task AWeakPassword_IsShownNextToThePasswordField()
    {
        var slug = $"weak-{Guid.NewGuid():N}"[..11];
        var page = await web.NewPageAsync();
        await page.GotoAsync("/signup");
        await page.GetByLabel("Company name").FillAsync("Weak Co");
        await page.GetByLabel("Account name (slug)").FillAsync(slug);
        await page.GetByLabel("Administrator email").FillAsync("owner@weak.test");
        await page.GetByLabel("Administrator password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByLabel("Administrator password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Administrator password")).ToHaveAccessibleErrorMessageAsync(new System.Text.RegularExpressions.Regex(".+"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your company account" })).ToBeVisibleAsync();
    }
}
