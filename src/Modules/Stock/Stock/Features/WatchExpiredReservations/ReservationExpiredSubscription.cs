using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Realtime;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.WatchExpiredReservations;

internal sealed class ReservationExpiredFilter
{
    public List<string>? Skus { get; init; }
    public List<string>? WarehouseCodes { get; init; }
    public string? Reference { get; init; }
}

internal sealed class ReservationExpiredFilterInputType : InputObjectGraphType<ReservationExpiredFilter>
{
    public ReservationExpiredFilterInputType()
    {
        Name = "ReservationExpiredFilterInput";
        Description = "Which expiries to receive: those of one reference with a line of one of these SKUs in one of these warehouses; a part left out matches everything.";
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("skus");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("warehouseCodes");
        Field<StringGraphType>("reference").Description("Exactly this reference (e.g. `order:<id>` or a cart id).");
    }
}

internal sealed class ExpiredLineType : ObjectGraphType<ReservationLineInfo>
{
    public ExpiredLineType()
    {
        Name = "ExpiredReservationLine";
        Field(l => l.Sku);
        Field(l => l.WarehouseCode);
        Field(l => l.Quantity).Description("Returned to available.");
    }
}

internal sealed class ReservationExpiryType : ObjectGraphType<ReservationExpired>
{
    public ReservationExpiryType()
    {
        Name = "ReservationExpiry";
        Description = "A reservation held past its expiry: its stock is available again.";
        Field<NonNullGraphType<IdGraphType>>("reservationId").Resolve(ctx => ctx.Source.ReservationId);
        Field(e => e.Reference, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExpiredLineType>>>>("lines").Resolve(ctx => ctx.Source.Lines);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("expiredAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.OccurredAt));
    }
}

/// <summary><c>reservationExpired</c>: reservations of this tenant that ran out, whichever host expired them.</summary>
internal static class ReservationExpiredSubscription
{
    public static void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<ReservationExpiryType>, ReservationExpired>("reservationExpired")
            .Description("Every reservation of this tenant that expires from now on (its stock is available again).")
            .RequireRole(PlatformRole.Viewer)
            .Argument<ReservationExpiredFilterInputType>("filter")
            .ResolveStream(ctx =>
            {
                var filter = ctx.GetArgument<ReservationExpiredFilter?>("filter");
                var match = new SkuWarehouseMatch(filter?.Skus, filter?.WarehouseCodes);
                var reference = filter?.Reference;
                return ctx.LiveEvents<ReservationExpired>(e => Matches(e, match, reference));
            });

    /// <summary>
    /// The expiry is of the reference (when one is given) and has a line of a listed SKU in a listed warehouse: one
    /// line matches both lists, not a SKU on one line and a warehouse on another.
    /// </summary>
    internal static bool Matches(ReservationExpired expiry, SkuWarehouseMatch match, string? reference) =>
        (reference is null || expiry.Reference == reference) && expiry.Lines.Any(l => match.Level(l.Sku, l.WarehouseCode));
}
