using Inventory.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Inventory.Host.Tests.Tenants;

/// <summary>Onboarding on the embedded default: the registry in data/system.db, each tenant in its own SQLite file.</summary>
public sealed class EmbeddedOnboardingTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("inventory-onboard-").FullName;

    [Fact]
    public async Task EmbeddedDefault_OnboardsATenantIntoItsOwnSqliteFile()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:DataFolder", _dataFolder);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Authentication:Jwt:SigningKey", TestTokens.SigningKey);
        });
        var client = new GraphQLClient(factory.CreateClient());

        var onboarded = await client.QueryAsync("""
            mutation { onboardTenant(input: { slug: "sqlite-co", name: "SQLite Co", adminEmail: "owner@sqlite.test", adminPassword: "Str0ng-enough!" }) {
              tenant { status } userErrors { code } } }
            """);
        Assert.Equal("PROVISIONING", onboarded["onboardTenant"]!["tenant"]!["status"]!.GetValue<string>());
        await Eventually.WaitAsync(async () =>
            (await client.QueryAsync("""{ tenant(slug: "sqlite-co") { status } }"""))["tenant"]!["status"]!.GetValue<string>() == "ACTIVE",
            TimeSpan.FromSeconds(60), "the tenant to be active");

        Assert.True(File.Exists(Path.Combine(_dataFolder, "tenants", "sqlite_co.db")));
        Assert.True(File.Exists(Path.Combine(_dataFolder, "system.db")));
        // The administrator named at onboarding signs in with the password given there.
        var login = await client.QueryAsync("""
            mutation { login(input: { tenant: "sqlite-co", email: "owner@sqlite.test", password: "Str0ng-enough!" }) { accessToken userErrors { code } } }
            """);
        var tenantClient = new GraphQLClient(factory.CreateClient(), null, login["login"]!["accessToken"]!.GetValue<string>());
        Assert.Equal(0, (await tenantClient.QueryAsync("{ products { totalCount } }"))["products"]!["totalCount"]!.GetValue<int>());
        var created = await tenantClient.QueryAsync("""mutation { createProduct(input: { sku: "FIRST", name: "First" }) { product { sku } userErrors { code } } }""");
        Assert.Equal("FIRST", created["createProduct"]!["product"]!["sku"]!.GetValue<string>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataFolder, recursive: true);
    }
}
