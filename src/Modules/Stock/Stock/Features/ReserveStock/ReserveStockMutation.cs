using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.ReserveStock;

internal sealed class ReserveStockPayloadType() : WritePayloadType<Reservation, ReservationType>("ReserveStockPayload", "reservation");

internal static class ReserveStockMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ReserveStockPayloadType>>("reserveStock")
            .Description("Reserves every line or none (INSUFFICIENT_STOCK names the line). The reservation is HELD until it expires, is released, or committed.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<ReserveStockInputType>>("input")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ReserveStockHandler>()
                .ReserveAsync(ctx.GetArgument<ReserveStockInput>("input"), ctx.GetArgument<string>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));
}
