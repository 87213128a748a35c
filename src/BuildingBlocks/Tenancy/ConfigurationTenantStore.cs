using Inventory.BuildingBlocks.Persistence;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Tenancy;

internal sealed class ConfigurationTenantStore : ITenantSource
{
    private readonly Dictionary<string, TenantInfo> _tenants;

    public ConfigurationTenantStore(IOptions<TenancyOptions> tenancy, IOptions<DatabaseOptions> database)
    {
        _tenants = tenancy.Value.Tenants
            .Where(t => !string.IsNullOrWhiteSpace(t.Id))
            .Select(t => new TenantInfo(
                t.Id,
                t.Name ?? t.Id,
                t.ConnectionString ?? database.Value.ConnectionStringFor(t.Id)))
            .ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    public ValueTask<TenantInfo?> FindAsync(string tenantId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_tenants.GetValueOrDefault(tenantId));

    public ValueTask<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TenantInfo>>([.. _tenants.Values]);
}
