using System.Text.Json.Nodes;
using Inventory.TestKit;
using Inventory.Tenants.Identity;
using Inventory.Tenants.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

/// <summary>Clients and documents for the user and API key management fields.</summary>
public abstract class IdentityApiTest(TenantsFixture fixture) : TenantsTest(fixture)
{
    protected const string UserFields = "id email roles active createdAt lastLoginAt";
    protected const string KeyFields = "id name role prefix createdAt revokedAt lastUsedAt";
    protected const string Errors = "userErrors { code field message }";

    protected const string CreateUser = $"mutation($input: CreateUserInput!) {{ createUser(input: $input) {{ user {{ {UserFields} }} {Errors} }} }}";
    protected const string UpdateRoles = $"mutation($input: UpdateUserRolesInput!) {{ updateUserRoles(input: $input) {{ user {{ {UserFields} }} {Errors} }} }}";
    protected const string Deactivate = $"mutation($input: DeactivateUserInput!) {{ deactivateUser(input: $input) {{ user {{ {UserFields} }} {Errors} }} }}";
    protected const string Users = $"query($first: Int, $after: String) {{ users(first: $first, after: $after) {{ totalCount nodes {{ {UserFields} }} pageInfo {{ hasNextPage endCursor }} }} }}";
    protected const string CreateKey = $"mutation($input: CreateApiKeyInput!) {{ createApiKey(input: $input) {{ apiKey {{ {KeyFields} }} secret {Errors} }} }}";
    protected const string RevokeKey = $"mutation($input: RevokeApiKeyInput!) {{ revokeApiKey(input: $input) {{ apiKey {{ {KeyFields} }} {Errors} }} }}";
    protected const string Keys = $"query {{ apiKeys(first: 50) {{ totalCount nodes {{ {KeyFields} }} }} }}";

    /// <summary>
    /// A client acting as a user of <paramref name="tenant"/> with <paramref name="role"/>, with a token the host under
    /// test issued (this fixture signs with its own generated key and issuer, not the TestKit's).
    /// </summary>
    private protected GraphQLClient As(string role = "Admin", string tenant = Acme)
    {
        var user = User.Create($"{role.ToLowerInvariant()}@{tenant}.test", "unused", Enum.Parse<Roles>(role), DateTime.UtcNow);
        // A user that is never stored: its token carries the stamp the test host trusts without a user (TestTokens).
        typeof(User).GetProperty(nameof(User.SecurityStamp))!.SetValue(user, TestTokens.UncheckedStamp);
        return new GraphQLClient(App.CreateClient(), tenant, Service<AccessTokens>().Issue(user, tenant).Token);
    }

    protected static string[] CodesOf(JsonNode payload) =>
        [.. payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>())];

    protected static async Task<JsonNode> MutateAsync(GraphQLClient client, string document, string field, object input) =>
        (await client.QueryAsync(document, new { input }))[field]!;

    protected async Task<string> CreateUserAsync(string email, params string[] roles)
    {
        var payload = await MutateAsync(As(), CreateUser, "createUser", new { email, password = AdminPassword, roles });
        Assert.Empty(CodesOf(payload));
        return payload["user"]!["id"]!.GetValue<string>();
    }

    protected Task<Guid> AdminIdAsync(string tenant = Acme) =>
        WithIdentityAsync(async db => (await db.Users.SingleAsync(u => u.NormalizedEmail == User.Normalize(AdminEmail))).Id, tenant);
}
