using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.PurchaseOrders.CreatePurchaseOrder;

internal sealed class CreatePurchaseOrderPayloadType() : WritePayloadType<PurchaseOrder, PurchaseOrderType>("CreatePurchaseOrderPayload", "purchaseOrder");

internal static class CreatePurchaseOrderMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CreatePurchaseOrderPayloadType>>("createPurchaseOrder")
            .Description("Orders stock from a supplier: the lines become incoming at the warehouse (ledger PURCHASE_ORDERED).")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<CreatePurchaseOrderInputType>>("input")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<CreatePurchaseOrderHandler>().CreateAsync(ctx.GetArgument<CreatePurchaseOrderInput>("input"),
                ctx.GetArgument<string?>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));
}
