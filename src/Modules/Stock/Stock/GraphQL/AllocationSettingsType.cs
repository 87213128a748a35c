using GraphQL.Types;
using Inventory.Stock.Domain;

namespace Inventory.Stock.GraphQL;

internal sealed class AllocationStrategyType : EnumerationGraphType<AllocationStrategy>
{
    public AllocationStrategyType()
    {
        Name = "AllocationStrategy";
        Description = "PRIORITY: warehouses by priority (lower first). MOST_STOCK: the warehouse with the most available first.";
    }
}

internal sealed class AllocationSettingsType : ObjectGraphType<AllocationSettings>
{
    public AllocationSettingsType()
    {
        Name = "AllocationSettings";
        Field<NonNullGraphType<AllocationStrategyType>>("strategy").Resolve(ctx => ctx.Source.Strategy);
        Field(s => s.PreferSingleWarehouse).Description("One warehouse covering the whole order wins over a split.");
        Field(s => s.AllowOverReceipt).Description("Receiving more than a purchase order line expects is allowed (refused with OVER_RECEIPT otherwise).");
    }
}
