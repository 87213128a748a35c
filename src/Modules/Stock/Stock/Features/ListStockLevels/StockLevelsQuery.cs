using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.ListStockLevels;

internal sealed class StockLevelFilter
{
    public string? Sku { get; init; }
    public string? WarehouseCode { get; init; }
    public bool? BelowReorderPoint { get; init; }
}

internal sealed class StockLevelFilterInputType : InputObjectGraphType<StockLevelFilter>
{
    public StockLevelFilterInputType()
    {
        Name = "StockLevelFilterInput";
        Field(f => f.Sku, nullable: true);
        Field(f => f.WarehouseCode, nullable: true);
        Field(f => f.BelowReorderPoint, nullable: true).Description("Only levels whose available is at or below their reorder point.");
    }
}

internal static class StockLevelsQuery
{
    public static void Add(ObjectGraphType query)
    {
        var levels = query.Field<NonNullGraphType<ConnectionType<StockLevelType>>>("stockLevels")
            .Description("Stock levels by SKU, then warehouse.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<StockLevelFilterInputType>("filter");
        PageRequest.AddArguments(levels);
        levels.ResolveAsync(async ctx =>
        {
            var filter = ctx.GetArgument<StockLevelFilter?>("filter") ?? new StockLevelFilter();
            var key = filter.Sku is { } sku ? StockProduct.KeyOf(sku) : null;
            var code = filter.WarehouseCode is { } c ? WarehouseRules.Normalize(c) : null;
            return await KeysetPaging.PageAsync(StockContexts.Of(ctx).Create, db =>
            {
                var rows = db.Levels.AsQueryable();
                if (key is not null) rows = rows.Where(l => l.SkuKey == key);
                if (code is not null) rows = rows.Where(l => l.WarehouseCode == code);
                if (filter.BelowReorderPoint == true)
                    rows = rows.Where(l => l.OnHand - l.Reserved - l.Committed - l.Damaged - l.SafetyStock <= l.ReorderPoint);
                return rows;
            }, PageRequest.From(ctx), l => l.SkuKey, l => l.WarehouseCode, descending: false, ctx.CancellationToken);
        });
    }
}
