using Inventory.BuildingBlocks.Persistence;
using Inventory.Tenants.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants.Provisioning;

/// <summary>
/// Chooses the database server of a new tenant: the one holding the fewest tenants, among those below their
/// capacity (ties go to the server listed first). This is how the platform grows past one database machine.
/// </summary>
internal sealed class PlacementPolicy(SystemDbContextFactory<RegistryDbContext> registry, IOptions<DatabaseOptions> database)
{
    public async Task<DatabaseServer?> ChooseAsync(CancellationToken cancellationToken)
    {
        await using var db = registry.Create();
        var counts = await db.Tenants.AsNoTracking()
            .Where(t => t.ServerName != null)
            .GroupBy(t => t.ServerName!)
            .Select(g => new { Server = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Server, x => x.Count, cancellationToken);

        return database.Value.EffectiveServers()
            .Select((server, index) => (server, index, count: counts.GetValueOrDefault(server.Name)))
            .Where(x => x.count < x.server.Capacity)
            .OrderBy(x => x.count).ThenBy(x => x.index)
            .Select(x => x.server)
            .FirstOrDefault();
    }
}
