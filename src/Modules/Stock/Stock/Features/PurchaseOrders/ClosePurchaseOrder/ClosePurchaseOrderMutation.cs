using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.PurchaseOrders.ClosePurchaseOrder;

internal sealed class ClosePurchaseOrderPayloadType() : WritePayloadType<PurchaseOrder, PurchaseOrderType>("ClosePurchaseOrderPayload", "purchaseOrder");

internal static class ClosePurchaseOrderMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ClosePurchaseOrderPayloadType>>("closePurchaseOrder")
            .Description("Closes a purchase order: what was not received is no longer incoming (ledger PURCHASE_CLOSED).")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ClosePurchaseOrderHandler>().CloseAsync(ctx.GetArgument<string>("id"), ctx.GetArgument<string?>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));
}
