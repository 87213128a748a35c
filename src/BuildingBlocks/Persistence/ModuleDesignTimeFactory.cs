using Microsoft.EntityFrameworkCore.Design;

namespace Inventory.BuildingBlocks.Persistence;

/// <summary>
/// Base of the design-time factories `dotnet ef` uses to create a module's migrations for one provider;
/// no database is needed. A module declares one sealed subclass per provider.
/// </summary>
public abstract class ModuleDesignTimeFactory<TContext>(DatabaseProvider provider, string schema) : IDesignTimeDbContextFactory<TContext>
    where TContext : ModuleDbContext
{
    public TContext CreateDbContext(string[] args) =>
        (TContext)Activator.CreateInstance(typeof(TContext), ModuleDbOptions.ForDesignTime<TContext>(provider, schema))!;
}
