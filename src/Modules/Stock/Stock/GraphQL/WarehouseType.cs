using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.Stock.Domain;

namespace Inventory.Stock.GraphQL;

internal sealed class WarehouseType : ObjectGraphType<Warehouse>
{
    public WarehouseType()
    {
        Name = "Warehouse";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(w => w.Code).Description("Unique per tenant; upper case letters, digits, '-' and '_'.");
        Field(w => w.Name);
        Field(w => w.Address, nullable: true);
        Field(w => w.TimeZone).Description("IANA time zone, e.g. Europe/Berlin.");
        Field(w => w.Priority).Description("Allocation order: lower first.");
        Field(w => w.Active);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CreatedAt));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.UpdatedAt));
    }
}

internal sealed record WarehousePayload(Warehouse? Warehouse, IReadOnlyList<UserError> UserErrors)
{
    public static WarehousePayload Ok(Warehouse warehouse) => new(warehouse, []);
    public static WarehousePayload Fail(params UserError[] errors) => new(null, errors);
    public static WarehousePayload Fail(IReadOnlyList<UserError> errors) => new(null, errors);
}

internal abstract class WarehousePayloadType : ObjectGraphType<WarehousePayload>
{
    protected WarehousePayloadType(string name)
    {
        Name = name;
        Field<WarehouseType>("warehouse").Resolve(ctx => ctx.Source.Warehouse);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

internal sealed class CreateWarehousePayloadType() : WarehousePayloadType("CreateWarehousePayload");

internal sealed class UpdateWarehousePayloadType() : WarehousePayloadType("UpdateWarehousePayload");

internal sealed class DeactivateWarehousePayloadType() : WarehousePayloadType("DeactivateWarehousePayload");
