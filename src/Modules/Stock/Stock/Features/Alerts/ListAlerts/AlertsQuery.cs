using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Alerts.ListAlerts;

internal sealed class StockAlertFilter
{
    public List<StockAlertKind>? Kinds { get; init; }
    public List<string>? Skus { get; init; }
    public List<string>? WarehouseCodes { get; init; }
    public bool? Acknowledged { get; init; }

    public const int MaxValues = 100;
}

internal sealed class StockAlertFilterInputType : InputObjectGraphType<StockAlertFilter>
{
    public StockAlertFilterInputType()
    {
        Name = "StockAlertFilterInput";
        Field<ListGraphType<NonNullGraphType<StockAlertKindType>>>("kinds").Description("Any of these kinds (all when absent).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("skus").Description($"Any of these SKUs (at most {StockAlertFilter.MaxValues}).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("warehouseCodes").Description($"Any of these warehouses (at most {StockAlertFilter.MaxValues}).");
        Field<BooleanGraphType>("acknowledged").Description("false: only the alerts nobody acknowledged yet; true: only acknowledged ones.");
    }
}

internal static class AlertsQuery
{
    public static void Add(ObjectGraphType query)
    {
        var alerts = query.Field<NonNullGraphType<ConnectionType<StockAlertType>>>("alerts")
            .Description("Stock alerts, newest first: what happened while nobody watched. `filter: { acknowledged: false }` is the inbox.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<StockAlertFilterInputType>("filter");
        PageRequest.AddArguments(alerts);
        alerts.ResolveAsync(async ctx =>
        {
            var filter = ctx.GetArgument<StockAlertFilter?>("filter") ?? new StockAlertFilter();
            if ((filter.Skus?.Count ?? 0) > StockAlertFilter.MaxValues || (filter.WarehouseCodes?.Count ?? 0) > StockAlertFilter.MaxValues)
                throw new ExecutionError($"A filter lists at most {StockAlertFilter.MaxValues} SKUs and {StockAlertFilter.MaxValues} warehouses.") { Code = ErrorCodes.Validation };
            var kinds = filter.Kinds is { Count: > 0 } k ? k.Distinct().ToList() : null;
            var skuKeys = filter.Skus is { Count: > 0 } s ? s.Select(StockProduct.KeyOf).Distinct().ToList() : null;
            var codes = filter.WarehouseCodes is { Count: > 0 } w ? w.Select(WarehouseRules.Normalize).Distinct().ToList() : null;
            return await KeysetPaging.PageAsync(StockContexts.Of(ctx).Create, db =>
            {
                var rows = db.Alerts.AsQueryable();
                if (kinds is not null) rows = rows.Where(a => kinds.Contains(a.Kind));
                if (skuKeys is not null) rows = rows.Where(a => skuKeys.Contains(a.SkuKey));
                if (codes is not null) rows = rows.Where(a => codes.Contains(a.WarehouseCode));
                if (filter.Acknowledged is { } acknowledged)
                    rows = acknowledged ? rows.Where(a => a.AcknowledgedAt != null) : rows.Where(a => a.AcknowledgedAt == null);
                return rows;
            }, PageRequest.From(ctx), a => a.SortKey, a => a.SortKey, descending: true, ctx.CancellationToken);
        });
    }
}
