using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Inventory.BuildingBlocks.Security;
using Inventory.Tenants.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

/// <summary>
/// createApiKey, revokeApiKey and apiKeys over HTTP, and keys signing in through <see cref="IApiKeyAuthenticator"/>
/// (called directly: the bearer wiring in BuildingBlocks is added separately).
/// </summary>
public sealed class ApiKeyManagementTests(TenantsFixture fixture) : IdentityApiTest(fixture)
{
    private IApiKeyAuthenticator Authenticator => Service<IApiKeyAuthenticator>();

    private async Task<(string Id, string Secret)> CreateKeyAsync(string role = "CLERK", string tenant = Acme, string name = "importer")
    {
        var payload = await MutateAsync(As(tenant: tenant), CreateKey, "createApiKey", new { name, role });
        Assert.Empty(CodesOf(payload));
        return (payload["apiKey"]!["id"]!.GetValue<string>(), payload["secret"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateApiKey_ShowsTheSecretOnce_AndStoresOnlyItsHash()
    {
        var payload = await MutateAsync(As(), CreateKey, "createApiKey", new { name = " importer ", role = "CLERK" });

        Assert.Empty(CodesOf(payload));
        var key = payload["apiKey"]!;
        var secret = payload["secret"]!.GetValue<string>();
        Assert.Equal(("importer", "CLERK"), (key["name"]!.GetValue<string>(), key["role"]!.GetValue<string>()));
        Assert.StartsWith($"ik_{Acme}.{key["prefix"]!.GetValue<string>()}.", secret);
        Assert.Null(key["revokedAt"]);
        Assert.Null(key["lastUsedAt"]);

        var stored = Assert.Single(await WithIdentityAsync(db => db.ApiKeys.AsNoTracking().ToListAsync()));
        var secretPart = secret.Split('.')[2];
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secretPart)), stored.SecretHash);
        Assert.DoesNotContain(secretPart, $"{stored.Name}{stored.Prefix}{Convert.ToBase64String(stored.SecretHash)}{Convert.ToHexString(stored.SecretHash)}");

        // Never shown again: the list has no secret to select, and what it answers does not contain it.
        var list = await As().SendAsync(Keys);
        Assert.DoesNotContain(secretPart, list.Body!.ToJsonString());
        Assert.Equal(1, list.Ok()["apiKeys"]!["totalCount"]!.GetValue<int>());
        Assert.True((await As().SendAsync("{ apiKeys { nodes { secret } } }")).HasErrors);
        Assert.True((await As().SendAsync("{ apiKeys { nodes { secretHash } } }")).HasErrors);
    }

