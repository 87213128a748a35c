using System.Text.Json.Nodes;
using Inventory.Tenants.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

/// <summary>createUser, updateUserRoles, deactivateUser and users over HTTP, in the caller's tenant.</summary>
public sealed class UserManagementTests(TenantsFixture fixture) : IdentityApiTest(fixture)
{
    [Fact]
    public async Task CreateUser_AddsAnActiveUserWithHashedPassword_WhoCanSignIn()
    {
        var payload = await MutateAsync(As(), CreateUser, "createUser", new { email = " Clerk@Acme.test ", password = "Stock-Mover-77", roles = new[] { "CLERK", "VIEWER" } });

        Assert.Empty(CodesOf(payload));
        var user = payload["user"]!;
        Assert.Equal("Clerk@Acme.test", user["email"]!.GetValue<string>());
        Assert.Equal(["CLERK", "VIEWER"], user["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.True(user["active"]!.GetValue<bool>());
        Assert.Null(user["lastLoginAt"]);
        var stored = Assert.Single(await UsersAsync());
        Assert.Equal(Roles.Clerk | Roles.Viewer, stored.Roles);
        Assert.DoesNotContain("Stock-Mover-77", stored.PasswordHash);

        var login = await LoginAsync("clerk@acme.test", "Stock-Mover-77");
        Assert.Empty(Codes(login));
        Assert.NotNull(login.AccessToken);
    }

    [Fact]
    public async Task CreateUser_RefusesBadInput_WeakPasswords_AndTakenEmails()
    {
        await EnsureAdminAsync();
        var client = As();

        var invalid = await MutateAsync(client, CreateUser, "createUser", new { email = "not-an-email", password = AdminPassword, roles = Array.Empty<string>() });
        var weak = await MutateAsync(client, CreateUser, "createUser", new { email = "weak@acme.test", password = "password", roles = new[] { "VIEWER" } });
        var taken = await MutateAsync(client, CreateUser, "createUser", new { email = AdminEmail.ToUpperInvariant(), password = AdminPassword, roles = new[] { "VIEWER" } });

        Assert.Equal(["VALIDATION", "VALIDATION"], CodesOf(invalid));
        Assert.Equal(["input.email", "input.roles"], invalid["userErrors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()));
        Assert.Equal(["WEAK_PASSWORD"], CodesOf(weak));
        Assert.Equal("input.password", weak["userErrors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(["EMAIL_TAKEN"], CodesOf(taken));
        Assert.Null(taken["user"]);
        Assert.Single(await UsersAsync());
    }

    [Fact]
    public async Task CreateUser_WhenTwoRequestsRaceForOneEmail_CreatesOneUser()
    {
        var client = As();
        var payloads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            MutateAsync(client, CreateUser, "createUser", new { email = "race@acme.test", password = AdminPassword, roles = new[] { "VIEWER" } })));

        Assert.Single(payloads, p => CodesOf(p).Length == 0);
        Assert.All(payloads.Where(p => CodesOf(p).Length > 0), p => Assert.Equal(["EMAIL_TAKEN"], CodesOf(p)));
        Assert.Single(await UsersAsync());
    }

    [Fact]
    public async Task UpdateUserRoles_ReplacesTheRoles_OrSaysWhy()
    {
        await EnsureAdminAsync();
        var id = await CreateUserAsync("clerk@acme.test", "CLERK");
        var client = As();

        var updated = await MutateAsync(client, UpdateRoles, "updateUserRoles", new { userId = id, roles = new[] { "MANAGER" } });
        var empty = await MutateAsync(client, UpdateRoles, "updateUserRoles", new { userId = id, roles = Array.Empty<string>() });
        var missing = await MutateAsync(client, UpdateRoles, "updateUserRoles", new { userId = Guid.NewGuid(), roles = new[] { "VIEWER" } });
        var notAnId = await MutateAsync(client, UpdateRoles, "updateUserRoles", new { userId = "nope", roles = new[] { "VIEWER" } });

        Assert.Empty(CodesOf(updated));
        Assert.Equal(["MANAGER"], updated["user"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(["VALIDATION"], CodesOf(empty));
        Assert.Equal(["NOT_FOUND"], CodesOf(missing));
        Assert.Equal(["NOT_FOUND"], CodesOf(notAnId));
        Assert.Equal(Roles.Manager, (await UsersAsync()).Single(u => u.Email == "clerk@acme.test").Roles);
    }

    [Fact]
    public async Task UpdateUserRoles_KeepsAdminOnTheLastActiveAdmin()
    {
        await EnsureAdminAsync();
        var adminId = (await AdminIdAsync()).ToString();
        var client = As();

        var refused = await MutateAsync(client, UpdateRoles, "updateUserRoles", new { userId = adminId, roles = new[] { "MANAGER" } });
        var keepsAdmin = await MutateAsync(client, UpdateRoles, "updateUserRoles", new { userId = adminId, roles = new[] { "ADMIN", "MANAGER" } });
        Assert.Equal(["LAST_ADMIN"], CodesOf(refused));
        Assert.Empty(CodesOf(keepsAdmin));

        // An inactive admin does not count; an active second admin does.
        var second = await CreateUserAsync("second@acme.test", "ADMIN");
        var third = await CreateUserAsync("third@acme.test", "ADMIN");
        Assert.Empty(CodesOf(await MutateAsync(client, Deactivate, "deactivateUser", new { userId = third })));
        var allowed = await MutateAsync(client, UpdateRoles, "updateUserRoles", new { userId = adminId, roles = new[] { "VIEWER" } });
        var lastOne = await MutateAsync(client, UpdateRoles, "updateUserRoles", new { userId = second, roles = new[] { "VIEWER" } });

        Assert.Empty(CodesOf(allowed));
        Assert.Equal(["LAST_ADMIN"], CodesOf(lastOne));
    }

    [Fact]
    public async Task UpdateUserRoles_TwoAdminsDemotingEachOtherAtOnce_LeaveOneAdmin()
    {
        await EnsureAdminAsync();
        var first = (await AdminIdAsync()).ToString();
        var second = await CreateUserAsync("second@acme.test", "ADMIN");
        var client = As();

        var payloads = await Task.WhenAll(
            MutateAsync(client, UpdateRoles, "updateUserRoles", new { userId = first, roles = new[] { "VIEWER" } }),
            MutateAsync(client, UpdateRoles, "updateUserRoles", new { userId = second, roles = new[] { "VIEWER" } }));

        Assert.Single(payloads, p => CodesOf(p).Length == 0);
        Assert.Single(await UsersAsync(), u => u.Roles.HasFlag(Roles.Admin));
    }

    [Fact]
    public async Task DeactivateUser_StopsSignIn_IsIdempotent_AndKeepsTheLastAdmin()
    {
        await EnsureAdminAsync();
        var clerk = await CreateUserAsync("clerk@acme.test", "CLERK");
        var client = As();
        Assert.Empty(Codes(await LoginAsync("clerk@acme.test", AdminPassword)));

        var deactivated = await MutateAsync(client, Deactivate, "deactivateUser", new { userId = clerk });
        var again = await MutateAsync(client, Deactivate, "deactivateUser", new { userId = clerk });
        var missing = await MutateAsync(client, Deactivate, "deactivateUser", new { userId = Guid.NewGuid() });
        var lastAdmin = await MutateAsync(client, Deactivate, "deactivateUser", new { userId = (await AdminIdAsync()).ToString() });

        Assert.Empty(CodesOf(deactivated));
        Assert.False(deactivated["user"]!["active"]!.GetValue<bool>());
        Assert.Empty(CodesOf(again));
        Assert.Equal(["NOT_FOUND"], CodesOf(missing));
        Assert.Equal(["LAST_ADMIN"], CodesOf(lastAdmin));
        Assert.Equal(["INVALID_CREDENTIALS"], Codes(await LoginAsync("clerk@acme.test", AdminPassword)));
        Assert.Empty(Codes(await LoginAsync()));
    }

    [Fact]
    public async Task Users_IsAConnectionOfTheTenantsUsers_WithoutPasswordHashes()
    {
        await EnsureAdminAsync();
        await CreateUserAsync("b@acme.test", "VIEWER");
        await CreateUserAsync("c@acme.test", "CLERK");
        await CreateUserAsync("other@globex.test", "VIEWER"); // acme as well: the helper acts as acme's admin
        await EnsureAdminAsync("admin@globex.test", tenant: Globex);
        var client = As();

        var first = (await client.QueryAsync(Users, new { first = 2 }))["users"]!;
        var rest = (await client.QueryAsync(Users, new { first = 10, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }))["users"]!;
        var hash = await client.SendAsync("{ users { nodes { passwordHash } } }");

        Assert.Equal(4, first["totalCount"]!.GetValue<int>());
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        string[] emails = [.. first["nodes"]!.AsArray().Concat(rest["nodes"]!.AsArray()).Select(n => n!["email"]!.GetValue<string>())];
        Assert.Equal([AdminEmail, "b@acme.test", "c@acme.test", "other@globex.test"], emails);
        Assert.True(hash.HasErrors);
        Assert.DoesNotContain("AQAAAA", first.ToJsonString());
    }

    [Fact]
    public async Task TenantA_NeverSeesOrChangesTenantBsUsers()
    {
        await EnsureAdminAsync();
        await EnsureAdminAsync("admin@globex.test", tenant: Globex);
        var acmeUser = await CreateUserAsync("clerk@acme.test", "CLERK");
        var globex = As(tenant: Globex);

        var users = (await globex.QueryAsync(Users, new { first = 50 }))["users"]!;
        var update = await MutateAsync(globex, UpdateRoles, "updateUserRoles", new { userId = acmeUser, roles = new[] { "ADMIN" } });
        var deactivate = await MutateAsync(globex, Deactivate, "deactivateUser", new { userId = acmeUser });
        var created = await MutateAsync(globex, CreateUser, "createUser", new { email = "clerk@acme.test", password = AdminPassword, roles = new[] { "VIEWER" } });

        Assert.Equal(["admin@globex.test"], users["nodes"]!.AsArray().Select(n => n!["email"]!.GetValue<string>()));
        Assert.Equal(["NOT_FOUND"], CodesOf(update));
        Assert.Equal(["NOT_FOUND"], CodesOf(deactivate));
        Assert.Empty(CodesOf(created)); // emails are unique per tenant
        var acmeClerk = (await UsersAsync()).Single(u => u.Email == "clerk@acme.test");
        Assert.Equal((Roles.Clerk, true), (acmeClerk.Roles, acmeClerk.IsActive));
    }

    public static TheoryData<string, string> Fields => new()
    {
        { "Manager", "mutation { createUser(input: { email: \"x@acme.test\", password: \"Correct-Horse-42\", roles: [VIEWER] }) { userErrors { code } } }" },
        { "Viewer", "mutation { createUser(input: { email: \"x@acme.test\", password: \"Correct-Horse-42\", roles: [VIEWER] }) { userErrors { code } } }" },
        { "Manager", "mutation { updateUserRoles(input: { userId: \"00000000-0000-0000-0000-000000000001\", roles: [ADMIN] }) { userErrors { code } } }" },
        { "Clerk", "mutation { deactivateUser(input: { userId: \"00000000-0000-0000-0000-000000000001\" }) { userErrors { code } } }" },
        { "Manager", "query { users { totalCount } }" },
        { "Viewer", "query { users { totalCount } }" },
        { "Manager", "mutation { createApiKey(input: { name: \"k\", role: ADMIN }) { secret } }" },
        { "Viewer", "mutation { revokeApiKey(input: { id: \"00000000-0000-0000-0000-000000000001\" }) { userErrors { code } } }" },
        { "Manager", "query { apiKeys { totalCount } }" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task ManagementFields_AreForbiddenBelowAdmin_AndChangeNothing(string role, string document)
    {
        var response = await As(role).SendAsync(document);

        Assert.Equal("FORBIDDEN", response.FirstErrorCode);
        Assert.Null(response.Data);
        Assert.Empty(await UsersAsync());
        Assert.Equal(0, await WithIdentityAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task ManagementFields_NeedASignedInCaller()
    {
        var response = await App.Anonymous(Acme).SendAsync("query { users { totalCount } }");

        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
    }
}
