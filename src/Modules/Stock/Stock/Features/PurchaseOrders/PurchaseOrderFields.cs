using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.PurchaseOrders;

internal sealed class PurchaseOrderStatusType : EnumerationGraphType<PurchaseOrderStatus>
{
    public PurchaseOrderStatusType()
    {
        Name = "PurchaseOrderStatus";
        Description = "OPEN, PARTIALLY_RECEIVED, RECEIVED (everything arrived) or CLOSED (what was missing is no longer expected).";
    }
}

internal sealed class PurchaseOrderLineType : ObjectGraphType<PurchaseOrderLine>
{
    public PurchaseOrderLineType()
    {
        Name = "PurchaseOrderLine";
        Field(l => l.LineNumber);
        Field(l => l.Sku);
        Field(l => l.Quantity).Description("Ordered.");
        Field(l => l.Received);
        Field(l => l.Remaining).Description("Still incoming.");
    }
}

internal sealed class PurchaseOrderType : ObjectGraphType<PurchaseOrder>
{
    public PurchaseOrderType()
    {
        Name = "PurchaseOrder";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<PurchaseOrderStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(p => p.Supplier);
        Field(p => p.WarehouseCode);
        Field<DateTimeOffsetGraphType>("expectedAt").Resolve(ctx => ctx.Source.ExpectedAt is { } at ? UtcDates.ToOffset(at) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PurchaseOrderLineType>>>>("lines").Resolve(ctx => ctx.Source.Lines.OrderBy(l => l.LineNumber));
        Field<NonNullGraphType<StringGraphType>>("reference").Description("How the ledger names it: `po:<id>`.").Resolve(ctx => ctx.Source.Reference);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.CreatedAt));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(ctx => UtcDates.ToOffset(ctx.Source.UpdatedAt));
    }
}

internal sealed class CreatePurchaseOrderPayloadType() : WritePayloadType<PurchaseOrder, PurchaseOrderType>("CreatePurchaseOrderPayload", "purchaseOrder");
internal sealed class ReceivePurchaseOrderPayloadType() : WritePayloadType<PurchaseOrder, PurchaseOrderType>("ReceivePurchaseOrderPayload", "purchaseOrder");
internal sealed class ClosePurchaseOrderPayloadType() : WritePayloadType<PurchaseOrder, PurchaseOrderType>("ClosePurchaseOrderPayload", "purchaseOrder");

internal sealed class PurchaseOrderFilter
{
    public PurchaseOrderStatus? Status { get; init; }
}

internal sealed class PurchaseOrderFilterInputType : InputObjectGraphType<PurchaseOrderFilter>
{
    public PurchaseOrderFilterInputType()
    {
        Name = "PurchaseOrderFilterInput";
        Field<PurchaseOrderStatusType>("status");
    }
}

internal static class PurchaseOrderFields
{
    private static PurchaseOrderHandlers Handlers(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<PurchaseOrderHandlers>();

    public static void AddQueryFields(ObjectGraphType query)
    {
        query.Field<PurchaseOrderType>("purchaseOrder")
            .RequireRole(PlatformRole.Viewer)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (!Guid.TryParse(ctx.GetArgument<string>("id"), out var id))
                    return null;
                await using var db = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>().Create();
                return await db.PurchaseOrders.AsNoTracking().Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, ctx.CancellationToken);
            });

        var list = query.Field<NonNullGraphType<ConnectionType<PurchaseOrderType>>>("purchaseOrders")
            .Description("Purchase orders, newest first.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<PurchaseOrderFilterInputType>("filter");
        PageRequest.AddArguments(list);
        list.ResolveAsync(async ctx =>
        {
            var status = ctx.GetArgument<PurchaseOrderFilter?>("filter")?.Status;
            var contexts = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>();
            return await KeysetPaging.PageAsync(contexts.Create, db =>
                status is { } s ? db.PurchaseOrders.Include(p => p.Lines).Where(p => p.Status == s) : db.PurchaseOrders.Include(p => p.Lines),
                PageRequest.From(ctx), p => p.SortKey, p => p.SortKey, descending: true, ctx.CancellationToken);
        });
    }

    public static void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreatePurchaseOrderPayloadType>>("createPurchaseOrder")
            .Description("Orders stock from a supplier: the lines become incoming at the warehouse (ledger PURCHASE_ORDERED).")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<CreatePurchaseOrderInputType>>("input")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async ctx => await Handlers(ctx).CreateAsync(ctx.GetArgument<CreatePurchaseOrderInput>("input"),
                ctx.GetArgument<string?>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<ReceivePurchaseOrderPayloadType>>("receivePurchaseOrder")
            .Description("Receives some or all of a purchase order: incoming becomes onHand (ledger RECEIVED). OVER_RECEIPT when more arrives than expected, unless allowed.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<PurchaseLineInputType>>>>("lines")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async ctx => await Handlers(ctx).ReceiveAsync(ctx.GetArgument<string>("id"), ctx.GetArgument<List<PurchaseLineInput>>("lines"),
                ctx.GetArgument<string?>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<ClosePurchaseOrderPayloadType>>("closePurchaseOrder")
            .Description("Closes a purchase order: what was not received is no longer incoming (ledger PURCHASE_CLOSED).")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async ctx => await Handlers(ctx).CloseAsync(ctx.GetArgument<string>("id"), ctx.GetArgument<string?>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));
    }
}
