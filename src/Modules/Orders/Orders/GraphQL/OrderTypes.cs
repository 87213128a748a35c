using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Orders.Domain;

namespace Inventory.Orders.GraphQL;

internal sealed class OrderStatusType : EnumerationGraphType<OrderStatus>
{
    public OrderStatusType()
    {
        Name = "OrderStatus";
        Description = "PENDING -> RESERVED | REJECTED -> CONFIRMED -> SHIPPED, or CANCELLED.";
    }
}

internal sealed record OrderLineAllocation(string WarehouseCode, int Quantity);

internal sealed record OrderLineView(OrderLine Line, IReadOnlyList<OrderLineAllocation> Allocations);

internal sealed class OrderLineAllocationType : ObjectGraphType<OrderLineAllocation>
{
    public OrderLineAllocationType()
    {
        Name = "OrderLineAllocation";
        Field(a => a.WarehouseCode);
        Field(a => a.Quantity);
    }
}

internal sealed class OrderLineType : ObjectGraphType<OrderLineView>
{
    public OrderLineType()
    {
        Name = "OrderLine";
        Field<NonNullGraphType<IntGraphType>>("lineNumber").Resolve(ctx => ctx.Source.Line.LineNumber);
        Field<NonNullGraphType<StringGraphType>>("sku").Resolve(ctx => ctx.Source.Line.Sku);
        Field<NonNullGraphType<IntGraphType>>("quantity").Resolve(ctx => ctx.Source.Line.Quantity);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderLineAllocationType>>>>("allocations")
            .Description("Where the line's stock is held; split over warehouses when no single one could cover it.")
            .Resolve(ctx => ctx.Source.Allocations);
        Field<StringGraphType>("rejectionReason").Description("UNKNOWN_SKU, PRODUCT_DISCONTINUED or INSUFFICIENT_STOCK when the order was rejected.")
            .Resolve(ctx => ctx.Source.Line.RejectionReason);
    }
}

internal sealed class OrderType : ObjectGraphType<Order>
{
    public OrderType()
    {
        Name = "Order";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<OrderStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(o => o.CustomerReference);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderLineType>>>>("lines").Resolve(ctx => ctx.Source.Lines.OrderBy(l => l.LineNumber)
            .Select(l => new OrderLineView(l, ctx.Source.Allocations.Where(a => a.LineNumber == l.LineNumber).OrderBy(a => a.Number)
                .Select(a => new OrderLineAllocation(a.WarehouseCode, a.Quantity)).ToList())));
        Field(o => o.RejectionReason, nullable: true);
        Field<IdGraphType>("reservationId").Resolve(ctx => ctx.Source.ReservationId);
        Field<DateTimeOffsetGraphType>("holdExpiresAt").Resolve(ctx => ctx.Source.HoldExpiresAt is { } at ? UtcDates.ToOffset(at) : null);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("placedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.PlacedAt));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.UpdatedAt));
        Field(o => o.Version);
    }
}

internal sealed record OrderPayload(Order? Order, IReadOnlyList<UserError> UserErrors, bool Replayed = false)
{
    public static OrderPayload Ok(Order order) => new(order, []);
    public static OrderPayload Fail(params UserError[] errors) => new(null, errors);
    public static OrderPayload Fail(IReadOnlyList<UserError> errors) => new(null, errors);
}

internal sealed class PlaceOrderPayloadType : ObjectGraphType<OrderPayload>
{
    public PlaceOrderPayloadType()
    {
        Name = "PlaceOrderPayload";
        Field<OrderType>("order").Resolve(ctx => ctx.Source.Order);
        Field<NonNullGraphType<BooleanGraphType>>("replayed").Description("True when this answers a retry with the same idempotency key.")
            .Resolve(ctx => ctx.Source.Replayed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}
