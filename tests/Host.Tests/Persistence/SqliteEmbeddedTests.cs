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

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task EveryFileThePlatformCreates_IsReadableByItsOwnerOnly()
    {
        // The usual umask (022) for the run: under a strict one (077) every file would be private whatever the code
        // does, and the test would prove nothing. The umask is the process's; it is restored at the end.
        var previous = umask(0b000_010_010); // 022
        try
        {
            var probe = Path.Combine(_dataFolder, "probe");
            File.WriteAllText(probe, "");
            Assert.True((File.GetUnixFileMode(probe) & UnixFileMode.OtherRead) != 0, "a file created without a mode is world-readable under this umask");
            await FilesAreOwnerOnlyAsync();
        }
        finally
        {
            umask(previous);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern uint umask(uint mask);

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private async Task FilesAreOwnerOnlyAsync()
    {
        // A folder the platform creates itself (the temporary folder above it is the test's).
        var data = Path.Combine(_dataFolder, "data");
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:DataFolder", data);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        var anonymous = new GraphQLClient(factory.CreateClient()); // starts the host: system and demo databases, signing key, demo password
        // A tenant onboarded while the host runs gets its database file the same way.
        var onboard = await anonymous.QueryAsync("""
            mutation { onboardTenant(input: { slug: "modes", name: "Modes Ltd", adminEmail: "a@modes.test", adminPassword: "Str0ng-enough!" }) { userErrors { code } } }
            """);
        Assert.Empty(onboard["onboardTenant"]!["userErrors"]!.AsArray());
        await Eventually.WaitAsync(async () =>
            (await anonymous.QueryAsync("""{ tenant(slug: "modes") { status } }"""))["tenant"]?["status"]?.GetValue<string>() == "ACTIVE",
            what: "the onboarded tenant to be active");
        // A write, so that the write-ahead log and shared-memory files exist.
        var credentials = File.ReadAllLines(Path.Combine(data, "demo-admin.txt")).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
        var token = (await anonymous.QueryAsync(
            "mutation($input: LoginInput!) { login(input: $input) { accessToken } }",
            new { input = new { tenant = "demo", email = credentials["email"], password = credentials["password"] } }))["login"]!["accessToken"]!.GetValue<string>();
        await new GraphQLClient(factory.CreateClient(), null, token).QueryAsync("""mutation { createProduct(input: { sku: "MODE-1", name: "Mode" }) { product { id } } }""");

        var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
        foreach (var expected in new[] { "system.db", "system.db-wal", "demo-admin.txt", "jwt-signing.key", Path.Combine("tenants", "demo.db"), Path.Combine("tenants", "demo.db-wal"), Path.Combine("tenants", "demo.db-shm"), Path.Combine("tenants", "modes.db") })
            Assert.Contains(Path.Combine(data, expected), files);
        var groupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        Assert.All(files, file => Assert.True((File.GetUnixFileMode(file) & groupOrOther) == 0, $"{file} is {File.GetUnixFileMode(file)}"));
        foreach (var folder in Directory.GetDirectories(data, "*", SearchOption.AllDirectories).Append(data))
            Assert.True(File.GetUnixFileMode(folder) == (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), $"{folder} is {File.GetUnixFileMode(folder)}");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataFolder, recursive: true);
    }
}
