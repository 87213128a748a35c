using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Stock.Domain;

namespace Inventory.Stock.GraphQL;

internal sealed class StockDriftType : ObjectGraphType<StockDrift>
{
    public StockDriftType()
    {
        Name = "StockDrift";
        Description = "A quantity of a level that differs from the sum of its ledger entries.";
        Field(d => d.Sku);
        Field(d => d.WarehouseCode);
        Field(d => d.Quantity).Description("onHand, reserved, committed, damaged or incoming.");
        Field(d => d.Recorded).Description("What the level says.");
        Field(d => d.Ledger).Description("What the ledger adds up to.");
    }
}

internal sealed class StockReconciliationType : ObjectGraphType<Reconciliation>
{
    public StockReconciliationType()
    {
        Name = "StockReconciliation";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("checkedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CheckedAt));
        Field(r => r.LevelsChecked);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StockDriftType>>>>("drifts").Resolve(ctx => ctx.Source.Drifts.OrderBy(d => d.Number));
    }
}
