using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Stock.Domain;

namespace Inventory.Stock.GraphQL;

internal sealed class ReservationStatusType : EnumerationGraphType<ReservationStatus>
{
    public ReservationStatusType()
    {
        Name = "ReservationStatus";
        Description = "HELD until it expires, is released or committed; COMMITTED until released or fulfilled.";
    }
}

internal sealed class ReservationLineType : ObjectGraphType<ReservationLine>
{
    public ReservationLineType()
    {
        Name = "ReservationLine";
        Field(l => l.Sku);
        Field(l => l.WarehouseCode);
        Field(l => l.Quantity);
    }
}

internal sealed class ReservationType : ObjectGraphType<Reservation>
{
    public ReservationType()
    {
        Name = "Reservation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<ReservationStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(r => r.Reference, nullable: true);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("expiresAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.ExpiresAt));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReservationLineType>>>>("lines").Resolve(ctx => ctx.Source.Lines.OrderBy(l => l.LineNumber));
        Field(r => r.Actor);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CreatedAt));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.UpdatedAt));
    }
}
