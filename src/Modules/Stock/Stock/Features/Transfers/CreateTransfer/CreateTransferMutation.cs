using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Transfers.CreateTransfer;

internal sealed class CreateTransferPayloadType() : WritePayloadType<Transfer, TransferType>("CreateTransferPayload", "transfer");

internal static class CreateTransferMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CreateTransferPayloadType>>("createTransfer")
            .Description("Plans a transfer between two warehouses (DRAFT). SAME_WAREHOUSE, UNKNOWN_SKU, UNKNOWN_WAREHOUSE otherwise.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<CreateTransferInputType>>("input")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<CreateTransferHandler>()
                .CreateAsync(ctx.GetArgument<CreateTransferInput>("input"), ctx.GetArgument<string>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));
}
