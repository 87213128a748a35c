using GraphQL.Types;

namespace Inventory.Stock.Features.PurchaseOrders;

internal sealed record PurchaseLineInput
{
    public string Sku { get; init; } = "";
    public int Quantity { get; init; }
}

internal sealed class PurchaseLineInputType : InputObjectGraphType<PurchaseLineInput>
{
    public PurchaseLineInputType()
    {
        Name = "PurchaseOrderLineInput";
        Field(i => i.Sku);
        Field(i => i.Quantity);
    }
}