    [Fact]
    public async Task CreateApiKey_RefusesAMissingOrLongName()
    {
        var blank = await MutateAsync(As(), CreateKey, "createApiKey", new { name = "  ", role = "VIEWER" });
        var tooLong = await MutateAsync(As(), CreateKey, "createApiKey", new { name = new string('k', ApiKey.NameMaxLength + 1), role = "VIEWER" });

        Assert.Equal(["VALIDATION"], CodesOf(blank));
        Assert.Equal(["VALIDATION"], CodesOf(tooLong));
        Assert.Null(blank["secret"]);
        Assert.Equal(0, await WithIdentityAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task Authenticator_SignsAValidKeyInWithItsTenantAndRole_AndNotesWhenItWasUsed()
    {
        var (id, secret) = await CreateKeyAsync("MANAGER");
        var admin = As(); // before the clock moves: token times are checked against the system clock

        var principal = await Authenticator.AuthenticateAsync(secret, CancellationToken.None);

        Assert.NotNull(principal);
        Assert.Equal("ApiKey", principal.Identity!.AuthenticationType);
        Assert.True(principal.Identity.IsAuthenticated);
        Assert.Equal(Acme, principal.FindFirstValue("tenant"));
        Assert.Equal("Manager", principal.FindFirstValue("role"));
        Assert.Equal($"apikey:{id}", principal.FindFirstValue("sub"));
        Assert.Equal(PlatformRole.Manager, Access.HighestRole(principal));

        var firstUse = await WithIdentityAsync(db => db.ApiKeys.AsNoTracking().Select(k => k.LastUsedAt).SingleAsync());
        Assert.NotNull(firstUse);
        await Authenticator.AuthenticateAsync(secret, CancellationToken.None);
        Assert.Equal(firstUse, await WithIdentityAsync(db => db.ApiKeys.AsNoTracking().Select(k => k.LastUsedAt).SingleAsync()));
        Clock.Advance(TimeSpan.FromMinutes(2));
        await Authenticator.AuthenticateAsync(secret, CancellationToken.None);
        Assert.True(await WithIdentityAsync(db => db.ApiKeys.AsNoTracking().Select(k => k.LastUsedAt).SingleAsync()) > firstUse);
        var listed = (await admin.QueryAsync(Keys))["apiKeys"]!["nodes"]![0]!;
        Assert.NotNull(listed["lastUsedAt"]);
    }

    [Fact]
    public async Task Authenticator_RefusesWrongSecretsUnknownKeysAndMalformedKeys()
    {
        var (_, secret) = await CreateKeyAsync();
        var parts = secret.Split('.');

        Assert.Null(await Authenticator.AuthenticateAsync(secret + "x", CancellationToken.None));
        Assert.Null(await Authenticator.AuthenticateAsync($"{parts[0]}.{parts[1]}.{new string('A', 43)}", CancellationToken.None));
        Assert.Null(await Authenticator.AuthenticateAsync($"{parts[0]}.zzzzzzzzzzzz.{parts[2]}", CancellationToken.None));
        Assert.Null(await Authenticator.AuthenticateAsync($"ik_nosuchtenant.{parts[1]}.{parts[2]}", CancellationToken.None));
        Assert.Null(await Authenticator.AuthenticateAsync("ik_garbage", CancellationToken.None));
        Assert.Null(await Authenticator.AuthenticateAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task Authenticator_RefusesAKeyOfATenantThatIsNotActive()
    {
        var (_, secret) = await CreateKeyAsync();
        var parts = secret.Split('.');

        Assert.Null(await Authenticator.AuthenticateAsync($"ik_{InactiveTenants.Suspended}.{parts[1]}.{parts[2]}", CancellationToken.None));
        Assert.Null(await Authenticator.AuthenticateAsync($"ik_{InactiveTenants.Provisioning}.{parts[1]}.{parts[2]}", CancellationToken.None));
    }

    [Fact]
    public async Task RevokeApiKey_StopsTheKey_IsIdempotent_AndSaysWhenThereIsNoSuchKey()
    {
        var (id, secret) = await CreateKeyAsync();
        var (_, other) = await CreateKeyAsync(name: "other");
        var client = As();

        var revoked = await MutateAsync(client, RevokeKey, "revokeApiKey", new { id });
        Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await MutateAsync(client, RevokeKey, "revokeApiKey", new { id });
        var missing = await MutateAsync(client, RevokeKey, "revokeApiKey", new { id = Guid.NewGuid() });
        var notAnId = await MutateAsync(client, RevokeKey, "revokeApiKey", new { id = "nope" });

        Assert.Empty(CodesOf(revoked));
        Assert.NotNull(revoked["apiKey"]!["revokedAt"]);
        Assert.Empty(CodesOf(again));
        Assert.Equal(revoked["apiKey"]!["revokedAt"]!.ToJsonString(), again["apiKey"]!["revokedAt"]!.ToJsonString());
        Assert.Equal(["NOT_FOUND"], CodesOf(missing));
        Assert.Equal(["NOT_FOUND"], CodesOf(notAnId));
        Assert.Null(await Authenticator.AuthenticateAsync(secret, CancellationToken.None));
        Assert.NotNull(await Authenticator.AuthenticateAsync(other, CancellationToken.None));
    }

    [Fact]
    public async Task TenantA_NeverSeesRevokesOrSignsInWithTenantBsKeys()
    {
        var (acmeId, acmeSecret) = await CreateKeyAsync(tenant: Acme);
        await CreateKeyAsync(tenant: Globex, name: "globex-importer");
        var parts = acmeSecret.Split('.');

        var globexKeys = (await As(tenant: Globex).QueryAsync(Keys))["apiKeys"]!;
        var revoke = await MutateAsync(As(tenant: Globex), RevokeKey, "revokeApiKey", new { id = acmeId });
        // The same prefix and secret presented as globex's: globex's database has no such key.
        var retargeted = await Authenticator.AuthenticateAsync($"ik_{Globex}.{parts[1]}.{parts[2]}", CancellationToken.None);

        Assert.Equal(["globex-importer"], globexKeys["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()));
        Assert.Equal(["NOT_FOUND"], CodesOf(revoke));
        Assert.Null(retargeted);
        Assert.Equal(Acme, (await Authenticator.AuthenticateAsync(acmeSecret, CancellationToken.None))!.FindFirstValue("tenant"));
    }
}
