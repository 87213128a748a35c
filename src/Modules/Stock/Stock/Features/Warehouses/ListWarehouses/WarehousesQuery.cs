using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.GraphQL;
using Inventory.Stock.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Warehouses.ListWarehouses;

internal sealed class WarehouseFilter
{
    public bool? Active { get; init; }
}

internal sealed class WarehouseFilterInputType : InputObjectGraphType<WarehouseFilter>
{
    public WarehouseFilterInputType()
    {
        Name = "WarehouseFilterInput";
        Field(f => f.Active, nullable: true);
    }
}

internal static class WarehousesQuery
{
    public static void Add(ObjectGraphType query)
    {
        var field = query.Field<NonNullGraphType<ConnectionType<WarehouseType>>>("warehouses")
            .Description("The tenant's warehouses, by code.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<WarehouseFilterInputType>("filter");
        PageRequest.AddArguments(field);
        field.ResolveAsync(async ctx =>
        {
            var page = PageRequest.From(ctx);
            var active = ctx.GetArgument<WarehouseFilter?>("filter")?.Active;
            var contexts = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>();
            return await KeysetPaging.PageAsync(contexts.Create, db => active is { } a ? db.Warehouses.Where(w => w.Active == a) : db.Warehouses,
                page, w => w.Code, w => w.Code, descending: false, ctx.CancellationToken);
        });
    }
}
