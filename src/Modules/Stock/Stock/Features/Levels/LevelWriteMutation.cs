using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Levels;

/// <summary>The mutation field of a write on one level: its input, an idempotency key, the caller as actor.</summary>
internal static class LevelWriteMutation
{
    public static void Add<THandler, TPayload, TInputType, TInput>(
        ObjectGraphType mutation, string name, string description, PlatformRole role,
        Func<THandler, TInput, string, string, CancellationToken, Task<WriteResult<StockLevel>>> handle)
        where THandler : notnull where TPayload : IGraphType where TInputType : IGraphType =>
        mutation.Field<NonNullGraphType<TPayload>>(name)
            .Description(description + " Retries with the same idempotencyKey return the first result.")
            .RequireRole(role)
            .Argument<NonNullGraphType<TInputType>>("input")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async ctx => await handle(ctx.RequestServices!.GetRequiredService<THandler>(),
                ctx.GetArgument<TInput>("input"), ctx.GetArgument<string>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));
}
