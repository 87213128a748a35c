using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Realtime;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.WatchStockLevels;

internal sealed class StockLevelChangedFilter
{
    public List<string>? Skus { get; init; }
    public List<string>? WarehouseCodes { get; init; }
}

internal sealed class StockLevelChangedFilterInputType : InputObjectGraphType<StockLevelChangedFilter>
{
    public StockLevelChangedFilterInputType()
    {
        Name = "StockLevelChangedFilterInput";
        Description = "Which changes to receive; a list left out (or null) matches everything. SKUs and codes match case-insensitively.";
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("skus");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("warehouseCodes");
    }
}

internal sealed class StockLevelChangeType : ObjectGraphType<StockLevelChanged>
{
    public StockLevelChangeType()
    {
        Name = "StockLevelChange";
        Description = "The quantities of one stock level right after a change.";
        Field(e => e.Sku);
        Field(e => e.WarehouseCode);
        Field(e => e.OnHand);
        Field(e => e.Reserved);
        Field(e => e.Committed);
        Field(e => e.Damaged);
        Field(e => e.SafetyStock);
        Field(e => e.Incoming);
        Field(e => e.Available);
        Field(e => e.ReorderPoint);
        Field(e => e.Version).Description("Grows with every change of the level: a change with a lower version than one already seen is older.");
        Field(e => e.Reason).Description("The ledger's reason for the change (RECEIVED, RESERVED, SHIPPED...).");
        Field(e => e.Reference, nullable: true).Description("The document the change belongs to (order, transfer...), when there is one.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("occurredAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.OccurredAt));
    }
}

/// <summary><c>stockLevelChanged</c>: the live changes of the caller's tenant's stock levels, whichever host made them.</summary>
internal static class StockLevelChangedSubscription
{
    public static void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<StockLevelChangeType>, StockLevelChanged>("stockLevelChanged")
            .Description("Every change of a stock level of this tenant from now on, optionally only of some SKUs or warehouses.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<StockLevelChangedFilterInputType>("filter")
            .ResolveStream(ctx =>
            {
                var filter = ctx.GetArgument<StockLevelChangedFilter?>("filter");
                var match = new SkuWarehouseMatch(filter?.Skus, filter?.WarehouseCodes);
                return ctx.LiveEvents<StockLevelChanged>(e => match.Level(e.Sku, e.WarehouseCode));
            });
}
