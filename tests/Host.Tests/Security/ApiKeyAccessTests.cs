using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Security;

/// <summary>An integration's API key works as a bearer token with its role, for its tenant only, until revoked.</summary>
public sealed class ApiKeyAccessTests(HostFixture fixture) : HostTest(fixture)
{
    [Fact]
    public async Task ApiKey_ActsWithItsRoleOnItsTenant_UntilRevoked()
    {
        var admin = App.GraphQL(App.Tenants[0]);
        var created = (await admin.QueryAsync("""
            mutation { createApiKey(input: { name: "warehouse scanner", role: VIEWER }) { apiKey { id } secret userErrors { code } } }
            """))["createApiKey"]!;
        var secret = created["secret"]!.GetValue<string>();
        var key = new GraphQLClient(App.CreateClient(), null, secret);

        Assert.False((await key.SendAsync("{ products { totalCount } }")).HasErrors);
        Assert.Equal("FORBIDDEN", (await key.SendAsync("""mutation { createProduct(input: { sku: "K-1", name: "By key" }) { product { id } } }""")).FirstErrorCode);
        var aimedElsewhere = await new GraphQLClient(App.CreateClient(), App.Tenants[1], secret).SendAsync("{ products { totalCount } }");
        Assert.Equal(403, aimedElsewhere.Status);

        await admin.QueryAsync("mutation($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }", new { id = created["apiKey"]!["id"]!.GetValue<string>() });

        var revoked = await key.SendAsync("{ products { totalCount } }");
        Assert.Equal(401, revoked.Status);
        Assert.Equal(401, (await new GraphQLClient(App.CreateClient(), null, secret + "x").SendAsync("{ __typename }")).Status);
    }
}
