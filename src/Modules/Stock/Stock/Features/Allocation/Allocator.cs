using Inventory.Stock.Domain;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Allocation;

internal sealed record AllocationLine(int LineNumber, string Sku, int Quantity);

internal sealed record PlannedAllocation(int LineNumber, StockProduct Product, Warehouse Warehouse, Guid LevelId, int Quantity, string Why);

internal sealed record LineFailure(int LineNumber, string Sku, string Reason, int Available);

internal sealed record AllocationPlan(IReadOnlyList<PlannedAllocation> Allocations, IReadOnlyList<LineFailure> Failures)
{
    public bool Feasible => Failures.Count == 0;
}

/// <summary>
/// Plans where an order's lines are taken from, from a read of the levels; the plan is then reserved with the
/// guarded UPDATEs of the reservation path (which have the last word when stock moved in between). Rules:
/// active warehouses only; by the tenant's strategy (priority or most stock first); with "prefer single
/// warehouse", one warehouse covering every line wins; otherwise each line takes from the first warehouses
/// in order and is split when no single one covers it.
/// </summary>
internal static class Allocator
{
    public static async Task<AllocationSettings> SettingsAsync(StockDbContext db, CancellationToken cancellationToken) =>
        await db.AllocationSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new AllocationSettings();

    public static async Task<AllocationPlan> PlanAsync(StockDbContext db, IReadOnlyList<AllocationLine> lines, AllocationSettings settings, CancellationToken cancellationToken)
    {
        var keys = lines.Select(l => StockProduct.KeyOf(l.Sku)).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => keys.Contains(p.SkuKey)).ToDictionaryAsync(p => p.SkuKey, cancellationToken);
        var candidates = await (
                from level in db.Levels.AsNoTracking()
                join warehouse in db.Warehouses.AsNoTracking() on level.WarehouseId equals warehouse.Id
                where keys.Contains(level.SkuKey) && warehouse.Active
                select new { level, warehouse })
            .ToListAsync(cancellationToken);

        int Available(StockLevel l) => l.AllowBackorder ? int.MaxValue : Math.Max(0, l.Available);
        IEnumerable<(StockLevel Level, Warehouse Warehouse)> Ordered(string key) =>
            candidates.Where(c => c.level.SkuKey == key)
                .Select(c => (c.level, c.warehouse))
                .OrderBy(c => settings.Strategy == AllocationStrategy.MostStock ? -(long)Available(c.level) : c.warehouse.Priority)
                .ThenBy(c => c.warehouse.Priority)
                .ThenBy(c => c.warehouse.Code, StringComparer.Ordinal);

        var failures = new List<LineFailure>();
        foreach (var line in lines)
        {
            if (!products.TryGetValue(StockProduct.KeyOf(line.Sku), out var product))
                failures.Add(new LineFailure(line.LineNumber, line.Sku, StockErrors.UnknownSku, 0));
            else if (product.Discontinued)
                failures.Add(new LineFailure(line.LineNumber, product.Sku, StockErrors.ProductDiscontinued, 0));
        }
        if (failures.Count > 0)
            return new AllocationPlan([], failures);

        if (settings.PreferSingleWarehouse)
        {
            var single = candidates.Select(c => c.warehouse).DistinctBy(w => w.Id)
                .Where(w => lines.All(l => candidates.Any(c => c.warehouse.Id == w.Id && c.level.SkuKey == StockProduct.KeyOf(l.Sku) && Available(c.level) >= l.Quantity)))
                .OrderBy(w => settings.Strategy == AllocationStrategy.MostStock
                    ? -candidates.Where(c => c.warehouse.Id == w.Id).Sum(c => (long)Math.Min(Available(c.level), 1_000_000_000)) : w.Priority)
                .ThenBy(w => w.Priority).ThenBy(w => w.Code, StringComparer.Ordinal)
                .FirstOrDefault();
            if (single is not null)
                return new AllocationPlan(lines.Select(l =>
                {
                    var level = candidates.First(c => c.warehouse.Id == single.Id && c.level.SkuKey == StockProduct.KeyOf(l.Sku)).level;
                    return new PlannedAllocation(l.LineNumber, products[level.SkuKey], single, level.Id, l.Quantity, $"{single.Code} covers the whole order");
                }).ToList(), []);
        }

        var allocations = new List<PlannedAllocation>();
        foreach (var line in lines)
        {
            var key = StockProduct.KeyOf(line.Sku);
            var remaining = line.Quantity;
            var ordered = Ordered(key).ToList();
            foreach (var (level, warehouse) in ordered)
            {
                if (remaining == 0)
                    break;
                var take = Math.Min(remaining, Available(level));
                if (take <= 0)
                    continue;
                var why = settings.Strategy == AllocationStrategy.MostStock ? $"most stock ({Available(level)} available)" : $"priority {warehouse.Priority}";
                allocations.Add(new PlannedAllocation(line.LineNumber, products[key], warehouse, level.Id, take, take < line.Quantity ? why + ", split" : why));
                remaining -= take;
            }
            if (remaining > 0)
                failures.Add(new LineFailure(line.LineNumber, products[key].Sku, StockErrors.InsufficientStock,
                    ordered.Sum(c => Math.Min(Available(c.Level), 1_000_000_000))));
        }
        return failures.Count > 0 ? new AllocationPlan([], failures) : new AllocationPlan(allocations, []);
    }
}
