using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Stock.Domain;

namespace Inventory.Stock.GraphQL;

internal sealed class StockAlertKindType : EnumerationGraphType<StockAlertKind>
{
    public StockAlertKindType()
    {
        Name = "StockAlertKind";
        Description = "LOW_STOCK: available fell to the reorder point. OUT_OF_STOCK: nothing is available. BACK_IN_STOCK: an out-of-stock level has stock again.";
    }
}

internal sealed class StockAlertType : ObjectGraphType<StockAlert>
{
    public StockAlertType()
    {
        Name = "StockAlert";
        Description = "A threshold crossing of one stock level, raised once per crossing (with hysteresis) and kept until acknowledged and beyond.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StockAlertKindType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field(a => a.Sku);
        Field(a => a.WarehouseCode);
        Field(a => a.Available).Description("Available right after the change that raised the alert.");
        Field(a => a.Threshold).Description("The reorder point for LOW_STOCK; 0 for OUT_OF_STOCK and BACK_IN_STOCK.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("raisedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.RaisedAt));
        Field<NonNullGraphType<BooleanGraphType>>("acknowledged").Resolve(ctx => ctx.Source.AcknowledgedAt is not null);
        Field<DateTimeOffsetGraphType>("acknowledgedAt").Resolve(ctx => ctx.Source.AcknowledgedAt is { } at ? UtcDates.ToOffset(at) : null);
        Field(a => a.AcknowledgedBy, nullable: true).Description("Who acknowledged it: `user:<id>` or `apikey:<id>`.");
    }
}
