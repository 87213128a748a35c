using Inventory.BuildingBlocks.Tenancy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Persistence;

public sealed class StartupOptions
{
    public const string Section = "Startup";

    /// <summary>Apply every module's migrations to every configured tenant database at start.</summary>
    public bool MigrateTenants { get; set; } = true;

    /// <summary>Run the seeders (demo products...) after migrating.</summary>
    public bool SeedDemoData { get; set; } = true;
}

/// <summary>
/// Brings the system database, then every active tenant's database, up to date before the host serves
/// requests (a deployment with new migrations applies them here). Configured tenants get their defaults
/// and, on the embedded default, demo data.
/// </summary>
internal sealed class TenantDatabaseInitializer(
    IEnumerable<ISystemDatabase> systemDatabases,
    ITenantStore tenants,
    IEnumerable<ITenantSource> sources,
    TenantDatabaseMigrator migrator,
    IOptions<StartupOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var system in systemDatabases)
            await system.MigrateAsync(cancellationToken);
        if (!options.Value.MigrateTenants)
            return;

        var configured = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tenant in await sources.OfType<ConfigurationTenantStore>().Single().ListAsync(cancellationToken))
            configured.Add(tenant.Id);

        foreach (var tenant in await tenants.ListActiveAsync(cancellationToken))
        {
            await migrator.MigrateAsync(tenant, cancellationToken);
            if (!configured.Contains(tenant.Id))
                continue;
            await migrator.SeedAsync(tenant, cancellationToken);
            if (options.Value.SeedDemoData)
                await migrator.SeedDemoDataAsync(tenant, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
