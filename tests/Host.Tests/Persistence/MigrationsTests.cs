using Inventory.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inventory.Host.Tests.Persistence;

/// <summary>
/// Every module keeps migrations for the three providers. These tests need no server: they compare each
/// provider's model with its migrations, and generate the SQL Server script (no SQL Server runs here).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MigrationsTests(HostFixture fixture)
{
    public static TheoryData<string, DatabaseProvider> ModuleDatabases()
    {
        var data = new TheoryData<string, DatabaseProvider>();
        foreach (var schema in new[] { "catalog", "stock", "orders", "identity", "tenants" })
            foreach (var provider in Enum.GetValues<DatabaseProvider>())
                data.Add(schema, provider);
        return data;
    }

    // Tenant databases and the system database alike.
    private Func<DatabaseProvider, string, ModuleDbContext> Database(string schema)
    {
        if (fixture.App.Services.GetServices<IModuleDatabase>().SingleOrDefault(d => d.Schema == schema) is { } tenantDatabase)
            return (provider, connection) => tenantDatabase.CreateFor(provider, connection, "design");
        var system = fixture.App.Services.GetServices<ISystemDatabase>().Single(d => d.Schema == schema);
        return (provider, connection) => system.CreateFor(provider, connection);
    }

    [Fact]
    public void EveryRegisteredModuleDatabase_IsCoveredByTheseTests()
    {
        var registered = fixture.App.Services.GetServices<IModuleDatabase>().Select(d => d.Schema)
            .Concat(fixture.App.Services.GetServices<ISystemDatabase>().Select(d => d.Schema)).Order().ToArray();
        var covered = ModuleDatabases().Select(row => (string)row[0]).Distinct().Order().ToArray();
        Assert.Equal(registered, covered);
    }

    [Theory]
    [MemberData(nameof(ModuleDatabases))]
    public void Model_MatchesItsMigrations(string schema, DatabaseProvider provider)
    {
        using var context = Database(schema)(provider, ConnectionString(provider));

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(),
            $"The {schema} model differs from its {provider} migrations: run `bash scripts/add-migration.sh <Module> <Name>`.");
    }

    [Theory]
    [MemberData(nameof(ModuleDatabases))]
    public void MigrationScript_IsGenerated_WithTheModuleSchemaAndItsOwnHistoryTable(string schema, DatabaseProvider provider)
    {
        using var context = Database(schema)(provider, ConnectionString(provider));

        var script = context.GetService<IMigrator>().GenerateScript(options: provider == DatabaseProvider.Sqlite
            ? MigrationsSqlGenerationOptions.Default // SQLite cannot make idempotent scripts
            : MigrationsSqlGenerationOptions.Idempotent);

        var (table, history) = provider switch
        {
            DatabaseProvider.SqlServer => ($"CREATE TABLE [{schema}].[outbox_messages]", $"[{schema}].[__ef_migrations_history]"),
            DatabaseProvider.PostgreSql => ($"CREATE TABLE {schema}.outbox_messages", $"{schema}.__ef_migrations_history"),
            _ => ($"CREATE TABLE \"{schema}_outbox_messages\"", $"__ef_migrations_{schema}"),
        };
        Assert.Contains(table, script);
        Assert.Contains(history, script);
    }

    private static string ConnectionString(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=:memory:",
        DatabaseProvider.PostgreSql => "Host=127.0.0.1;Database=design",
        _ => "Server=localhost;Database=design;TrustServerCertificate=True",
    };
}
