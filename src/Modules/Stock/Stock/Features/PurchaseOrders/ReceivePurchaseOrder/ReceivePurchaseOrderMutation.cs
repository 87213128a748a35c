using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.PurchaseOrders.ReceivePurchaseOrder;

internal sealed class ReceivePurchaseOrderPayloadType() : WritePayloadType<PurchaseOrder, PurchaseOrderType>("ReceivePurchaseOrderPayload", "purchaseOrder");

internal static class ReceivePurchaseOrderMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ReceivePurchaseOrderPayloadType>>("receivePurchaseOrder")
            .Description("Receives some or all of a purchase order: incoming becomes onHand (ledger RECEIVED). OVER_RECEIPT when more arrives than expected, unless allowed.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<PurchaseLineInputType>>>>("lines")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ReceivePurchaseOrderHandler>().ReceiveAsync(ctx.GetArgument<string>("id"), ctx.GetArgument<List<PurchaseLineInput>>("lines"),
                ctx.GetArgument<string?>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));
}
