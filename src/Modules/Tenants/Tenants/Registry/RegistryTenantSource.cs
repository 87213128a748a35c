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
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    public async ValueTask<TenantInfo?> FindAsync(string tenantId, CancellationToken cancellationToken)
    {
        // Only well-formed slugs reach the database, and misses are not cached: names sent by anyone cannot
        // grow the cache.
        if (!TenantSlugs.IsWellFormed(tenantId))
            return null;
        var now = time.GetUtcNow().UtcDateTime;
        if (_bySlug.TryGetValue(tenantId, out var cached) && now - cached.At < Ttl)
            return cached.Tenant;

        var generation = _generations.GetValueOrDefault(tenantId);
        await using var db = registry.Create();
        var record = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == tenantId, cancellationToken);
        if (record is null)
            return null;
        var tenant = ToInfo(record);
        // A lookup that raced with a change (Invalidate) must not put the old state back into the cache.
        if (_generations.GetValueOrDefault(tenantId) == generation)
            _bySlug[tenantId] = (tenant, now);
        return tenant;
    }

    public async ValueTask<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = registry.Create();
        var records = await db.Tenants.AsNoTracking().Where(t => t.DatabaseName != null).ToListAsync(cancellationToken);
        return [.. records.Select(ToInfo)];
    }

    public void Invalidate(string slug)
    {
        _generations.AddOrUpdate(slug, 1, (_, generation) => generation + 1);
        _bySlug.TryRemove(slug, out _);
    }

    private TenantInfo ToInfo(TenantRecord record)
    {
        // Until a server is chosen the tenant has no database: it is known (its slug is taken) but not servable.
        // A server missing from the configuration makes the tenant unservable too, never an empty connection.
        var server = record.ServerName is null ? null : database.Value.EffectiveServers().FirstOrDefault(s => s.Name == record.ServerName);
        if (server is null)
            return new TenantInfo(record.Slug, record.Name, "", record.Status == TenantStatus.Active ? TenantStatus.Failed : record.Status);
        return new TenantInfo(record.Slug, record.Name, DatabaseOptions.FillTemplate(server.ConnectionTemplate, record.Slug), record.Status);
    }
}
