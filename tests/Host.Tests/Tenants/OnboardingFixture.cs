using Inventory.TestKit;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Tenants;

/// <summary>
/// The host with two database servers: the run's PostgreSQL ("primary") and a second cluster started for
/// these tests ("secondary"), so placement, isolation per server and a server outage can be shown.
/// </summary>
public sealed class OnboardingFixture : IAsyncLifetime
{
    public const string Prefix = "onboarding_tests";

    public PostgresCluster Secondary { get; private set; } = null!;
    public InventoryApp App { get; private set; } = null!;

    public string PrimaryTemplate => new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Database = $"{Prefix}_{{tenant}}" }.ConnectionString;

    public async Task InitializeAsync()
    {
        Secondary = await PostgresCluster.StartAsync();
        await DropOnboardedDatabasesAsync(TestServices.PostgresConnectionString);
        App = new InventoryApp(new AppOptions
        {
            DatabasePrefix = Prefix,
            Settings = new()
            {
                ["Database:Servers:0:Name"] = "primary",
                ["Database:Servers:0:ConnectionTemplate"] = PrimaryTemplate,
                ["Database:Servers:0:Capacity"] = "100",
                ["Database:Servers:1:Name"] = "secondary",
                ["Database:Servers:1:ConnectionTemplate"] = Secondary.ConnectionString($"{Prefix}_{{tenant}}"),
                ["Database:Servers:1:Capacity"] = "100",
            },
        });
        await ((IAsyncLifetime)App).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Secondary.DisposeAsync();
    }

    // Tenants onboarded by an earlier run of these tests live on in the run's server: start from none.
    private static async Task DropOnboardedDatabasesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}_%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                names.Add(reader.GetString(0));
        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
