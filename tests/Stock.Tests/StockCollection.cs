using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.Tests.Infrastructure;
using Inventory.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

// Tests share one host per database and reset its tenant between tests: they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Inventory.Stock.Tests;

/// <summary>What a stock test needs of a host, whatever database it runs on.</summary>
internal interface IStockHost
{
    /// <summary>PostgreSQL or SQLite, for the messages of a failing test.</summary>
    string Database { get; }

    string Tenant { get; }

    IServiceProvider Services { get; }

    BatchGate Gate { get; }

    /// <summary>A DI scope of the tenant, as one GraphQL request or one consumed message would have.</summary>
    AsyncServiceScope TenantScope();

    /// <summary>Empties the tenant's stock tables (every test starts with no products, warehouses or stock).</summary>
    Task ResetAsync();
}

/// <summary>The host on PostgreSQL through the TestKit (the in-memory bus), its stock engine behind a <see cref="BatchGate"/>.</summary>
public sealed class PostgresStockFixture : InventoryAppFixture, IStockHost
{
    public PostgresStockFixture() : this(new BatchGate()) { }

    private PostgresStockFixture(BatchGate gate) : base(new AppOptions { DatabasePrefix = "stock_tests", Services = gate.AddTo }) => Gate = gate;

    internal BatchGate Gate { get; }

    string IStockHost.Database => "PostgreSQL";
    string IStockHost.Tenant => App.Tenants[0];
    IServiceProvider IStockHost.Services => App.Services;
    BatchGate IStockHost.Gate => Gate;
    AsyncServiceScope IStockHost.TenantScope() => App.TenantScope(App.Tenants[0]);
    Task IStockHost.ResetAsync() => App.ResetAsync();
}

/// <summary>
/// The embedded default: a SQLite file per tenant in a folder of its own, the configured <c>demo</c> tenant (not
/// seeded with demo data), the in-memory bus; its stock engine behind a <see cref="BatchGate"/>.
/// </summary>
public sealed class SqliteStockFixture : IAsyncLifetime, IStockHost
{
    private const string DemoTenant = "demo";
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("inventory-stock-tests-").FullName;
    private readonly WebApplicationFactory<Program> _factory;

    public SqliteStockFixture()
    {
        var gate = new BatchGate();
        Gate = gate;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:DataFolder", _dataFolder);
            b.UseSetting("Startup:SeedDemoData", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Authentication:Jwt:SigningKey", TestTokens.SigningKey);
            b.ConfigureTestServices(gate.AddTo);
        });
    }

    internal BatchGate Gate { get; }

    string IStockHost.Database => "SQLite";
    string IStockHost.Tenant => DemoTenant;
    IServiceProvider IStockHost.Services => _factory.Services;
    BatchGate IStockHost.Gate => Gate;

    AsyncServiceScope IStockHost.TenantScope() => _factory.Services.GetRequiredService<ITenantScopeFactory>().CreateScope(TenantInfo());

    async Task IStockHost.ResetAsync()
    {
        // A connection of its own, outside the host's pool: foreign keys off for this connection only, so the
        // tables empty in any order.
        var builder = new SqliteConnectionStringBuilder(TenantInfo().ConnectionString) { Pooling = false };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA foreign_keys = OFF";
            await pragma.ExecuteNonQueryAsync();
        }
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'stock\\_%' ESCAPE '\\' AND name NOT LIKE '%migrations_history'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        foreach (var table in tables)
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM \"{table}\"";
            await delete.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    private TenantInfo TenantInfo() =>
        _factory.Services.GetRequiredService<ITenantStore>().FindAsync(DemoTenant).AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException($"The embedded host has no tenant '{DemoTenant}'.");

    public async Task InitializeAsync()
    {
        using var http = _factory.CreateClient(); // starts the host: the tenant's file is created and migrated first
        await Eventually.WaitAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(90), "the SQLite host to be ready");
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataFolder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresStockCollection : ICollectionFixture<PostgresStockFixture>
{
    public const string Name = "stock on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class SqliteStockCollection : ICollectionFixture<SqliteStockFixture>
{
    public const string Name = "stock on SQLite";
}
