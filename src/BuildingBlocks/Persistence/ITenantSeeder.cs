using Inventory.BuildingBlocks.Tenancy;

namespace Inventory.BuildingBlocks.Persistence;

/// <summary>A module's data for a new tenant database; runs in a tenant scope after every migration is applied.</summary>
public interface ITenantSeeder
{
    Task SeedAsync(TenantInfo tenant, IServiceProvider tenantServices, CancellationToken cancellationToken);
}

/// <summary>Sample data a newcomer sees on the embedded default; never seeded into onboarded tenants.</summary>
public interface IDemoDataSeeder
{
    Task SeedAsync(TenantInfo tenant, IServiceProvider tenantServices, CancellationToken cancellationToken);
}
