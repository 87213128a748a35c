namespace Inventory.BuildingBlocks.Tenancy;

/// <summary>
/// Scoped holder of the tenant. It is set once, before anything tenant-bound is resolved in the scope
/// (by the GraphQL endpoint, the consume filter or <see cref="ITenantScopeFactory"/>), and cannot be
/// switched to another tenant afterwards: a scope that served tenant A never serves tenant B.
/// </summary>
internal sealed class TenantContext : ITenantContext
{
    public TenantInfo? Current { get; private set; }

    public void Set(TenantInfo tenant)
    {
        if (Current is not null && Current.Id != tenant.Id)
            throw new InvalidOperationException($"This scope already belongs to tenant '{Current.Id}'.");
        Current = tenant;
    }
}
