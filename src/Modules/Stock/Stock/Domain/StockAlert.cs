namespace Inventory.Stock.Domain;

/// <summary>
/// A threshold crossing of one level, kept so that whoever was offline sees what happened: written in the same
/// transaction as the change that crossed the threshold (with the <c>StockAlertRaised</c> event), acknowledged
/// once by a user.
/// </summary>
internal sealed class StockAlert
{
    public Guid Id { get; init; }
    public string SortKey { get; init; } = "";
    public StockAlertKind Kind { get; init; }
    public Guid LevelId { get; init; }
    public string Sku { get; init; } = "";
    public string SkuKey { get; init; } = "";
    public string WarehouseCode { get; init; } = "";
    /// <summary>Available right after the change that raised it.</summary>
    public int Available { get; init; }
    /// <summary>The reorder point for LOW_STOCK, 0 for OUT_OF_STOCK and BACK_IN_STOCK.</summary>
    public int Threshold { get; init; }
    public DateTime RaisedAt { get; init; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
}
