using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.Domain;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Seeding;

/// <summary>Every tenant starts with one warehouse, MAIN, so stock can be received on day one. Idempotent.</summary>
internal sealed class StockDefaultsSeeder(TimeProvider time) : ITenantSeeder
{
    public async Task SeedAsync(TenantInfo tenant, IServiceProvider tenantServices, CancellationToken cancellationToken)
    {
        await using var db = tenantServices.GetRequiredService<ModuleDbContextFactory<StockDbContext>>().Create();
        if (await db.Warehouses.AnyAsync(w => w.Code == Warehouse.DefaultCode, cancellationToken))
            return;
        db.Warehouses.Add(Warehouse.Create(Warehouse.DefaultCode, "Main warehouse", time.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Seeded concurrently by another host resuming the same provisioning: MAIN exists, as wanted.
        }
    }
}
