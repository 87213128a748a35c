using System.Net.Http.Headers;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Security;

/// <summary>Who may call what: anonymous callers, each role, tokens aimed at another tenant, broken tokens, operators.</summary>
public sealed class AccessTests(HostFixture fixture) : HostTest(fixture)
{
    private const string CreateProduct = """mutation { createProduct(input: { sku: "ACCESS-1", name: "Guarded" }) { product { id } userErrors { code } } }""";

    private string Acme => App.Tenants[0];
    private string Globex => App.Tenants[1];

    private async Task<int> ProductCountAsync(string tenant) =>
        (await App.GraphQL(tenant).QueryAsync("{ products { totalCount } }"))["products"]!["totalCount"]!.GetValue<int>();

    [Theory]
    [InlineData("{ products { totalCount } }")]
    [InlineData("""{ product(sku: "X") { id } }""")]
    [InlineData("{ __schema { queryType { name } } }")]
    [InlineData("query { ...Sneaky } fragment Sneaky on Query { products { totalCount } }")]
    [InlineData("query { ... on Query { products { totalCount } } }")]
    public async Task Anonymous_ReadingTenantData_IsUnauthenticatedAndNothingRuns(string query)
    {
        var response = await App.Anonymous(Acme).SendAsync(query);

        Assert.Equal(400, response.Status);
        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
        Assert.Null(response.Body?["data"]);
    }

    [Fact]
    public async Task Anonymous_Mutation_IsRefusedAndWritesNothing()
    {
        var response = await App.Anonymous(Acme).SendAsync(CreateProduct);

        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
        Assert.Equal(0, await ProductCountAsync(Acme));
    }

    [Theory]
    [InlineData("{ __typename }")]
    [InlineData("""{ tenant(slug: "nobody") { id } }""")]
    [InlineData("""mutation { login(input: { tenant: "acme", email: "nobody@acme.test", password: "Wrong-password-1" }) { userErrors { code } } }""")]
    [InlineData("""mutation { onboardTenant(input: { slug: "x", name: "", adminEmail: "", adminPassword: "" }) { userErrors { code } } }""")]
    public async Task Anonymous_MayUseOnlyOnboardingSignInAndTypename(string query)
    {
        var response = await App.Anonymous().SendAsync(query);

        Assert.Equal(200, response.Status);
        Assert.False(response.HasErrors, response.Body?.ToJsonString());
    }

    [Theory]
    [InlineData("Viewer", false)]
    [InlineData("Clerk", false)]
    [InlineData("Manager", true)]
    [InlineData("Admin", true)]
    public async Task CreateProduct_NeedsTheManagerRole(string role, bool allowed)
    {
        var response = await App.GraphQL(Acme, role).SendAsync(CreateProduct);

        if (allowed)
        {
            Assert.False(response.HasErrors, response.Body?.ToJsonString());
            Assert.Equal(1, await ProductCountAsync(Acme));
        }
        else
        {
            Assert.Equal("FORBIDDEN", response.FirstErrorCode);
            Assert.Null(response.Body?["data"]);
            Assert.Equal(0, await ProductCountAsync(Acme));
        }
    }

    [Theory]
    [InlineData("Viewer")]
    [InlineData("Clerk")]
    public async Task Reading_IsOpenToEveryRole(string role)
    {
        var response = await App.GraphQL(Acme, role).SendAsync("{ products { totalCount } __schema { queryType { name } } }");

        Assert.False(response.HasErrors, response.Body?.ToJsonString());
    }

    [Fact]
    public async Task TokenOfOneTenant_AimedAtAnother_IsForbiddenAndSeesNothing()
    {
        await App.GraphQL(Globex).QueryAsync("""mutation { createProduct(input: { sku: "GLOBEX-ONLY", name: "Secret" }) { product { id } } }""");
        var acmeUserNamingGlobex = new GraphQLClient(App.CreateClient(), Globex, TestTokens.For(Acme));

        var read = await acmeUserNamingGlobex.SendAsync("{ products { nodes { sku } } }");
        var write = await acmeUserNamingGlobex.SendAsync("""mutation { discontinueProduct(input: { sku: "GLOBEX-ONLY" }) { product { status } } }""");

        Assert.Equal(403, read.Status);
        Assert.Equal("FORBIDDEN", read.FirstErrorCode);
        Assert.DoesNotContain("GLOBEX-ONLY", read.Body?.ToJsonString() ?? "");
        Assert.Equal(403, write.Status);
        var globex = await App.GraphQL(Globex).QueryAsync("""{ product(sku: "GLOBEX-ONLY") { status } }""");
        Assert.Equal("ACTIVE", globex["product"]!["status"]!.GetValue<string>());
        // Without a header the token's own tenant is served: acme sees none of globex's products.
        Assert.Equal(0, await ProductCountAsync(Acme));
    }

    public static TheoryData<string, string> BrokenTokens() => new()
    {
        { "expired", TestTokens.For("acme", lifetime: TimeSpan.FromMinutes(-10)) },
        { "signed with another key", TestTokens.For("acme", signingKey: Convert.ToBase64String(new byte[64])) },
        { "another issuer", TestTokens.For("acme", issuer: "someone-else") },
        { "tampered", Tamper(TestTokens.For("acme", role: "Viewer")) },
        { "garbage", "not.a.token" },
    };

    [Theory]
    [MemberData(nameof(BrokenTokens))]
    public async Task BrokenToken_IsRefusedWith401_NotTakenAsAnonymous(string why, string token)
    {
        var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.SendAsync(request);

        Assert.True(401 == (int)response.StatusCode, $"{why}: {(int)response.StatusCode}");
        Assert.Contains("UNAUTHENTICATED", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OperatorFields_RefuseTenantUsersAndWrongKeys()
    {
        const string retry = """mutation { retryTenantProvisioning(slug: "nobody") { userErrors { code } } }""";

        var admin = await App.GraphQL(Acme, "Admin").SendAsync(retry);
        var wrongKey = await new GraphQLClient(App.CreateClient(), null, null, "not-the-key").SendAsync(retry);
        var @operator = await App.Operator().SendAsync(retry);

        Assert.Equal("FORBIDDEN", admin.FirstErrorCode);
        Assert.Equal(401, wrongKey.Status);
        Assert.False(@operator.HasErrors, @operator.Body?.ToJsonString());
        Assert.Equal("NOT_FOUND", @operator.Data!["retryTenantProvisioning"]!["userErrors"]![0]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("4")]
    [InlineData("admin")]
    [InlineData("Operator")]
    public async Task RoleClaimsThatAreNotARoleName_GrantNothing(string role)
    {
        var client = App.GraphQL(Acme, role);

        var read = await client.SendAsync("{ products { totalCount } }");
        var operate = await client.SendAsync("""mutation { retryTenantProvisioning(slug: "nobody") { userErrors { code } } }""");

        Assert.Equal("FORBIDDEN", read.FirstErrorCode);
        Assert.Equal("FORBIDDEN", operate.FirstErrorCode);
    }

    // Flips the role claim in the payload without re-signing.
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/').PadRight(parts[1].Length + (4 - parts[1].Length % 4) % 4, '=')));
        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(payload.Replace("\"Viewer\"", "\"Admin\""))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{parts[0]}.{forged}.{parts[2]}";
    }
}
