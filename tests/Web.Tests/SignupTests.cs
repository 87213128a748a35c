using System.Text.Json;
using System.Text.Json.Nodes;

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

        // The sign-in that follows ACTIVE is held back until the test has seen the finished steps.
        var signInMayGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/graphql", async route =>
        {
            if (route.Request.Method == "POST" && route.Request.PostData?.Contains("mutation Login") == true)
                await signInMayGo.Task;
            await route.ContinueAsync();
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // Provisioning runs in the background; the portal follows it live (tenantProvisioning), step by step.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Setting up your account" })).ToBeVisibleAsync();
        var steps = page.GetByRole(AriaRole.List, new() { Name = "Set-up steps" }).GetByRole(AriaRole.Listitem);
        await Expect(steps).ToHaveCountAsync(6);
        await Expect(steps.First).ToContainTextAsync("Choosing a database server");
        await Expect(steps.Last).ToContainTextAsync("Opening your account");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Ready. Signing you in" })).ToBeVisibleAsync(new() { Timeout = 90_000 });
        foreach (var step in new[] { "PLACE_DATABASE", "CREATE_DATABASE", "APPLY_MIGRATIONS", "SEED_DEFAULTS", "CREATE_ADMIN", "ACTIVATE" })
            await Expect(page.Locator($"[data-step={step}]")).ToHaveAttributeAsync("data-state", "DONE");
        await Expect(steps.Filter(new() { HasText = "done" })).ToHaveCountAsync(6);
        await Screenshots.SaveAsync(page, "11-signup-provisioned");
        signInMayGo.SetResult();

        // Then it signs the administrator in and opens the dashboard.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
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
        await Expect(page.GetByLabel("Administrator password")).ToHaveAccessibleErrorMessageAsync(new System.Text.RegularExpressions.Regex(@"at least \d+ characters"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your company account" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AFailedProvisioning_ShowsTheStepThatFailed_AndStaysOnThePortal()
    {
        var slug = $"fail-{Guid.NewGuid():N}"[..11];
        var page = await web.NewPageAsync();
        // The server side is played by the test: onboardTenant accepts, and the provisioning stream (the real
        // protocol, graphql-transport-ws) reports three steps done and the fourth failed.
        await page.RouteAsync("**/graphql", async route =>
        {
            if (route.Request.Method == "POST" && route.Request.PostData?.Contains("mutation OnboardTenant") == true)
                await route.FulfillAsync(new()
                {
                    Status = 200,
                    ContentType = "application/json",
                    Body = JsonSerializer.Serialize(new { data = new { onboardTenant = new { tenant = new { slug, status = "PROVISIONING" }, userErrors = Array.Empty<object>() } } }),
                });
            else
                await route.ContinueAsync();
        });
        var subscribedTo = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteWebSocketAsync("**/graphql", ws => ws.OnMessage(frame =>
        {
            var message = JsonNode.Parse(frame.Text ?? "{}")!;
            switch (message["type"]!.GetValue<string>())
            {
                case "connection_init":
                    ws.Send("""{"type":"connection_ack"}""");
                    break;
                case "subscribe":
                    var id = message["id"]!.GetValue<string>();
                    subscribedTo.TrySetResult(message["payload"]!["variables"]!["slug"]!.GetValue<string>());
                    string[] done = ["PLACE_DATABASE", "CREATE_DATABASE", "APPLY_MIGRATIONS"];
                    for (var i = 0; i < done.Length; i++)
                        ws.Send(Next(id, done[i], "DONE", null, i + 1, "PROVISIONING"));
                    ws.Send(Next(id, "SEED_DEFAULTS", "FAILED", "The first warehouse could not be created.", 4, "FAILED"));
                    ws.Send(JsonSerializer.Serialize(new { type = "complete", id }));
                    break;
            }
        }));

        await page.GotoAsync("/signup");
        await page.GetByLabel("Company name").FillAsync("Failing Co");
        await page.GetByLabel("Account name (slug)").FillAsync(slug);
        await page.GetByLabel("Administrator email").FillAsync("owner@failing.test");
        await page.GetByLabel("Administrator password").FillAsync("Str0ng-enough!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        Assert.Equal(slug, await subscribedTo.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Setting up your account failed at “Adding a first warehouse”: The first warehouse could not be created.");
        await Expect(alert).ToContainTextAsync(slug);
        await Expect(page.Locator("[data-step=SEED_DEFAULTS]")).ToHaveAttributeAsync("data-state", "FAILED");
        await Expect(page.Locator("[data-step=APPLY_MIGRATIONS]")).ToHaveAttributeAsync("data-state", "DONE");
        await Expect(page.Locator("[data-step=ACTIVATE]")).ToHaveAttributeAsync("data-state", "PENDING");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Setting up your account" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "12-signup-failed");
    }

    private static string Next(string id, string step, string state, string? message, int position, string tenantStatus) =>
        JsonSerializer.Serialize(new
        {
            type = "next",
            id,
            payload = new
            {
                data = new
                {
                    tenantProvisioning = new { step, state, message, position, stepCount = 6, tenantStatus, updatedAt = DateTimeOffset.UtcNow.AddSeconds(position).ToString("O") },
                },
            },
        });
}
