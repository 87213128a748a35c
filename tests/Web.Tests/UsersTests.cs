using Inventory.TestKit;

namespace Inventory.Web.Tests;

/// <summary>
/// The Users &amp; API keys page. The shared tenant keeps its one administrator (never demoted or deactivated here):
/// the last-administrator rules are tried in a tenant of their own.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class UsersTests(WebFixture web)
{
    private const string GoodPassword = "Str0ng-enough!";

    [Fact]
    public async Task CreatingAUser_ShowsAWeakPasswordAndATakenEmailNextToTheirFields_ListsTheUser_AndTheirRolesChange()
    {
        var email = $"clerk-{Guid.NewGuid():N}"[..14] + "@webui.test";
        var page = await Ui.SignedInPageAsync(web);
        await Ui.OpenAsync(page, "Users & API keys");
        await Expect(Ui.Row(page, WebFixture.AdminEmail)).ToContainTextAsync("Admin");

        // A weak password: its message under the password field, nothing created.
        await page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New user" });
        await dialog.GetByLabel("Email").FillAsync(email);
        await dialog.GetByLabel("Password").FillAsync("short");
        await dialog.GetByLabel("Viewer", new() { Exact = true }).UncheckAsync();
        await dialog.GetByLabel("Clerk", new() { Exact = true }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(dialog.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByLabel("Password")).ToHaveAccessibleErrorMessageAsync(new Regex(@"at least \d+ characters"));
        await Expect(dialog.GetByLabel("Email")).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // No role at all: said under the roles.
        await dialog.GetByLabel("Password").FillAsync(GoodPassword);
        await dialog.GetByLabel("Clerk", new() { Exact = true }).UncheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Group, new() { Name = "Roles" })).ToHaveAccessibleDescriptionAsync(new Regex("role"));
        await Expect(dialog.GetByLabel("Password")).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // Then a good one: listed as an active clerk.
        await dialog.GetByLabel("Clerk", new() { Exact = true }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"User {email} created." })).ToBeVisibleAsync();
        var row = Ui.Row(page, email);
        await Expect(row.Locator("[data-column=roles]")).ToHaveTextAsync("Clerk");
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Active");

        // The same email again: EMAIL_TAKEN under the email field.
        await page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        await dialog.GetByLabel("Email").FillAsync(email.ToUpperInvariant());
        await dialog.GetByLabel("Password").FillAsync(GoodPassword);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(dialog.GetByLabel("Email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByLabel("Email")).ToHaveAccessibleErrorMessageAsync(new Regex("already exists"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // Signed in as that clerk (another browser): the page refuses the forms, and so does the API.
        var clerk = await web.NewPageAsync();
        await WebFixture.SignInAsync(clerk, email: email, password: GoodPassword);
        await Ui.OpenAsync(clerk, "Users & API keys");
        await Expect(clerk.GetByText("Only administrators can manage users and API keys.")).ToBeVisibleAsync();
        await Expect(clerk.GetByRole(AriaRole.Button, new() { Name = "New user" })).ToHaveCountAsync(0);
        await Expect(clerk.GetByRole(AriaRole.Button, new() { Name = "New API key" })).ToHaveCountAsync(0);
        await Expect(clerk.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        var clerkToken = await clerk.EvaluateAsync<string>("localStorage.getItem('inventory.accessToken')");
        var refused = await web.Api(clerkToken).SendAsync("{ users { totalCount } }");
        Assert.Equal("FORBIDDEN", refused.FirstErrorCode);

        // The administrator makes them a manager as well.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit roles of {email}" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Dialog, new() { Name = $"Edit roles of {email}" });
        await Expect(edit.GetByLabel("Clerk", new() { Exact = true })).ToBeCheckedAsync();
        await edit.GetByLabel("Manager", new() { Exact = true }).CheckAsync();
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();
        await Expect(edit).ToBeHiddenAsync();
        await Expect(row.Locator("[data-column=roles]")).ToHaveTextAsync("Manager, Clerk");
        await Screenshots.SaveAsync(page, "40-users");

        // And deactivates them, after a confirmation.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {email}" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = $"Deactivate {email}?" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(confirm).ToBeHiddenAsync();
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Deactivated");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {email}" })).ToHaveCountAsync(0);
        await page.GetByLabel("Show", new() { Exact = true }).SelectOptionAsync("Deactivated");
        await Expect(Ui.Row(page, email)).ToBeVisibleAsync();
        await Expect(Ui.Row(page, WebFixture.AdminEmail)).ToHaveCountAsync(0);

        // Their session still holds a token that has not expired: refused (a security stamp), the browser signed out.
        var stale = await web.Api(clerkToken).SendAsync("{ products(first: 1) { totalCount } }");
        Assert.Equal(401, stale.Status);
        Assert.Equal("UNAUTHENTICATED", stale.FirstErrorCode);
        // Not Ui.OpenAsync: whether the Products heading shows before the refused query sends the browser to
        // sign-in is a race; the session's end is what counts.
        await clerk.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Products", Exact = true }).ClickAsync();
        await Expect(clerk.GetByText("Your session has ended. Sign in again.")).ToBeVisibleAsync();
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheLastAdministrator_KeepsTheAdminRole_AndCannotBeDeactivated()
    {
        var slug = $"last-admin-{Guid.NewGuid():N}"[..16];
        var owner = $"owner@{slug}.test";
        var onboarded = (await web.Api().QueryAsync("""
            mutation($input: OnboardTenantInput!) { onboardTenant(input: $input) { tenant { slug status } userErrors { code message } } }
            """, new { input = new { slug, name = $"Company {slug}", adminEmail = owner, adminPassword = GoodPassword } }))["onboardTenant"]!;
        Assert.Empty(onboarded["userErrors"]!.AsArray());
        await Eventually.WaitAsync(
            () => web.Api().QueryAsync("query($slug: String!) { tenant(slug: $slug) { status } }", new { slug }),
            t => t["tenant"]?["status"]?.GetValue<string>() == "ACTIVE",
            TimeSpan.FromSeconds(90), $"{slug} to be ACTIVE");

        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page, tenant: slug, email: owner, password: GoodPassword);
        await Ui.OpenAsync(page, "Users & API keys");
        await Expect(Ui.Row(page, owner).Locator("[data-column=roles]")).ToHaveTextAsync("Admin");

        // Taking ADMIN from the only administrator: LAST_ADMIN under the roles, nothing changed.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit roles of {owner}" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Dialog, new() { Name = $"Edit roles of {owner}" });
        await edit.GetByLabel("Admin", new() { Exact = true }).UncheckAsync();
        await edit.GetByLabel("Manager", new() { Exact = true }).CheckAsync();
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();
        var roles = edit.GetByRole(AriaRole.Group, new() { Name = "Roles" });
        await Expect(roles).ToHaveAccessibleDescriptionAsync(new Regex("last active administrator"));
        await Expect(edit.GetByLabel("Admin", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(edit).ToBeHiddenAsync();
        await Expect(Ui.Row(page, owner).Locator("[data-column=roles]")).ToHaveTextAsync("Admin");

        // Deactivating them: refused with LAST_ADMIN in the confirmation.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {owner}" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = $"Deactivate {owner}?" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(confirm.GetByRole(AriaRole.Alert)).ToContainTextAsync("last active administrator");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Keep active" }).ClickAsync();
        await Expect(Ui.Row(page, owner).Locator("[data-column=status]")).ToHaveTextAsync("Active");
    }

    [Fact]
    public async Task AnApiKey_IsShownOnce_WorksAsABearerToken_AndIsRefusedOnceRevoked()
    {
        var name = $"erp-{Guid.NewGuid():N}"[..12];
        var page = await web.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = web.BaseUrl });
        await WebFixture.SignInAsync(page);
        await Ui.OpenAsync(page, "Users & API keys");

        // No name: VALIDATION under the name field.
        await page.GetByRole(AriaRole.Button, new() { Name = "New API key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New API key" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
        await Expect(dialog.GetByLabel("Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByLabel("Name")).ToHaveAccessibleErrorMessageAsync(new Regex("Name is required"));

        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("Role").SelectOptionAsync("CLERK");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();

        // The secret, once, with the warning and a Copy button.
        var shown = page.GetByRole(AriaRole.Dialog, new() { Name = $"API key {name} created" });
        await Expect(shown.GetByText("you will not see it again")).ToBeVisibleAsync();
        var secret = await shown.GetByLabel("API key").InputValueAsync();
        Assert.StartsWith($"ik_{WebFixture.Tenant}.", secret);
        await shown.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Expect(shown.GetByRole(AriaRole.Status)).ToHaveTextAsync("Copied to the clipboard.");
        Assert.Equal(secret, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await Screenshots.SaveAsync(page, "41-api-key-secret");
        await shown.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(shown).ToBeHiddenAsync();
        Assert.DoesNotContain(secret, await page.ContentAsync());

        var row = Ui.Row(page, name);
        await Expect(row.Locator("[data-column=role]")).ToHaveTextAsync("Clerk");
        await Expect(row.Locator("[data-column=status]")).ToHaveTextAsync("Active");

        // An integration signs in with it: Authorization: Bearer <key>.
        const string query = "{ products(first: 1) { totalCount } }";
        var answer = await web.Api(secret).SendAsync(query);
        Assert.Equal(200, answer.Status);
        Assert.False(answer.HasErrors, answer.Body?.ToJsonString());
        Assert.NotNull(answer.Data?["products"]?["totalCount"]);

        // Revoked after a confirmation: the same request is refused.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = $"Revoke {name}?" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(confirm).ToBeHiddenAsync();
        await Expect(row.Locator("[data-column=status]")).ToContainTextAsync("Revoked");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" })).ToHaveCountAsync(0);

        var refused = await web.Api(secret).SendAsync(query);
        Assert.True(refused.Status == 401 || refused.FirstErrorCode == "UNAUTHENTICATED", refused.Body?.ToJsonString());
        Assert.Null(refused.Data?["products"]);
    }
}
