namespace Inventory.BuildingBlocks.Tenancy;

/// <summary>Where tenants are looked up. The configuration store serves until the Tenants registry replaces it.</summary>
public interface ITenantStore
{
    /// <summary>The tenant by id, whatever its status; null when unknown.</summary>
    ValueTask<TenantInfo?> FindAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Tenants whose databases are ready: the ones that jobs and the outbox sweep iterate.</summary>
    ValueTask<IReadOnlyList<TenantInfo>> ListActiveAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// One source of tenants: the configuration (static tenants, such as the embedded default's demo tenant) or the
/// Tenants module's registry. The platform's <see cref="ITenantStore"/> asks every source.
/// </summary>
public interface ITenantSource
{
    ValueTask<TenantInfo?> FindAsync(string tenantId, CancellationToken cancellationToken);
    ValueTask<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken);
}

internal sealed class CompositeTenantStore(IEnumerable<ITenantSource> sources) : ITenantStore
{
    public async ValueTask<TenantInfo?> FindAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        foreach (var source in sources)
            if (await source.FindAsync(tenantId, cancellationToken) is { } tenant)
                return tenant;
        return null;
    }

    public async ValueTask<IReadOnlyList<TenantInfo>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        var all = new Dictionary<string, TenantInfo>(StringComparer.Ordinal);
        foreach (var source in sources)
            foreach (var tenant in await source.ListAsync(cancellationToken))
                if (tenant.Status == TenantStatus.Active)
                    all.TryAdd(tenant.Id, tenant);
        return [.. all.Values];
    }
}
