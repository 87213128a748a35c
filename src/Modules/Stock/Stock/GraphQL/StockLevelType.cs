using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Stock.Domain;

namespace Inventory.Stock.GraphQL;

internal sealed class StockAlertStateType : EnumerationGraphType<StockAlertState>
{
    public StockAlertStateType()
    {
        Name = "StockAlertState";
        Description = "Where a level stands against its thresholds: OK, LOW (at or below the reorder point) or OUT (nothing available).";
    }
}

internal sealed class StockLevelType : ObjectGraphType<StockLevel>
{
    public StockLevelType()
    {
        Name = "StockLevel";
        Description = "The stock of one SKU in one warehouse. available = onHand - reserved - committed - damaged - safetyStock.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(l => l.Sku);
        Field(l => l.WarehouseCode);
        Field(l => l.OnHand).Description("Physically in the warehouse.");
        Field(l => l.Reserved).Description("Held by reservations that may still expire.");
        Field(l => l.Committed).Description("Promised for good (committed reservations), not yet shipped.");
        Field(l => l.Damaged).Description("On hand, not sellable.");
        Field(l => l.SafetyStock).Description("Kept back from what is available.");
        Field(l => l.Incoming).Description("On its way here (transfers in transit).");
        Field(l => l.Available).Description("What can be reserved now. Below zero only with backorders, or when safety stock exceeds the free stock.");
        Field(l => l.ReorderPoint).Description("LOW_STOCK when available falls to this.");
        Field(l => l.AllowBackorder);
        Field<NonNullGraphType<StockAlertStateType>>("alertState").Resolve(ctx => ctx.Source.AlertState);
        Field(l => l.Version).Description("Grows with every change of the level.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.UpdatedAt));
    }
}
