namespace Inventory.Stock.Domain;

/// <summary>One run of the reconciliation of levels against the ledger.</summary>
internal sealed class Reconciliation
{
    public Guid Id { get; set; }
    public DateTime CheckedAt { get; set; }
    public int LevelsChecked { get; set; }
    public List<StockDrift> Drifts { get; set; } = [];
}

/// <summary>A quantity of a level that differs from the sum of its ledger entries.</summary>
internal sealed class StockDrift
{
    public Guid ReconciliationId { get; set; }
    public int Number { get; set; }
    public string Sku { get; set; } = "";
    public string WarehouseCode { get; set; } = "";
    public string Quantity { get; set; } = "";
    public int Recorded { get; set; }
    public int Ledger { get; set; }
}
