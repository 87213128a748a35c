using Inventory.BuildingBlocks.Tenancy;

namespace Inventory.BuildingBlocks.Persistence;

/// <summary>
/// Opens the module's DbContext on the current tenant's database. Resolvers run in parallel, so each
/// call gets its own short-lived context instead of sharing one scoped instance.
/// </summary>
public sealed class ModuleDbContextFactory<TContext>(ITenantContext tenant, IEnumerable<IModuleDatabase> databases)
    where TContext : ModuleDbContext
{
    private readonly IModuleDatabase _database = databases.Single(d => d.ContextType == typeof(TContext));

    public TContext Create() => (TContext)_database.Create(tenant.Tenant);
}
