using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Stock.Domain;

namespace Inventory.Stock.GraphQL;

internal sealed class PurchaseOrderStatusType : EnumerationGraphType<PurchaseOrderStatus>
{
    public PurchaseOrderStatusType()
    {
        Name = "PurchaseOrderStatus";
        Description = "OPEN, PARTIALLY_RECEIVED, RECEIVED (everything arrived) or CLOSED (what was missing is no longer expected).";
    }
}

internal sealed class PurchaseOrderLineType : ObjectGraphType<PurchaseOrderLine>
{
    public PurchaseOrderLineType()
    {
        Name = "PurchaseOrderLine";
        Field(l => l.LineNumber);
        Field(l => l.Sku);
        Field(l => l.Quantity).Description("Ordered.");
        Field(l => l.Received);
        Field(l => l.Remaining).Description("Still incoming.");
    }
}

internal sealed class PurchaseOrderType : ObjectGraphType<PurchaseOrder>
{
    public PurchaseOrderType()
    {
        Name = "PurchaseOrder";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<PurchaseOrderStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(p => p.Supplier);
        Field(p => p.WarehouseCode);
        Field<DateTimeOffsetGraphType>("expectedAt").Resolve(ctx => ctx.Source.ExpectedAt is { } at ? UtcDates.ToOffset(at) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PurchaseOrderLineType>>>>("lines").Resolve(ctx => ctx.Source.Lines.OrderBy(l => l.LineNumber));
        Field<NonNullGraphType<StringGraphType>>("reference").Description("How the ledger names it: `po:<id>`.").Resolve(ctx => ctx.Source.Reference);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CreatedAt));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.UpdatedAt));
    }
}
