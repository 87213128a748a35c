using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Realtime;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Alerts;

internal sealed class StockAlertKindType : EnumerationGraphType<StockAlertKind>
{
    public StockAlertKindType()
    {
        Name = "StockAlertKind";
        Description = "LOW_STOCK: available fell to the reorder point. OUT_OF_STOCK: nothing is available. BACK_IN_STOCK: an out-of-stock level has stock again.";
    }
}

internal sealed class StockAlertType : ObjectGraphType<StockAlert>
{
    public StockAlertType()
    {
        Name = "StockAlert";
        Description = "A threshold crossing of one stock level, raised once per crossing (with hysteresis) and kept until acknowledged and beyond.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StockAlertKindType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field(a => a.Sku);
        Field(a => a.WarehouseCode);
        Field(a => a.Available).Description("Available right after the change that raised the alert.");
        Field(a => a.Threshold).Description("The reorder point for LOW_STOCK; 0 for OUT_OF_STOCK and BACK_IN_STOCK.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("raisedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.RaisedAt));
        Field<NonNullGraphType<BooleanGraphType>>("acknowledged").Resolve(ctx => ctx.Source.AcknowledgedAt is not null);
        Field<DateTimeOffsetGraphType>("acknowledgedAt").Resolve(ctx => ctx.Source.AcknowledgedAt is { } at ? UtcDates.ToOffset(at) : null);
        Field(a => a.AcknowledgedBy, nullable: true).Description("Who acknowledged it: `user:<id>` or `apikey:<id>`.");
    }
}

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

internal sealed record AcknowledgeAlertResult(StockAlert? Alert, IReadOnlyList<UserError> Errors);

internal sealed class AcknowledgeAlertPayloadType : ObjectGraphType<AcknowledgeAlertResult>
{
    public AcknowledgeAlertPayloadType()
    {
        Name = "AcknowledgeAlertPayload";
        Field<StockAlertType>("alert").Resolve(ctx => ctx.Source.Alert);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}

internal static class AlertFields
{
    private static ModuleDbContextFactory<StockDbContext> Contexts(IResolveFieldContext ctx) =>
        ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>();

    public static void AddQueryFields(ObjectGraphType query)
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
            return await KeysetPaging.PageAsync(Contexts(ctx).Create, db =>
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

    public static void AddSubscriptionFields(ObjectGraphType subscription) =>
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

    public static void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AcknowledgeAlertPayloadType>>("acknowledgeAlert")
            .Description("Marks an alert as seen. Acknowledging it again changes nothing and answers it as it is (who acknowledged first stays).")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (!Guid.TryParse(ctx.GetArgument<string>("id"), out var id))
                    return new AcknowledgeAlertResult(null, [UserError.NotFound("The alert", "id")]);
                var now = ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                var actor = Actors.Of(ctx.User);
                await using var db = Contexts(ctx).Create();
                // One conditional UPDATE: of two concurrent acknowledgements, the first one's name and time stay.
                await db.Alerts.Where(a => a.Id == id && a.AcknowledgedAt == null).ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.AcknowledgedAt, now)
                    .SetProperty(a => a.AcknowledgedBy, actor), ctx.CancellationToken);
                var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ctx.CancellationToken);
                return alert is null
                    ? new AcknowledgeAlertResult(null, [UserError.NotFound("The alert", "id")])
                    : new AcknowledgeAlertResult(alert, []);
            });
    }
}
