using GraphQL.Types;

namespace Inventory.Stock.Features.Warehouses.DeactivateWarehouse;

internal sealed class DeactivateWarehouseInputType : InputObjectGraphType
{
    public DeactivateWarehouseInputType()
    {
        Name = "DeactivateWarehouseInput";
        Field<NonNullGraphType<StringGraphType>>("code");
    }
}
