using System.Text.Json.Nodes;
using Inventory.TestKit;
using Inventory.Tenants.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

/// <summary>The <c>login</c> mutation as a client sees it: GraphQL over HTTP.</summary>
public sealed class LoginApiTests(TenantsFixture fixture) : TenantsTest(fixture)
{
    private const string Login = """
        mutation($input: LoginInput!) { login(input: $input) { accessToken expiresAt userErrors { code field message } } }
        """;

    [Fact]
    public async Task Login_OverHttp_NeedsNoTenantOnTheRequest_AndAnswersATokenForTheNamedTenant()
    {
        await EnsureAdminAsync(tenant: Globex);
        // The request itself names acme (X-Tenant, anonymous): the input's tenant is the one signed in to.
        var client = App.Anonymous(Acme);

        var response = await client.SendAsync(Login, new { input = new { tenant = Globex, email = AdminEmail, password = AdminPassword } });

        var login = response.Ok()["login"]!;
        Assert.Empty(login["userErrors"]!.AsArray());
        var token = new JsonWebTokenHandler().ReadJsonWebToken(login["accessToken"]!.GetValue<string>());
        Assert.Equal(Globex, token.GetClaim("tenant").Value);
        var expiresAt = DateTimeOffset.Parse(login["expiresAt"]!.GetValue<string>());
        Assert.Equal((token.ValidTo, TimeSpan.Zero), (expiresAt.UtcDateTime, expiresAt.Offset));
        Assert.True(File.Exists(Path.Combine(DataFolder, JwtSigningKey.FileName)), "The generated signing key is kept in the data folder.");
    }

    [Fact]
    public async Task Login_OverHttp_WithWrongCredentialsOrBadInput_AnswersUserErrorsNotGraphQLErrors()
    {
        await EnsureAdminAsync();
        var client = new GraphQLClient(App.CreateClient());

        var wrong = await client.SendAsync(Login, new { input = new { tenant = Acme, email = AdminEmail, password = "Wrong-Password-1" } });
        var invalid = await client.SendAsync(Login, new { input = new { tenant = "", email = "x", password = "" } });
        var unknown = await client.SendAsync(Login, new { input = new { tenant = "nope", email = AdminEmail, password = AdminPassword } });

        Assert.Equal(200, wrong.Status);
        Assert.Equal(["INVALID_CREDENTIALS"], CodesOf(wrong.Ok()));
        Assert.Null(wrong.Ok()["login"]!["accessToken"]);
        Assert.Null(wrong.Ok()["login"]!["expiresAt"]);
        Assert.Equal(["VALIDATION", "VALIDATION", "VALIDATION"], CodesOf(invalid.Ok()));
        Assert.Equal(["TENANT_NOT_FOUND"], CodesOf(unknown.Ok()));
    }

    private static string[] CodesOf(JsonNode data) =>
        [.. data["login"]!["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>())];
}
