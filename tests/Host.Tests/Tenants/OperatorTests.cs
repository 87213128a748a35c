using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Tenants;

/// <summary>Platform operators list, suspend and resume tenants; a suspended tenant is refused everywhere at once.</summary>
public sealed class OperatorTests(OnboardingFixture fixture) : IClassFixture<OnboardingFixture>, IAsyncLifetime
{
    private InventoryApp App => fixture.App;

    public Task InitializeAsync() => App.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> ActiveTenantAsync()
    {
        var slug = $"op-{Guid.NewGuid():N}"[..16];
        await App.Anonymous().QueryAsync("""
            mutation($input: OnboardTenantInput!) { onboardTenant(input: $input) { userErrors { code } } }
            """, new { input = new { slug, name = "Operated", adminEmail = "owner@op.test", adminPassword = "Str0ng-enough!" } });
        await Eventually.WaitAsync(async () =>
            (await App.Anonymous().QueryAsync("query($slug: String!) { tenant(slug: $slug) { status } }", new { slug }))["tenant"]!["status"]!.GetValue<string>() == "ACTIVE",
            TimeSpan.FromSeconds(60), $"{slug} to be active");
        return slug;
    }

    private async Task<JsonNode> OperateAsync(string field, string slug) =>
        (await App.Operator().QueryAsync($"mutation($slug: String!) {{ {field}(slug: $slug) {{ tenant {{ status }} userErrors {{ code }} }} }}", new { slug }))[field]!;

    [Fact]
    public async Task SuspendedTenant_IsRefusedForRequestsAndSignIn_UntilResumed()
    {
        var slug = await ActiveTenantAsync();
        Assert.False((await App.GraphQL(slug).SendAsync("{ products { totalCount } }")).HasErrors);

        var suspended = await OperateAsync("suspendTenant", slug);
        Assert.Equal("SUSPENDED", suspended["tenant"]!["status"]!.GetValue<string>());

        var refused = await App.GraphQL(slug).SendAsync("{ products { totalCount } }");
        Assert.Equal(403, refused.Status);
        Assert.Equal("TENANT_SUSPENDED", refused.FirstErrorCode);
        var login = (await App.Anonymous().QueryAsync("""
            mutation($slug: String!) { login(input: { tenant: $slug, email: "owner@op.test", password: "Str0ng-enough!" }) { accessToken userErrors { code } } }
            """, new { slug }))["login"]!;
        Assert.Null(login["accessToken"]);
        Assert.Equal("TENANT_SUSPENDED", login["userErrors"]![0]!["code"]!.GetValue<string>());

        var listed = await App.Operator().QueryAsync("{ tenants(filter: { status: SUSPENDED }) { totalCount nodes { slug } } }");
        Assert.Contains(listed["tenants"]!["nodes"]!.AsArray(), n => n!["slug"]!.GetValue<string>() == slug);
        Assert.Equal("SUSPENDED", (await OperateAsync("suspendTenant", slug))["tenant"]!["status"]!.GetValue<string>()); // retry-safe

        Assert.Equal("ACTIVE", (await OperateAsync("resumeTenant", slug))["tenant"]!["status"]!.GetValue<string>());
        Assert.False((await App.GraphQL(slug).SendAsync("{ products { totalCount } }")).HasErrors);
    }

    [Fact]
    public async Task SuspendedTenant_IsRefusedOverWebSocket_OnItsOpenConnectionsAndNewOnes()
    {
        var slug = await ActiveTenantAsync();
        await using var open = await GraphQLSocket.ConnectAsync(App, slug, "Viewer");

        await OperateAsync("suspendTenant", slug);
        await open.SubscribeAsync("after-suspension", "{ __typename }");
        var (openCode, openReason) = await open.ExpectCloseAsync();
        await using var fresh = await GraphQLSocket.OpenAsync(App);
        await fresh.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + TestTokens.For(slug, "Viewer") } });
        var (freshCode, _) = await fresh.ExpectCloseAsync();

        Assert.Equal(4403, openCode);
        Assert.Contains("suspended", openReason);
        Assert.Equal(4403, freshCode);
    }

    [Fact]
    public async Task TenantUsers_CannotOperateTenants()
    {
        var slug = await ActiveTenantAsync();

        var byAdmin = await App.GraphQL(slug, "Admin").SendAsync("mutation($slug: String!) { suspendTenant(slug: $slug) { userErrors { code } } }", new { slug });
        var list = await App.GraphQL(slug, "Admin").SendAsync("{ tenants { totalCount } }");

        Assert.Equal("FORBIDDEN", byAdmin.FirstErrorCode);
        Assert.Equal("FORBIDDEN", list.FirstErrorCode);
        Assert.False((await App.GraphQL(slug).SendAsync("{ products { totalCount } }")).HasErrors);
    }

    [Fact]
    public async Task Suspend_UnknownOrNotActiveTenant_IsAUserError()
    {
        Assert.Equal("NOT_FOUND", (await OperateAsync("suspendTenant", "nobody-here"))["userErrors"]![0]!["code"]!.GetValue<string>());
        var slug = await ActiveTenantAsync();
        Assert.Equal("ACTIVE", (await OperateAsync("resumeTenant", slug))["tenant"]!["status"]!.GetValue<string>());
    }
}
