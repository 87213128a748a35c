using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Stock.Domain;

namespace Inventory.Stock.GraphQL;

internal sealed class TransferStatusType : EnumerationGraphType<TransferStatus>
{
    public TransferStatusType()
    {
        Name = "TransferStatus";
        Description = "DRAFT, then IN_TRANSIT (shipped), then RECEIVED; or CANCELLED.";
    }
}

internal sealed class TransferLineType : ObjectGraphType<TransferLine>
{
    public TransferLineType()
    {
        Name = "TransferLine";
        Field(l => l.Sku);
        Field(l => l.Quantity);
    }
}

internal sealed class TransferType : ObjectGraphType<Transfer>
{
    public TransferType()
    {
        Name = "Transfer";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<TransferStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(t => t.FromWarehouseCode);
        Field(t => t.ToWarehouseCode);
        Field(t => t.Reference, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TransferLineType>>>>("lines").Resolve(ctx => ctx.Source.Lines.OrderBy(l => l.LineNumber));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CreatedAt));
        Field<DateTimeOffsetGraphType>("shippedAt").Resolve(ctx => ctx.Source.ShippedAt is { } at ? UtcDates.ToOffset(at) : null);
        Field<DateTimeOffsetGraphType>("receivedAt").Resolve(ctx => ctx.Source.ReceivedAt is { } at ? UtcDates.ToOffset(at) : null);
    }
}
