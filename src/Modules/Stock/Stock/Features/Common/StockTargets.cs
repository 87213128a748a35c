using Inventory.BuildingBlocks.GraphQL;
using Inventory.Stock.Domain;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Common;

/// <summary>A SKU in a warehouse named by a write, and the field of the input that named it.</summary>
internal sealed record TargetRequest(string Sku, string WarehouseCode, string Field);

/// <summary>A resolved target: the product, the warehouse, and the level (created empty when the write may create it).</summary>
internal sealed record Target(StockProduct Product, Warehouse Warehouse, Guid? LevelId);

internal enum TargetUse
{
    /// <summary>Stock comes in (receive, positive counts): the product must be active and the warehouse active; the level is created.</summary>
    Inbound,
    /// <summary>Stock is promised (reserve, transfer out): the product must be active, the warehouse active, the level must exist.</summary>
    Outbound,
    /// <summary>Corrections of what is there (adjust, set, move, configure): any known product and warehouse; the level is created.</summary>
    Correction,
    /// <summary>Changes that can only take from a level (negative adjustments, moves, counts from a quantity): a missing level is not created.</summary>
    Existing,
}

/// <summary>
/// Resolves the SKUs and warehouses a write names, in two queries whatever the number of lines, and makes sure
/// the levels it will change exist. A level is created empty in its own short transaction, before the write's:
/// an empty level changes no quantity, and creating it there keeps the write itself to guarded UPDATEs.
/// </summary>
internal static class StockTargets
{
    public static async Task<(IReadOnlyList<Target> Targets, IReadOnlyList<UserError> Errors)> ResolveAsync(
        Func<StockDbContext> open, IReadOnlyList<TargetRequest> requests, TargetUse use, DateTime now, CancellationToken cancellationToken)
    {
        var skuKeys = requests.Select(r => StockProduct.KeyOf(r.Sku)).Distinct().ToList();
        var codes = requests.Select(r => WarehouseRules.Normalize(r.WarehouseCode)).Distinct().ToList();
        List<StockProduct> products;
        List<Warehouse> warehouses;
        await using (var db = open())
        {
            products = await db.Products.AsNoTracking().Where(p => skuKeys.Contains(p.SkuKey)).ToListAsync(cancellationToken);
            warehouses = await db.Warehouses.AsNoTracking().Where(w => codes.Contains(w.Code)).ToListAsync(cancellationToken);
        }

        var errors = new List<UserError>();
        var resolved = new List<(StockProduct Product, Warehouse Warehouse)>();
        foreach (var request in requests)
        {
            var product = products.FirstOrDefault(p => p.SkuKey == StockProduct.KeyOf(request.Sku));
            var warehouse = warehouses.FirstOrDefault(w => w.Code == WarehouseRules.Normalize(request.WarehouseCode));
            if (product is null)
                errors.Add(StockErrors.SkuUnknown(request.Sku.Trim(), $"{request.Field}.sku"));
            else if (product.Discontinued && use is TargetUse.Inbound or TargetUse.Outbound)
                errors.Add(StockErrors.Discontinued(product.Sku, $"{request.Field}.sku"));
            if (warehouse is null)
                errors.Add(StockErrors.WarehouseUnknown(WarehouseRules.Normalize(request.WarehouseCode), $"{request.Field}.warehouseCode"));
            else if (!warehouse.Active && use is TargetUse.Inbound or TargetUse.Outbound)
                errors.Add(StockErrors.Inactive(warehouse.Code, $"{request.Field}.warehouseCode"));
            if (product is not null && warehouse is not null)
                resolved.Add((product, warehouse));
        }
        if (errors.Count > 0)
            return ([], errors);

        var levels = await LevelIdsAsync(open, resolved, cancellationToken);
        if (use is TargetUse.Inbound or TargetUse.Correction)
        {
            foreach (var (product, warehouse) in resolved.Where(r => !levels.ContainsKey((r.Product.SkuKey, r.Warehouse.Id))).Distinct())
                levels[(product.SkuKey, warehouse.Id)] = await CreateLevelAsync(open, product, warehouse, now, cancellationToken);
        }
        var targets = resolved.Select(r => new Target(r.Product, r.Warehouse,
            levels.TryGetValue((r.Product.SkuKey, r.Warehouse.Id), out var id) ? id : null)).ToList();
        return (targets, []);
    }

    /// <summary>Makes sure the level exists; returns its id.</summary>
    public static async Task<Guid> EnsureLevelAsync(Func<StockDbContext> open, StockProduct product, Warehouse warehouse, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await LevelIdsAsync(open, [(product, warehouse)], cancellationToken);
        return existing.TryGetValue((product.SkuKey, warehouse.Id), out var id) ? id : await CreateLevelAsync(open, product, warehouse, now, cancellationToken);
    }

    private static async Task<Dictionary<(string, Guid), Guid>> LevelIdsAsync(
        Func<StockDbContext> open, IReadOnlyList<(StockProduct Product, Warehouse Warehouse)> pairs, CancellationToken cancellationToken)
    {
        var keys = pairs.Select(p => p.Product.SkuKey).Distinct().ToList();
        var warehouseIds = pairs.Select(p => p.Warehouse.Id).Distinct().ToList();
        await using var db = open();
        var rows = await db.Levels.AsNoTracking()
            .Where(l => keys.Contains(l.SkuKey) && warehouseIds.Contains(l.WarehouseId))
            .Select(l => new { l.SkuKey, l.WarehouseId, l.Id })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => (r.SkuKey, r.WarehouseId), r => r.Id);
    }

    private static async Task<Guid> CreateLevelAsync(Func<StockDbContext> open, StockProduct product, Warehouse warehouse, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = open();
        var level = StockLevel.Create(product.Sku, warehouse, now);
        db.Levels.Add(level);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return level.Id;
        }
        catch (DbUpdateException ex) when (Inventory.BuildingBlocks.Persistence.DbErrors.IsUniqueViolation(ex))
        {
            // Another write created it a moment ago: use that one.
            await using var again = open();
            return await again.Levels.Where(l => l.SkuKey == product.SkuKey && l.WarehouseId == warehouse.Id).Select(l => l.Id).FirstAsync(cancellationToken);
        }
    }
}
