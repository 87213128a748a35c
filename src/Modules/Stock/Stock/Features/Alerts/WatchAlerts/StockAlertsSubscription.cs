using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Realtime;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.Alerts.WatchAlerts;

internal sealed class StockAlertsSubscriptionFilter
{
    public List<StockAlertKind>? Kinds { get; init; }
    public List<string>? Skus { get; init; }
    public List<string>? WarehouseCodes { get; init; }
}

internal sealed class StockAlertsSubscriptionFilterInputType : InputObjectGraphType<StockAlertsSubscriptionFilter>
{
    public StockAlertsSubscriptionFilterInputType()
    {
        Name = "StockAlertsFilterInput";
        Description = "Which alerts to receive; a list left out (or null) matches everything. SKUs and codes match case-insensitively.";
        Field<ListGraphType<NonNullGraphType<StockAlertKindType>>>("kinds");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("skus");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("warehouseCodes");
    }
}

internal static class StockAlertsSubscription
{
    public static void Add(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<StockAlertType>, StockAlert>("stockAlerts")
            .Description("Every stock alert of this tenant from now on (the same alerts `alerts` lists), optionally only of some kinds, SKUs or warehouses.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<StockAlertsSubscriptionFilterInputType>("filter")
            .ResolveStream(ctx =>
            {
                var filter = ctx.GetArgument<StockAlertsSubscriptionFilter?>("filter");
                var kinds = filter?.Kinds?.Select(StockReasons.AlertName).ToHashSet();
                var match = new SkuWarehouseMatch(filter?.Skus, filter?.WarehouseCodes);
                return ctx.LiveEvents<StockAlertRaised, StockAlert>(e =>
                    (kinds is null || kinds.Contains(e.Kind)) && match.Level(e.Sku, e.WarehouseCode), FromEvent);
            });

    /// <summary>The stored alert as its event announced it (acknowledgement comes later, through <c>alerts</c>).</summary>
    private static StockAlert FromEvent(StockAlertRaised e) => new()
    {
        Id = e.AlertId,
        Kind = Enum.Parse<StockAlertKind>(e.Kind.Replace("_", ""), ignoreCase: true),
        Sku = e.Sku,
        SkuKey = StockProduct.KeyOf(e.Sku),
        WarehouseCode = e.WarehouseCode,
        Available = e.Available,
        Threshold = e.Threshold,
        RaisedAt = e.OccurredAt,
    };
}
