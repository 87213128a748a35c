using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.ListMovements;

internal sealed class StockMovementFilter
{
    public string? Sku { get; init; }
    public string? WarehouseCode { get; init; }
    public StockReason? Reason { get; init; }
    public string? Reference { get; init; }
    public Guid? ReservationId { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
}

internal sealed class StockMovementFilterInputType : InputObjectGraphType<StockMovementFilter>
{
    public StockMovementFilterInputType()
    {
        Name = "StockMovementFilterInput";
        Field(f => f.Sku, nullable: true);
        Field(f => f.WarehouseCode, nullable: true);
        Field<StockReasonType>("reason");
        Field(f => f.Reference, nullable: true);
        Field<IdGraphType>("reservationId");
        Field<DateTimeOffsetGraphType>("from").Description("Movements at or after this time.");
        Field<DateTimeOffsetGraphType>("to").Description("Movements before this time.");
    }
}

internal static class StockMovementsQuery
{
    public static void Add(ObjectGraphType query)
    {
        var movements = query.Field<NonNullGraphType<ConnectionType<StockMovementType>>>("stockMovements")
            .Description("The stock ledger, newest first.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<StockMovementFilterInputType>("filter");
        PageRequest.AddArguments(movements);
        movements.ResolveAsync(async ctx =>
        {
            var filter = ctx.GetArgument<StockMovementFilter?>("filter") ?? new StockMovementFilter();
            var key = filter.Sku is { } sku ? StockProduct.KeyOf(sku) : null;
            var code = filter.WarehouseCode is { } c ? WarehouseRules.Normalize(c) : null;
            var from = filter.From?.UtcDateTime;
            var to = filter.To?.UtcDateTime;
            return await KeysetPaging.PageAsync(StockContexts.Of(ctx).Create, db =>
            {
                var rows = db.Movements.AsQueryable();
                if (key is not null) rows = rows.Where(m => m.SkuKey == key);
                if (code is not null) rows = rows.Where(m => m.WarehouseCode == code);
                if (filter.Reason is { } reason) rows = rows.Where(m => m.Reason == reason);
                if (filter.Reference is { } reference) rows = rows.Where(m => m.Reference == reference);
                if (filter.ReservationId is { } reservationId) rows = rows.Where(m => m.ReservationId == reservationId);
                if (from is not null) rows = rows.Where(m => m.OccurredAt >= from);
                if (to is not null) rows = rows.Where(m => m.OccurredAt < to);
                return rows;
            }, PageRequest.From(ctx), m => m.SortKey, m => m.SortKey, descending: true, ctx.CancellationToken);
        });
    }
}
