namespace Inventory.Stock.Domain;

/// <summary>Where a level stands against its thresholds, as last announced; NEW until it first has stock.</summary>
internal enum StockAlertState { Ok, Low, Out, New }

internal enum StockAlertKind { LowStock, OutOfStock, BackInStock }

/// <summary>
/// Threshold crossings with hysteresis: LOW_STOCK is raised once when available falls to the reorder point
/// and cleared only when it is back above the reorder point by a margin (a tenth of it, at least one), so a
/// level moving by one unit around its threshold raises one alert, not one per change. OUT_OF_STOCK is raised
/// when nothing is available; BACK_IN_STOCK when an out-of-stock level has stock again.
/// </summary>
internal static class StockAlerts
{
    public static int ClearMargin(int reorderPoint) => Math.Max(1, reorderPoint / 10);

    public static (StockAlertState State, StockAlertKind? Raised) Next(StockAlertState current, int available, int reorderPoint)
    {
        if (current == StockAlertState.New)
        {
            // A level's first state is no crossing: a level that never had stock stays NEW (it is not "out of
            // stock" news, and its first stock is not "back in stock"). Only a first stock already at or below the
            // reorder point is worth an alert.
            if (available <= 0)
                return (StockAlertState.New, null);
            return reorderPoint > 0 && available <= reorderPoint ? (StockAlertState.Low, StockAlertKind.LowStock) : (StockAlertState.Ok, null);
        }
        if (available <= 0)
            return current == StockAlertState.Out ? (current, null) : (StockAlertState.Out, StockAlertKind.OutOfStock);

        var low = reorderPoint > 0 && available <= reorderPoint;
        var recovered = available > reorderPoint + ClearMargin(reorderPoint) || reorderPoint == 0;
        return current switch
        {
            StockAlertState.Out => (recovered ? StockAlertState.Ok : StockAlertState.Low, StockAlertKind.BackInStock),
            StockAlertState.Low => recovered ? (StockAlertState.Ok, null) : (current, null),
            _ => low ? (StockAlertState.Low, StockAlertKind.LowStock) : (current, null),
        };
    }

    /// <summary>The threshold an alert of this kind refers to.</summary>
    public static int Threshold(StockAlertKind kind, int reorderPoint) => kind == StockAlertKind.LowStock ? reorderPoint : 0;
}
