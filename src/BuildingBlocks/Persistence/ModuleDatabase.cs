using System.Collections.Concurrent;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Persistence;

/// <summary>
/// Everything the platform knows about one module's database: its schema, and the DbContext class per
/// provider. Each provider has its own subclass so that each keeps its own migrations in one assembly.
/// </summary>
public interface IModuleDatabase
{
    string Schema { get; }
    Type ContextType { get; }
    Type ContextTypeFor(DatabaseProvider provider);
    ModuleDbContext Create(TenantInfo tenant);
    ModuleDbContext CreateFor(DatabaseProvider provider, string connectionString, string tenantId);
}

internal sealed class ModuleDatabase<TContext, TSqlite, TPostgres, TSqlServer>(
    string schema,
    IOptions<DatabaseOptions> options,
    IReadOnlyList<IInterceptor> interceptors,
    ILoggerFactory loggerFactory) : IModuleDatabase
    where TContext : ModuleDbContext
    where TSqlite : TContext
    where TPostgres : TContext
    where TSqlServer : TContext
{
    // One pool of contexts per tenant database: a context is reset and reused instead of built per resolver.
    private readonly ConcurrentDictionary<string, Func<TContext>> _poolByTenant = new();
    private const int PoolSizePerTenant = 256;

    public string Schema => schema;
    public Type ContextType => typeof(TContext);

    public Type ContextTypeFor(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => typeof(TSqlite),
        DatabaseProvider.PostgreSql => typeof(TPostgres),
        DatabaseProvider.SqlServer => typeof(TSqlServer),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public ModuleDbContext Create(TenantInfo tenant) => CreateContext(tenant);

    public TContext CreateContext(TenantInfo tenant)
    {
        var rent = _poolByTenant.GetOrAdd(tenant.Id + "\n" + tenant.ConnectionString, _ => CreatePool(tenant.ConnectionString));
        var context = rent();
        context.TenantId = tenant.Id;
        return context;
    }

    private Func<TContext> CreatePool(string connectionString)
    {
        var provider = options.Value.Provider;
        var contextOptions = ModuleDbOptions.Build(ContextTypeFor(provider), provider, connectionString, schema, interceptors, loggerFactory);
        return provider switch
        {
            DatabaseProvider.Sqlite => Pool<TSqlite>(contextOptions),
            DatabaseProvider.PostgreSql => Pool<TPostgres>(contextOptions),
            _ => Pool<TSqlServer>(contextOptions),
        };
    }

    private static Func<TContext> Pool<TImplementation>(DbContextOptions contextOptions) where TImplementation : TContext
    {
        var pool = new PooledDbContextFactory<TImplementation>((DbContextOptions<TImplementation>)contextOptions, PoolSizePerTenant);
        return () => pool.CreateDbContext();
    }

    public ModuleDbContext CreateFor(DatabaseProvider provider, string connectionString, string tenantId) =>
        Instantiate(provider, ModuleDbOptions.Build(ContextTypeFor(provider), provider, connectionString, schema, interceptors, loggerFactory), tenantId);

    private TContext Instantiate(DatabaseProvider provider, DbContextOptions contextOptions, string tenantId)
    {
        var context = (TContext)Activator.CreateInstance(ContextTypeFor(provider), contextOptions)!;
        context.TenantId = tenantId;
        return context;
    }
}
