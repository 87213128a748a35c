using System.Text.Json.Nodes;
using Inventory.BuildingBlocks.Persistence;
using Inventory.TestKit;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

/// <summary>
/// Two hosts of one deployment on the same PostgreSQL databases. Both keep what they read of a caller for five minutes,
/// so that a change is seen at once only where the host forgets it (the one that made the change), and host B's
/// clock can be moved forward past that bound without waiting. Host A's keep-alive ticks every second (its WebSocket
/// connections are checked again within a second); host B's hourly, so that only a new operation checks there.
/// </summary>
public sealed class StampHostsFixture : IAsyncLifetime
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(5); // the most the host accepts

    private static AppOptions Options(bool join, TimeSpan keepAlive, Action<IServiceCollection>? services = null) => new()
    {
        DatabasePrefix = "stamp_tests",
        Tenants = ["acme", "globex"],
        JoinExistingDatabases = join,
        Settings = new()
        {
            ["Authentication:SecurityStamp:CacheDuration"] = CacheDuration.ToString(),
            ["GraphQL:WebSocket:KeepAliveInterval"] = keepAlive.ToString(),
        },
        Services = services,
    };

    public StampHostsFixture()
    {
        HostA = new(Options(join: false, TimeSpan.FromSeconds(1), s => s.AddSingleton<IInterceptor>(HooksA)));
        HostB = new(Options(join: true, TimeSpan.FromHours(1), s => s.AddSingleton<TimeProvider>(ClockB).AddSingleton<IInterceptor>(HooksB)));
    }

    public TestClock ClockB { get; } = new();
    internal CommandHooks HooksA { get; } = new();
    internal CommandHooks HooksB { get; } = new();
    public InventoryApp HostA { get; }
    public InventoryApp HostB { get; }

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)HostA).InitializeAsync(); // creates and migrates the databases
        await ((IAsyncLifetime)HostB).InitializeAsync(); // joins them
    }

    public async Task DisposeAsync()
    {
        await HostB.DisposeAsync();
        await HostA.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StampHostsCollection : ICollectionFixture<StampHostsFixture>
{
    public const string Name = "stamp-hosts";
}

/// <summary>
/// A deactivated, demoted or re-passworded user's tokens, the API keys they created, and expired keys, over HTTP and
/// WebSocket: refused before anything executes, at once on the host that made the change and, on another host, once
/// its cached copy is older than the bound.
/// </summary>
[Collection(StampHostsCollection.Name)]
public sealed class SecurityStampTests(StampHostsFixture hosts) : IAsyncLifetime
{
    private const string Acme = "acme";
    private const string Password = "Correct-Horse-42";
    private const string NewPassword = "Battery-Staple-77";
    private const string Errors = "userErrors { code field message }";
    private const string CreateKey = $"mutation($input: CreateApiKeyInput!) {{ createApiKey(input: $input) {{ apiKey {{ id expiresAt createdByUserId createdBy {{ id email }} }} secret {Errors} }} }}";
    private const string CreateUser = $"mutation($input: CreateUserInput!) {{ createUser(input: $input) {{ user {{ id }} {Errors} }} }}";
    private const string Deactivate = $"mutation($id: ID!) {{ deactivateUser(input: {{ userId: $id }}) {{ user {{ active }} {Errors} }} }}";
    private const string UpdateRoles = $"mutation($id: ID!, $roles: [Role!]!) {{ updateUserRoles(input: {{ userId: $id, roles: $roles }}) {{ user {{ roles }} {Errors} }} }}";
    private const string ChangePassword = $"mutation($input: ChangePasswordInput!) {{ changePassword(input: $input) {{ user {{ id }} accessToken expiresAt {Errors} }} }}";
    private const string Counts = "{ users { totalCount } apiKeys { totalCount nodes { id name revokedAt expiresAt createdByUserId createdBy { email } } } }";

    private InventoryApp A => hosts.HostA;
    private InventoryApp B => hosts.HostB;

    public async Task InitializeAsync()
    {
        hosts.ClockB.Reset();
        hosts.HooksA.Reset();
        hosts.HooksB.Reset();
        await A.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // The setup administrator: a test-kit token (no user behind it), trusted by the test hosts only.
    private GraphQLClient Setup => A.GraphQL(Acme, "Admin");

    private static GraphQLClient As(InventoryApp host, string token) => new(host.CreateClient(), Acme, token);

    private async Task<string> UserAsync(string email, params string[] roles)
    {
        var created = (await Setup.QueryAsync(CreateUser, new { input = new { email, password = Password, roles } }))["createUser"]!;
        Assert.Empty(created["userErrors"]!.AsArray());
        return created["user"]!["id"]!.GetValue<string>();
    }

    private static async Task<string> LoginAsync(InventoryApp host, string email, string password = Password)
    {
        var login = (await new GraphQLClient(host.CreateClient()).QueryAsync(
            "mutation($input: LoginInput!) { login(input: $input) { accessToken userErrors { code } } }",
            new { input = new { tenant = Acme, email, password } }))["login"]!;
        Assert.Empty(login["userErrors"]!.AsArray());
        return login["accessToken"]!.GetValue<string>();
    }

    private static async Task AcceptedAsync(GraphQLClient client)
    {
        var response = await client.SendAsync("{ products(first: 1) { totalCount } }");
        Assert.Equal(200, response.Status);
        response.Ok();
    }

    private static void AssertStale(GraphQLResponse response)
    {
        Assert.Equal(401, response.Status);
        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
        Assert.Contains("sign in again", response.Errors![0]!["message"]!.GetValue<string>());
        Assert.Null(response.Data);
    }

    private static string[] Codes(JsonNode payload) => [.. payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>())];

    private static async Task<JsonNode> MutateAsync(GraphQLClient client, string document, string field, object variables)
    {
        var response = await client.SendAsync(document, variables);
        return response.Ok()[field]!;
    }

    private async Task<string> KeyAsync(GraphQLClient creator, string name, string role = "ADMIN", DateTimeOffset? expiresAt = null)
    {
        var created = await MutateAsync(creator, CreateKey, "createApiKey", new { input = new { name, role, expiresAt } });
        Assert.Empty(Codes(created));
        return created["secret"]!.GetValue<string>();
    }

    private Task<T> WithIdentityAsync<T>(Func<IdentityDbContext, Task<T>> use) => WithIdentityAsync(A, use);

    private static async Task<T> WithIdentityAsync<T>(InventoryApp host, Func<IdentityDbContext, Task<T>> use)
    {
        await using var scope = host.TenantScope(Acme);
        await using var db = scope.ServiceProvider.GetRequiredService<ModuleDbContextFactory<IdentityDbContext>>().Create();
        return await use(db);
    }

    [Fact]
    public async Task ADeactivatedAdminsValidToken_CannotCreateAKeyOrAUser_AndNothingIsWritten()
    {
        var mallory = await UserAsync("mallory@acme.test", "ADMIN");
        await UserAsync("alice@acme.test", "ADMIN");
        var stolen = As(A, await LoginAsync(A, "mallory@acme.test"));
        await AcceptedAsync(stolen); // this host now holds mallory's stamp (for five minutes)

        Assert.Empty(Codes(await MutateAsync(As(A, await LoginAsync(A, "alice@acme.test")), Deactivate, "deactivateUser", new { id = mallory })));

        // The exact attack: an admin key, then a new admin user, with the one-hour token, in one request and in two.
        var both = await stolen.SendAsync($$"""
            mutation { createApiKey(input: { name: "backdoor", role: ADMIN }) { secret }
                       createUser(input: { email: "backdoor@acme.test", password: "{{Password}}", roles: [ADMIN] }) { user { id } } }
            """);
        AssertStale(both);
        AssertStale(await stolen.SendAsync(CreateKey, new { input = new { name = "backdoor", role = "ADMIN" } }));
        AssertStale(await stolen.SendAsync(CreateUser, new { input = new { email = "backdoor@acme.test", password = Password, roles = new[] { "ADMIN" } } }));
        AssertStale(await stolen.SendAsync("{ users { totalCount } }"));

        Assert.Equal(0, await WithIdentityAsync(db => db.ApiKeys.CountAsync()));
        Assert.Equal(2, await WithIdentityAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task ADemotedAdminsToken_IsRefused_AndSigningInAgainGivesTheNewRoleOnly()
    {
        await UserAsync("alice@acme.test", "ADMIN"); // the tenant keeps an administrator
        var bob = await UserAsync("bob@acme.test", "ADMIN");
        var token = As(A, await LoginAsync(A, "bob@acme.test"));
        await AcceptedAsync(token);

        var demoted = await MutateAsync(Setup, UpdateRoles, "updateUserRoles", new { id = bob, roles = new[] { "VIEWER" } });
        Assert.Empty(Codes(demoted));

        AssertStale(await token.SendAsync(CreateKey, new { input = new { name = "k", role = "ADMIN" } }));
        AssertStale(await token.SendAsync("{ products(first: 1) { totalCount } }"));

        var viewer = As(A, await LoginAsync(A, "bob@acme.test"));
        await AcceptedAsync(viewer);
        Assert.Equal("FORBIDDEN", (await viewer.SendAsync(CreateKey, new { input = new { name = "k", role = "ADMIN" } })).FirstErrorCode);
        Assert.Equal(0, await WithIdentityAsync(db => db.ApiKeys.CountAsync()));

        // Any change of roles ends the old tokens, a promotion too: they would otherwise keep the old, smaller rights
        // until they expire, and the stamp says nothing about which way roles changed.
        Assert.Empty(Codes(await MutateAsync(Setup, UpdateRoles, "updateUserRoles", new { id = bob, roles = new[] { "CLERK" } })));
        AssertStale(await viewer.SendAsync("{ products(first: 1) { totalCount } }"));
        // Setting the same roles again is no change.
        var clerk = As(A, await LoginAsync(A, "bob@acme.test"));
        Assert.Empty(Codes(await MutateAsync(Setup, UpdateRoles, "updateUserRoles", new { id = bob, roles = new[] { "CLERK" } })));
        await AcceptedAsync(clerk);
    }

    [Fact]
    public async Task ChangingThePassword_EndsTheOldTokens_AndTheNewPasswordSignsIn()
    {
        await UserAsync("carol@acme.test", "CLERK");
        var old = As(A, await LoginAsync(A, "carol@acme.test"));
        var otherSession = As(A, await LoginAsync(A, "carol@acme.test"));
        await AcceptedAsync(otherSession);

        var changed = await MutateAsync(old, ChangePassword, "changePassword", new { input = new { currentPassword = Password, newPassword = NewPassword } });
        Assert.Empty(Codes(changed));

        AssertStale(await old.SendAsync("{ products(first: 1) { totalCount } }"));
        AssertStale(await otherSession.SendAsync("{ products(first: 1) { totalCount } }"));
        await AcceptedAsync(As(A, changed["accessToken"]!.GetValue<string>())); // the answer carries a working token
        await AcceptedAsync(As(A, await LoginAsync(A, "carol@acme.test", NewPassword)));
        var oldPassword = (await new GraphQLClient(A.CreateClient()).QueryAsync(
            "mutation { login(input: { tenant: \"acme\", email: \"carol@acme.test\", password: \"" + Password + "\" }) { userErrors { code } } }"))["login"]!;
        Assert.Equal(["INVALID_CREDENTIALS"], Codes(oldPassword));
    }

    [Fact]
    public async Task ChangePassword_RefusesBadInput_WithStableCodes_AndChangesNothing()
    {
        await UserAsync("dave@acme.test", "VIEWER");
        var dave = As(A, await LoginAsync(A, "dave@acme.test"));
        async Task RefusedAsync(string currentPassword, string newPassword, string code, string field)
        {
            var payload = await MutateAsync(dave, ChangePassword, "changePassword", new { input = new { currentPassword, newPassword } });
            Assert.Null(payload["accessToken"]);
            var error = Assert.Single(payload["userErrors"]!.AsArray())!;
            Assert.Equal(code, error["code"]!.GetValue<string>());
            Assert.Equal(field, error["field"]!.GetValue<string>());
        }

        await RefusedAsync("", NewPassword, "VALIDATION", "input.currentPassword");
        await RefusedAsync(new string('x', 257), NewPassword, "VALIDATION", "input.currentPassword");
        await RefusedAsync(Password, "short", "WEAK_PASSWORD", "input.newPassword");
        await RefusedAsync(Password, "alllowercaseletters", "WEAK_PASSWORD", "input.newPassword");
        await RefusedAsync(Password, "Dave@acme.test", "WEAK_PASSWORD", "input.newPassword");
        await RefusedAsync(Password, Password, "PASSWORD_UNCHANGED", "input.newPassword");
        await RefusedAsync("Wrong-Password-1", NewPassword, "INVALID_CURRENT_PASSWORD", "input.currentPassword");

        await AcceptedAsync(dave); // nothing changed: the token still works, the old password still signs in
        await LoginAsync(A, "dave@acme.test");

        // An API key has no password; a missing input is a GraphQL error, before anything runs.
        var key = await KeyAsync(Setup, "integration", "VIEWER");
        var byKey = await MutateAsync(new GraphQLClient(A.CreateClient(), null, key), ChangePassword, "changePassword",
            new { input = new { currentPassword = Password, newPassword = NewPassword } });
        Assert.Equal(["NOT_A_USER"], Codes(byKey));
        Assert.Equal(400, (await dave.SendAsync("mutation { changePassword { accessToken } }")).Status);
        Assert.Equal("UNAUTHENTICATED", (await new GraphQLClient(A.CreateClient(), Acme).SendAsync(ChangePassword,
            new { input = new { currentPassword = Password, newPassword = NewPassword } })).FirstErrorCode);
    }

    [Fact]
    public async Task WrongCurrentPasswords_AreLimited_SoAStolenTokenCannotGuessThePassword()
    {
        await UserAsync("hank@acme.test", "VIEWER");
        var hank = As(A, await LoginAsync(A, "hank@acme.test"));
        async Task<string[]> TryAsync(string currentPassword) =>
            Codes(await MutateAsync(hank, ChangePassword, "changePassword", new { input = new { currentPassword, newPassword = NewPassword } }));

        // Guesses sent at once: five are checked, the others refused before any check.
        var guesses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => TryAsync($"Guess-number-{i}")));
        Assert.Equal(5, guesses.Count(codes => codes is ["INVALID_CURRENT_PASSWORD"]));
        Assert.Equal(3, guesses.Count(codes => codes is ["TOO_MANY_ATTEMPTS"]));
        Assert.Equal(["TOO_MANY_ATTEMPTS"], await TryAsync(Password)); // the right one too: nothing tells it apart
        await AcceptedAsync(hank);
        await LoginAsync(A, "hank@acme.test"); // unchanged
    }

    [Fact]
    public async Task TwoPasswordChangesAtOnce_OneWins_AndNoOtherNewPasswordSignsIn()
    {
        await UserAsync("erin@acme.test", "VIEWER");
        var erin = As(A, await LoginAsync(A, "erin@acme.test"));
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            erin.SendAsync(ChangePassword, new { input = new { currentPassword = Password, newPassword = $"{NewPassword}-{i}" } })));

        // A loser was refused at the door (the winner's new stamp came first), or told why in its payload.
        var winners = responses.Select((r, i) => (r, i)).Where(x => x.r.Status == 200 && Codes(x.r.Ok()["changePassword"]!).Length == 0).ToList();
        var (winner, index) = Assert.Single(winners);
        foreach (var loser in responses.Where(r => r != winner))
            Assert.True(loser.Status == 401 || Codes(loser.Ok()["changePassword"]!) is ["INVALID_CURRENT_PASSWORD"] or ["UNAUTHENTICATED"], loser.Body?.ToJsonString());
        await AcceptedAsync(As(A, winner.Ok()["changePassword"]!["accessToken"]!.GetValue<string>()));
        for (var i = 0; i < 4; i++)
        {
            var login = (await new GraphQLClient(A.CreateClient()).QueryAsync(
                "mutation($input: LoginInput!) { login(input: $input) { userErrors { code } } }",
                new { input = new { tenant = Acme, email = "erin@acme.test", password = $"{NewPassword}-{i}" } }))["login"]!;
            Assert.Equal(i == index ? [] : ["INVALID_CREDENTIALS"], Codes(login));
        }
    }

    [Fact]
    public async Task APasswordChangeRacingADemotion_IsRefused_AndNeverGivesATokenWithTheOldRoles()
    {
        await UserAsync("alice@acme.test", "ADMIN"); // the tenant keeps an administrator
        var bob = await UserAsync("bob@acme.test", "ADMIN");
        var token = As(A, await LoginAsync(A, "bob@acme.test"));
        await AcceptedAsync(token);

        // The demotion commits after changePassword read bob (his roles and stamp) and before its update is sent.
        hosts.HooksA.Before("SET password_hash", async () =>
            Assert.Empty(Codes(await MutateAsync(Setup, UpdateRoles, "updateUserRoles", new { id = bob, roles = new[] { "VIEWER" } }))));
        var changed = await MutateAsync(token, ChangePassword, "changePassword", new { input = new { currentPassword = Password, newPassword = NewPassword } });

        Assert.True(hosts.HooksA.Fired);
        Assert.Null(changed["accessToken"]);
        Assert.Equal(["UNAUTHENTICATED"], Codes(changed));
        AssertStale(await token.SendAsync(CreateKey, new { input = new { name = "k", role = "ADMIN" } }));
        // The demotion stands and the password is unchanged: signing in again gives a viewer.
        var viewer = As(A, await LoginAsync(A, "bob@acme.test"));
        Assert.Equal("FORBIDDEN", (await viewer.SendAsync(CreateKey, new { input = new { name = "k", role = "ADMIN" } })).FirstErrorCode);
        Assert.Equal(0, await WithIdentityAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task ASignInRacingAPasswordChange_DoesNotPutTheOldPasswordBack()
    {
        await UserAsync("carol@acme.test", "CLERK");
        var carol = As(A, await LoginAsync(A, "carol@acme.test"));

        // The change commits after a sign-in verified the old password and before it records the sign-in.
        hosts.HooksA.Before("SET last_login_at", async () => Assert.Empty(Codes(await MutateAsync(carol, ChangePassword, "changePassword",
            new { input = new { currentPassword = Password, newPassword = NewPassword } }))));
        var racing = await LoginAsync(A, "carol@acme.test");

        Assert.True(hosts.HooksA.Fired);
        AssertStale(await As(A, racing).SendAsync("{ products(first: 1) { totalCount } }")); // of the stamp before the change
        await AcceptedAsync(As(A, await LoginAsync(A, "carol@acme.test", NewPassword)));
        var oldPassword = (await new GraphQLClient(A.CreateClient()).QueryAsync(
            "mutation($input: LoginInput!) { login(input: $input) { userErrors { code } } }",
            new { input = new { tenant = Acme, email = "carol@acme.test", password = Password } }))["login"]!;
        Assert.Equal(["INVALID_CREDENTIALS"], Codes(oldPassword));
    }

    [Fact]
    public async Task KeysOfADeactivatedCreator_AreRevokedAndRefused_WhileAnotherAdminsKeysWork()
    {
        var mallory = await UserAsync("mallory@acme.test", "ADMIN");
        await UserAsync("alice@acme.test", "ADMIN");
        var malloryToken = As(A, await LoginAsync(A, "mallory@acme.test"));
        var aliceToken = As(A, await LoginAsync(A, "alice@acme.test"));
        var malloryKey = await KeyAsync(malloryToken, "mallory's");
        // A key made with that key carries mallory's power too, and goes with it.
        var spawned = await KeyAsync(new GraphQLClient(A.CreateClient(), null, malloryKey), "spawned");
        var aliceKey = await KeyAsync(aliceToken, "alice's");
        var setupKey = await KeyAsync(Setup, "made without a user");
        foreach (var key in new[] { malloryKey, spawned, aliceKey, setupKey })
            await AcceptedAsync(new GraphQLClient(A.CreateClient(), null, key));

        var listed = (await aliceToken.QueryAsync(Counts))["apiKeys"]!["nodes"]!.AsArray();
        Assert.Equal(2, listed.Count(k => k!["createdBy"]?["email"]?.GetValue<string>() == "mallory@acme.test"));
        Assert.Equal(2, listed.Count(k => k!["createdByUserId"]?.GetValue<string>() == mallory));

        Assert.Empty(Codes(await MutateAsync(aliceToken, Deactivate, "deactivateUser", new { id = mallory })));

        foreach (var key in new[] { malloryKey, spawned })
        {
            var refused = await new GraphQLClient(A.CreateClient(), null, key).SendAsync(CreateUser,
                new { input = new { email = "backdoor@acme.test", password = Password, roles = new[] { "ADMIN" } } });
            Assert.Equal(401, refused.Status);
            Assert.Equal("UNAUTHENTICATED", refused.FirstErrorCode);
        }
        await AcceptedAsync(new GraphQLClient(A.CreateClient(), null, aliceKey));
        await AcceptedAsync(new GraphQLClient(A.CreateClient(), null, setupKey));
        var keys = (await aliceToken.QueryAsync(Counts))["apiKeys"]!["nodes"]!.AsArray();
        Assert.Equal(["mallory's", "spawned"], keys.Where(k => k!["revokedAt"] is not null).Select(k => k!["name"]!.GetValue<string>()).Order());
        Assert.Equal(2, await WithIdentityAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task KeysAndUsersCreatedWhileTheirCreatorIsDeactivated_NeverOutliveTheDeactivation()
    {
        var mallory = await UserAsync("mallory@acme.test", "ADMIN");
        await UserAsync("alice@acme.test", "ADMIN");
        var stolen = As(A, await LoginAsync(A, "mallory@acme.test"));
        var alice = As(A, await LoginAsync(A, "alice@acme.test"));

        // Creations in flight while the deactivation commits: each is refused, or made before it and revoked with it.
        var creations = Enumerable.Range(0, 12).Select(i => stolen.SendAsync(CreateKey, new { input = new { name = $"race-{i}", role = "ADMIN" } })).ToList();
        var deactivation = MutateAsync(alice, Deactivate, "deactivateUser", new { id = mallory });
        var responses = await Task.WhenAll(creations);
        Assert.Empty(Codes(await deactivation));

        var secrets = responses.Select(r => r.Data?["createApiKey"]?["secret"]?.GetValue<string>()).OfType<string>().ToList();
        foreach (var secret in secrets)
            Assert.Equal(401, (await new GraphQLClient(A.CreateClient(), null, secret).SendAsync("{ products(first: 1) { totalCount } }")).Status);
        Assert.Equal(0, await WithIdentityAsync(db => db.ApiKeys.CountAsync(k => k.RevokedAt == null)));
        Assert.Equal(secrets.Count, await WithIdentityAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task KeysOfACreatorWhoLosesAdmin_AreRevoked_ButOtherRoleChangesKeepThem()
    {
        await UserAsync("alice@acme.test", "ADMIN"); // the tenant keeps an administrator
        var bob = await UserAsync("bob@acme.test", "ADMIN", "MANAGER");
        var key = await KeyAsync(As(A, await LoginAsync(A, "bob@acme.test")), "bob's", "CLERK");

        // Dropping MANAGER keeps ADMIN: the key stays.
        Assert.Empty(Codes(await MutateAsync(Setup, UpdateRoles, "updateUserRoles", new { id = bob, roles = new[] { "ADMIN" } })));
        await AcceptedAsync(new GraphQLClient(A.CreateClient(), null, key));

        Assert.Empty(Codes(await MutateAsync(Setup, UpdateRoles, "updateUserRoles", new { id = bob, roles = new[] { "MANAGER" } })));
        var refused = await new GraphQLClient(A.CreateClient(), null, key).SendAsync("{ products(first: 1) { totalCount } }");
        Assert.Equal(401, refused.Status);
        Assert.NotNull(await WithIdentityAsync(db => db.ApiKeys.Select(k => k.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task AKeyPastItsExpiry_IsRefusedLikeARevokedOne_AndExpiriesAreValidated()
    {
        var now = DateTimeOffset.UtcNow;
        var expiring = await KeyAsync(Setup, "expiring", "VIEWER", now.AddDays(30));
        var lasting = await KeyAsync(Setup, "lasting", "VIEWER");
        await AcceptedAsync(new GraphQLClient(A.CreateClient(), null, expiring));
        var shown = (await Setup.QueryAsync(Counts))["apiKeys"]!["nodes"]!.AsArray();
        var expiresAt = DateTimeOffset.Parse(shown.Single(k => k!["name"]!.GetValue<string>() == "expiring")!["expiresAt"]!.GetValue<string>());
        Assert.InRange(expiresAt, now.AddDays(30).AddSeconds(-1), now.AddDays(30).AddSeconds(1));
        Assert.Null(shown.Single(k => k!["name"]!.GetValue<string>() == "lasting")!["expiresAt"]);

        // Time passes: the key's expiry is now behind us.
        await WithIdentityAsync(db => db.ApiKeys.Where(k => k.Name == "expiring")
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));
        var refused = await new GraphQLClient(A.CreateClient(), null, expiring).SendAsync("{ products(first: 1) { totalCount } }");
        Assert.Equal(401, refused.Status);
        Assert.Equal("UNAUTHENTICATED", refused.FirstErrorCode);
        await AcceptedAsync(new GraphQLClient(A.CreateClient(), null, lasting));

        async Task<JsonNode> CreateAsync(object expires) =>
            await MutateAsync(Setup, CreateKey, "createApiKey", new { input = new { name = "bad", role = "VIEWER", expiresAt = expires } });
        foreach (var bad in new object[] { now.AddMinutes(-1), now.AddDays(2 * 365 + 1), "2000-01-01T00:00:00Z" })
        {
            var payload = await CreateAsync(bad);
            Assert.Equal(["VALIDATION"], Codes(payload));
            Assert.Equal("input.expiresAt", payload["userErrors"]![0]!["field"]!.GetValue<string>());
            Assert.Null(payload["apiKey"]);
        }
        Assert.Equal(400, (await Setup.SendAsync(CreateKey, new { input = new { name = "bad", role = "VIEWER", expiresAt = "tomorrow" } })).Status);
        Assert.Equal(2, await WithIdentityAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task TokensWithoutAStamp_OrOfNoUser_AreRefused()
    {
        var legacy = new GraphQLClient(A.CreateClient(), Acme, TestTokens.For(Acme, stamp: null));
        var nobody = new GraphQLClient(A.CreateClient(), Acme, TestTokens.For(Acme, stamp: "0123456789abcdef0123456789abcdef"));
        AssertStale(await legacy.SendAsync("{ products(first: 1) { totalCount } }"));
        AssertStale(await nobody.SendAsync("{ products(first: 1) { totalCount } }"));
        AssertStale(await legacy.SendAsync("{ __typename }"));
    }

    [Fact]
    public async Task AnotherHost_RefusesTheStaleToken_OnceItsCopyIsOlderThanTheBound()
    {
        await UserAsync("alice@acme.test", "ADMIN"); // the tenant keeps an administrator
        var mallory = await UserAsync("mallory@acme.test", "ADMIN");
        var token = await LoginAsync(A, "mallory@acme.test");
        await AcceptedAsync(As(A, token));
        await AcceptedAsync(As(B, token)); // host B reads mallory's stamp and keeps it

        Assert.Empty(Codes(await MutateAsync(Setup, Deactivate, "deactivateUser", new { id = mallory })));

        // The host that made the change: at once, although it had the stamp cached for five minutes.
        AssertStale(await As(A, token).SendAsync("{ products(first: 1) { totalCount } }"));
        // Host B answers from its copy (one lookup, no query) until the copy is as old as the bound...
        await AcceptedAsync(As(B, token));
        hosts.ClockB.Advance(StampHostsFixture.CacheDuration - TimeSpan.FromMinutes(1));
        await AcceptedAsync(As(B, token));
        // ...and reads the user again after it.
        hosts.ClockB.Advance(TimeSpan.FromMinutes(1));
        AssertStale(await As(B, token).SendAsync(CreateKey, new { input = new { name = "k", role = "ADMIN" } }));
        Assert.Equal(0, await WithIdentityAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task OverWebSocket_ADeactivatedUsersSubscriptionIsClosed_AndLaterOperationsAndNewConnectionsRefused()
    {
        var frank = await UserAsync("frank@acme.test", "VIEWER");
        var grace = await UserAsync("grace@acme.test", "VIEWER");
        var frankToken = await LoginAsync(A, "frank@acme.test");
        var graceToken = await LoginAsync(A, "grace@acme.test");

        await using var running = await GraphQLSocket.OpenAsync(A);
        await running.InitAsync(new { authorization = "Bearer " + frankToken });
        await running.SubscribeAsync("alerts", "subscription { stockAlerts { kind sku } }");
        await using var later = await GraphQLSocket.OpenAsync(B);
        await later.InitAsync(new { authorization = "Bearer " + graceToken });

        Assert.Empty(Codes(await MutateAsync(Setup, Deactivate, "deactivateUser", new { id = frank })));
        Assert.Empty(Codes(await MutateAsync(Setup, Deactivate, "deactivateUser", new { id = grace })));

        // The running subscription: closed at the next keep-alive (every second here), like an expired token.
        var (code, reason) = await running.ExpectCloseAsync();
        Assert.Equal(4403, code);
        Assert.Contains("sign in again", reason);

        // An operation started later on an open connection of another host (which checks there only, its keep-alive
        // being hourly), once that host's copy is older than the bound: refused before it executes.
        hosts.ClockB.Advance(StampHostsFixture.CacheDuration);
        await later.SubscribeAsync("q", "{ products(first: 1) { totalCount } }");
        (code, reason) = await later.ExpectCloseAsync();
        Assert.Equal(4403, code);
        Assert.Contains("sign in again", reason);

        // A new connection with the stale token: refused at connection_init.
        await using var fresh = await GraphQLSocket.OpenAsync(A);
        await fresh.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + frankToken } });
        (code, reason) = await fresh.ExpectCloseAsync();
        Assert.Equal(4403, code);
        Assert.Contains("sign in again", reason);
    }

    [Fact]
    public async Task OverWebSocket_AnOperationWhoseCallerCannotBeChecked_IsRefusedWithDatabaseUnavailable()
    {
        await UserAsync("ivan@acme.test", "VIEWER");
        var token = await LoginAsync(A, "ivan@acme.test");
        await using var socket = await GraphQLSocket.OpenAsync(B);
        await socket.InitAsync(new { authorization = "Bearer " + token }); // host B reads ivan's stamp and keeps it...
        hosts.ClockB.Advance(StampHostsFixture.CacheDuration); // ...until its copy is as old as the bound

        using (hosts.HooksB.Unavailable("security_stamp"))
        {
            await socket.SubscribeAsync("q", "{ products(first: 1) { totalCount } }");
            var refused = await socket.ReceiveForAsync("q");
            Assert.Equal("error", refused["type"]!.GetValue<string>());
            Assert.Equal("DATABASE_UNAVAILABLE", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        }

        // Once the users can be read again, the same connection runs operations.
        await socket.SubscribeAsync("q2", "{ products(first: 1) { totalCount } }");
        var answered = await socket.ReceiveForAsync("q2");
        Assert.Equal("next", answered["type"]!.GetValue<string>());
        Assert.Equal(0, answered["payload"]!["data"]!["products"]!["totalCount"]!.GetValue<int>());
    }
}
