using Inventory.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Persistence;

/// <summary>
/// A module's tables in the one system database (the tenant registry, placement), beside the per-tenant
/// databases. Migrated at start-up before any tenant database.
/// </summary>
public interface ISystemDatabase
{
    string Schema { get; }
    Type ContextType { get; }
    ModuleDbContext Create();
    ModuleDbContext CreateFor(DatabaseProvider provider, string connectionString);
    Task MigrateAsync(CancellationToken cancellationToken);
}

/// <summary>Opens the module's context on the system database.</summary>
public sealed class SystemDbContextFactory<TContext>(IEnumerable<ISystemDatabase> databases) where TContext : ModuleDbContext
{
    private readonly ISystemDatabase _database = databases.Single(d => d.ContextType == typeof(TContext));

    public TContext Create() => (TContext)_database.Create();
}

internal sealed class SystemDatabase<TContext, TSqlite, TPostgres, TSqlServer>(
    string schema,
    IOptions<DatabaseOptions> options,
    IReadOnlyList<IInterceptor> interceptors,
    ILoggerFactory loggerFactory) : ISystemDatabase
    where TContext : ModuleDbContext
    where TSqlite : TContext
    where TPostgres : TContext
    where TSqlServer : TContext
{
    public const string SystemTenantId = "system";

    private readonly ModuleDatabase<TContext, TSqlite, TPostgres, TSqlServer> _database = new(schema, options, interceptors, loggerFactory);

    public string Schema => schema;
    public Type ContextType => typeof(TContext);

    public ModuleDbContext Create() =>
        _database.CreateContext(new TenantInfo(SystemTenantId, "System", options.Value.SystemConnection()));

    public ModuleDbContext CreateFor(DatabaseProvider provider, string connectionString) =>
        _database.CreateFor(provider, connectionString, SystemTenantId);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider == DatabaseProvider.Sqlite)
            await TenantDatabaseMigrator.PrepareSqliteFileAsync(options.Value.SystemConnection(), cancellationToken);
        await using var context = Create();
        await context.Database.MigrateAsync(cancellationToken);
    }
}
