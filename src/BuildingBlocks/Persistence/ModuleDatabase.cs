using System.Collections.Concurrent;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
    private readonly ConcurrentDictionary<string, DbContextOptions> _optionsByTenant = new();

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
        var provider = options.Value.Provider;
        var contextOptions = _optionsByTenant.GetOrAdd(
            tenant.Id + "\n" + tenant.ConnectionString,
            _ => ModuleDbOptions.Build(ContextTypeFor(provider), provider, tenant.ConnectionString, schema, interceptors, loggerFactory));
        return Instantiate(provider, contextOptions, tenant.Id);
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
