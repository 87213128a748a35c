using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Reservations;

/// <summary>The mutation field of a reservation's move: its id, an optional idempotency key, the caller as actor.</summary>
internal static class ReservationTransitionMutation
{
    public static void Add<THandler, TPayload>(ObjectGraphType mutation, string name, string description,
        Func<THandler, string, string?, string, CancellationToken, Task<WriteResult<Reservation>>> handle) where THandler : notnull where TPayload : IGraphType =>
        mutation.Field<NonNullGraphType<TPayload>>(name)
            .Description(description)
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async ctx => await handle(ctx.RequestServices!.GetRequiredService<THandler>(),
                ctx.GetArgument<string>("id"), ctx.GetArgument<string?>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));
}
