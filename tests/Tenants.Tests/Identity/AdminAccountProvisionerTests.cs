using Inventory.Tenants.Identity;
using Inventory.Tenants.Identity.Domain;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

public sealed class AdminAccountProvisionerTests(TenantsFixture fixture) : TenantsTest(fixture)
{
    [Fact]
    public async Task EnsureAdmin_CreatesAnActiveAdminWithTheGivenHash_WhoCanSignIn()
    {
        var hash = Passwords.HashPassword(AdminPassword);

        await Service<IAdminAccountProvisioner>().EnsureAdminAsync(App.Tenant(Acme), "  Admin@Acme.test ", hash, CancellationToken.None);

        var user = Assert.Single(await UsersAsync());
        Assert.Equal(("Admin@Acme.test", "ADMIN@ACME.TEST", Roles.Admin, true), (user.Email, user.NormalizedEmail, user.Roles, user.IsActive));
        Assert.Equal(hash, user.PasswordHash);
        Assert.Null(user.LastLoginAt);
        Assert.NotNull((await LoginAsync("admin@acme.test", AdminPassword)).AccessToken);
    }

    [Fact]
    public async Task EnsureAdmin_Twice_KeepsTheFirstUserAndItsPassword()
    {
        await EnsureAdminAsync(AdminEmail, AdminPassword);
        var first = Assert.Single(await UsersAsync());

        await EnsureAdminAsync(" ADMIN@acme.test", "Another-Password-1");

        var user = Assert.Single(await UsersAsync());
        Assert.Equal((first.Id, first.Email, first.PasswordHash), (user.Id, user.Email, user.PasswordHash));
        Assert.NotNull((await LoginAsync(AdminEmail, AdminPassword)).AccessToken);
        Assert.Equal([IdentityErrors.InvalidCredentialsCode], Codes(await LoginAsync(AdminEmail, "Another-Password-1")));
    }

    [Fact]
    public async Task EnsureAdmin_RunConcurrently_CreatesOneUser()
    {
        var hash = Passwords.HashPassword(AdminPassword);
        var tenant = App.Tenant(Acme);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            Service<IAdminAccountProvisioner>().EnsureAdminAsync(tenant, AdminEmail, hash, CancellationToken.None))));

        Assert.Single(await UsersAsync());
    }

    [Fact]
    public async Task EnsureAdmin_WritesIntoThatTenantsDatabaseOnly()
    {
        await EnsureAdminAsync(tenant: Acme);

        Assert.Single(await UsersAsync(Acme));
        Assert.Empty(await UsersAsync(Globex));
        Assert.Equal([IdentityErrors.InvalidCredentialsCode], Codes(await LoginAsync(tenant: Globex)));
    }
}
