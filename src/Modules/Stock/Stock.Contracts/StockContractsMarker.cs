namespace Inventory.Stock.Contracts;

/// <summary>Anchor of this Contracts assembly (Stock's integration events come with the Stock issue).</summary>
public static class StockContractsMarker
{
}
