using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.ExtendReservation;

internal sealed class ExtendReservationPayloadType() : WritePayloadType<Reservation, ReservationType>("ExtendReservationPayload", "reservation");

internal static class ExtendReservationMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ExtendReservationPayloadType>>("extendReservation")
            .Description("Gives a HELD reservation a new time to live from now.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<IntGraphType>>("ttlSeconds")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ExtendReservationHandler>()
                .ExtendAsync(ctx.GetArgument<string>("id"), ctx.GetArgument<int>("ttlSeconds"), ctx.GetArgument<string?>("idempotencyKey"), ctx.CancellationToken));
}
