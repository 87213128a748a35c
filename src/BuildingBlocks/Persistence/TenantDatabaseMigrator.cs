using Inventory.BuildingBlocks.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Persistence;

/// <summary>Applies every module's migrations to one tenant database, then runs the seeders.</summary>
public sealed class TenantDatabaseMigrator(
    IEnumerable<IModuleDatabase> databases,
    ITenantScopeFactory tenantScopes,
    IOptions<DatabaseOptions> options,
    ILogger<TenantDatabaseMigrator> logger)
{
    public async Task MigrateAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        if (options.Value.Provider == DatabaseProvider.Sqlite)
            await PrepareSqliteFileAsync(tenant.ConnectionString, cancellationToken);

        // Sequential on purpose: on PostgreSQL the first migration also creates the database.
        foreach (var database in databases)
        {
            await using var context = database.Create(tenant);
            await context.Database.MigrateAsync(cancellationToken);
        }
        logger.LogInformation("Migrated {ModuleCount} module schemas for tenant {TenantId}", databases.Count(), tenant.Id);
    }

    /// <summary>Every module's defaults for a tenant (idempotent: a seeder adds only what is missing).</summary>
    public async Task SeedAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        await using var scope = tenantScopes.CreateScope(tenant);
        foreach (var seeder in scope.ServiceProvider.GetServices<ITenantSeeder>())
            await seeder.SeedAsync(tenant, scope.ServiceProvider, cancellationToken);
    }

    /// <summary>Demo data, for the configured tenants of the embedded default only.</summary>
    public async Task SeedDemoDataAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        await using var scope = tenantScopes.CreateScope(tenant);
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoDataSeeder>())
            await seeder.SeedAsync(tenant, scope.ServiceProvider, cancellationToken);
    }

    public static async Task PrepareSqliteFileAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
            PrivateFiles.PrepareSqliteDatabase(Path.GetFullPath(file));
        // WAL lets readers go on while a writer commits; it is a property of the file, set once.
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
