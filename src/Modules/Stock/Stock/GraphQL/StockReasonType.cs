using GraphQL.Types;
using Inventory.Stock.Domain;

namespace Inventory.Stock.GraphQL;

internal sealed class StockReasonType : EnumerationGraphType<StockReason>
{
    public StockReasonType()
    {
        Name = "StockReason";
        Description = "Why a quantity changed, as kept in the ledger.";
    }
}
