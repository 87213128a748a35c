namespace Inventory.BuildingBlocks.Tenancy;

/// <summary>Where tenants are looked up. The configuration store serves until the Tenants registry replaces it.</summary>
public interface ITenantStore
{
    ValueTask<TenantInfo?> FindAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Tenants whose databases are ready: the ones that jobs and the outbox sweep iterate.</summary>
    ValueTask<IReadOnlyList<TenantInfo>> ListActiveAsync(CancellationToken cancellationToken = default);
}
