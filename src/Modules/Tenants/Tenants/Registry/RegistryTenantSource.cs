using System.Collections.Concurrent;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants.Registry;

/// <summary>
/// Tenants from the registry, cached: every request resolves its tenant, so lookups must not cost a query.
/// This host drops an entry as soon as it changes the tenant; other hosts see a change within <see cref="Ttl"/>.
/// </summary>
internal sealed class RegistryTenantSource(SystemDbContextFactory<RegistryDbContext> registry, IOptions<DatabaseOptions> database, TimeProvider time) : ITenantSource
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (TenantInfo? Tenant, DateTime At)> _bySlug = new(StringComparer.Ordinal);

    public async ValueTask<TenantInfo?> FindAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_bySlug.TryGetValue(tenantId, out var cached) && now - cached.At < Ttl)
            return cached.Tenant;

        await using var db = registry.Create();
        var record = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == tenantId, cancellationToken);
        var tenant = record is null ? null : ToInfo(record);
        _bySlug[tenantId] = (tenant, now);
        return tenant;
    }

    public async ValueTask<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = registry.Create();
        var records = await db.Tenants.AsNoTracking().Where(t => t.DatabaseName != null).ToListAsync(cancellationToken);
        return [.. records.Select(ToInfo).OfType<TenantInfo>()];
    }

    public void Invalidate(string slug) => _bySlug.TryRemove(slug, out _);

    private TenantInfo? ToInfo(TenantRecord record)
    {
        // Until a server is chosen the tenant has no database: it is known (its slug is taken) but not servable.
        var server = record.ServerName is null ? null : database.Value.EffectiveServers().FirstOrDefault(s => s.Name == record.ServerName);
        var connection = server is null ? "" : DatabaseOptions.FillTemplate(server.ConnectionTemplate, record.Slug);
        return new TenantInfo(record.Slug, record.Name, connection, record.Status);
    }
}
