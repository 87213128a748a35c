using Inventory.Tenants.Identity.Domain;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

public sealed class ApiKeyTests
{
    [Fact]
    public void Issue_GivesAKeyNamingItsTenantWhosePlainTextMatches_AndStoresOnlyItsHash()
    {
        var (key, plainText) = ApiKey.Issue("acme", " importer ", Roles.Clerk, DateTime.UtcNow);

        Assert.Equal(("importer", Roles.Clerk, false), (key.Name, key.Role, key.IsRevoked));
        Assert.True(ApiKey.TryParse(plainText, out var tenant, out var prefix, out var secret));
        Assert.Equal(("acme", key.Prefix), (tenant, prefix));
        Assert.StartsWith($"ik_acme.{key.Prefix}.", plainText);
        Assert.Equal(32, key.SecretHash.Length);
        Assert.True(key.Matches(secret));
        Assert.False(key.Matches(secret + "x"));
        Assert.DoesNotContain(secret, Convert.ToBase64String(key.SecretHash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ik_short")]
    [InlineData("inv_abcdefghijkl_secret")]
    [InlineData("ik_acme.abcdefghijkl")]
    [InlineData("ik_acme.abcdefghijk.secret")]
    [InlineData("ik_acme.ABCDEFGHIJKL.secret")]
    [InlineData("ik_.abcdefghijkl.secret")]
    [InlineData("ik_acme.abcdefghijkl.")]
    [InlineData("ik_acme.abcdefghijkl.sec.ret")]
    public void TryParse_RefusesWhatIsNotAKey(string presented)
    {
        Assert.False(ApiKey.TryParse(presented, out _, out _, out _));
    }

    [Fact]
    public void Issue_RefusesNoneOrSeveralRoles()
    {
        Assert.Throws<ArgumentException>(() => ApiKey.Issue("acme", "k", Roles.None, DateTime.UtcNow));
        Assert.Throws<ArgumentException>(() => ApiKey.Issue("acme", "k", Roles.Admin | Roles.Clerk, DateTime.UtcNow));
    }

    [Fact]
    public void Revoke_KeepsTheFirstRevocationTime()
    {
        var (key, _) = ApiKey.Issue("acme", "k", Roles.Viewer, DateTime.UtcNow);
        var first = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        key.Revoke(first);
        key.Revoke(first.AddDays(1));

        Assert.Equal(first, key.RevokedAt);
    }
}
