using Inventory.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Inventory.Host.Tests.Persistence;

/// <summary>The embedded default a newcomer gets from `dotnet run`: SQLite files, the in-memory bus, the seeded demo tenant.</summary>
public sealed class SqliteEmbeddedTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("inventory-sqlite-").FullName;

    [Fact]
    public async Task EmbeddedDefault_SeedsTheDemoTenant_AndDeliversCatalogEventsToStock()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:DataFolder", _dataFolder);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Authentication:Jwt:SigningKey", TestTokens.SigningKey);
        });
        // As a newcomer: the demo administrator's password is in the data folder; sign in with it.
        var anonymous = new GraphQLClient(factory.CreateClient()); // starts the host, which seeds the demo tenant
        var credentials = File.ReadAllLines(Path.Combine(_dataFolder, "demo-admin.txt"))
            .Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
        var login = await anonymous.QueryAsync(
            "mutation($input: LoginInput!) { login(input: $input) { accessToken userErrors { code } } }",
            new { input = new { tenant = "demo", email = credentials["email"], password = credentials["password"] } });
        var token = login["login"]!["accessToken"]!.GetValue<string>();
        var client = new GraphQLClient(factory.CreateClient(), null, token);

        var products = await client.QueryAsync("{ products(first: 10) { totalCount nodes { sku } } }");
        Assert.Equal(5, products["products"]!["totalCount"]!.GetValue<int>());
        Assert.True(File.Exists(Path.Combine(_dataFolder, "tenants", "demo.db")));

        await client.QueryAsync("""mutation { createProduct(input: { sku: "EMB-1", name: "Embedded" }) { product { id } } }""");
        await Eventually.WaitAsync(async () =>
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataFolder, "tenants", "demo.db")}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM stock_products";
            return Convert.ToInt32(await command.ExecuteScalarAsync()) == 6;
        }, what: "Stock to know the five demo products and EMB-1");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataFolder, recursive: true);
    }
}
