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

/// <summary>Brings the configured tenants' databases up to date before the host serves requests.</summary>
internal sealed class TenantDatabaseInitializer(ITenantStore tenants, TenantDatabaseMigrator migrator, IOptions<StartupOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateTenants)
            return;
        foreach (var tenant in await tenants.ListActiveAsync(cancellationToken))
        {
            await migrator.MigrateAsync(tenant, cancellationToken);
            if (options.Value.SeedDemoData)
                await migrator.SeedAsync(tenant, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
