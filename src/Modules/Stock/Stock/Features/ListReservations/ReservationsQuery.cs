using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.ListReservations;

internal sealed class ReservationFilter
{
    public ReservationStatus? Status { get; init; }
    public string? Reference { get; init; }
    public DateTimeOffset? ExpiringBefore { get; init; }
}

internal sealed class ReservationFilterInputType : InputObjectGraphType<ReservationFilter>
{
    public ReservationFilterInputType()
    {
        Name = "ReservationFilterInput";
        Field<ReservationStatusType>("status");
        Field(f => f.Reference, nullable: true);
        Field<DateTimeOffsetGraphType>("expiringBefore");
    }
}

internal static class ReservationsQuery
{
    public static void Add(ObjectGraphType query)
    {
        var reservations = query.Field<NonNullGraphType<ConnectionType<ReservationType>>>("reservations")
            .Description("Reservations, newest first.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<ReservationFilterInputType>("filter");
        PageRequest.AddArguments(reservations);
        reservations.ResolveAsync(async ctx =>
        {
            var filter = ctx.GetArgument<ReservationFilter?>("filter") ?? new ReservationFilter();
            var before = filter.ExpiringBefore?.UtcDateTime;
            return await KeysetPaging.PageAsync(StockContexts.Of(ctx).Create, db =>
            {
                var rows = db.Reservations.Include(r => r.Lines).AsQueryable();
                if (filter.Status is { } status) rows = rows.Where(r => r.Status == status);
                if (filter.Reference is { } reference) rows = rows.Where(r => r.Reference == reference);
                if (before is not null) rows = rows.Where(r => r.ExpiresAt < before);
                return rows;
            }, PageRequest.From(ctx), r => r.SortKey, r => r.SortKey, descending: true, ctx.CancellationToken);
        });
    }
}
