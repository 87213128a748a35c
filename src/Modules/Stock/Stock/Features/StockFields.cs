using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Cost;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Levels;
using Inventory.Stock.Features.Reservations;
using Inventory.Stock.Features.Transfers;
using Inventory.Stock.GraphQL;
using Inventory.Stock.Jobs;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features;

internal sealed class StockLevelFilter
{
    public string? Sku { get; init; }
    public string? WarehouseCode { get; init; }
    public bool? BelowReorderPoint { get; init; }
}

internal sealed class StockLevelFilterInputType : InputObjectGraphType<StockLevelFilter>
{
    public StockLevelFilterInputType()
    {
        Name = "StockLevelFilterInput";
        Field(f => f.Sku, nullable: true);
        Field(f => f.WarehouseCode, nullable: true);
        Field(f => f.BelowReorderPoint, nullable: true).Description("Only levels whose available is at or below their reorder point.");
    }
}

internal sealed class StockMovementFilter
{
    public string? Sku { get; init; }
    public string? WarehouseCode { get; init; }
    public StockReason? Reason { get; init; }
    public string? Reference { get; init; }
    public Guid? ReservationId { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
}

internal sealed class StockMovementFilterInputType : InputObjectGraphType<StockMovementFilter>
{
    public StockMovementFilterInputType()
    {
        Name = "StockMovementFilterInput";
        Field(f => f.Sku, nullable: true);
        Field(f => f.WarehouseCode, nullable: true);
        Field<StockReasonType>("reason");
        Field(f => f.Reference, nullable: true);
        Field<IdGraphType>("reservationId");
        Field<DateTimeOffsetGraphType>("from").Description("Movements at or after this time.");
        Field<DateTimeOffsetGraphType>("to").Description("Movements before this time.");
    }
}

internal sealed class ReservationFilter
{
    public ReservationStatus? Status { get; init; }
    public string? Reference { get; init; }
    public DateTimeOffset? ExpiringBefore { get; init; }
}

internal sealed class ReservationFilterInputType : InputObjectGraphType<ReservationFilter>
{
    public ReservationFilterInputType()
    {
        Name = "ReservationFilterInput";
        Field<ReservationStatusType>("status");
        Field(f => f.Reference, nullable: true);
        Field<DateTimeOffsetGraphType>("expiringBefore");
    }
}

internal sealed class TransferFilter
{
    public TransferStatus? Status { get; init; }
}

internal sealed class TransferFilterInputType : InputObjectGraphType<TransferFilter>
{
    public TransferFilterInputType()
    {
        Name = "TransferFilterInput";
        Field<TransferStatusType>("status");
    }
}

/// <summary>Stock's root fields: levels, the ledger, reservations, transfers and reconciliation.</summary>
internal static class StockFields
{
    private static ModuleDbContextFactory<StockDbContext> Contexts(IResolveFieldContext ctx) =>
        ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>();

    public static void AddQueryFields(ObjectGraphType query)
    {
        query.Field<StockLevelType>("stockLevel")
            .Description("The stock of a SKU in a warehouse; null when it was never stocked there.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<NonNullGraphType<StringGraphType>>("sku")
            .Argument<NonNullGraphType<StringGraphType>>("warehouseCode")
            .ResolveAsync(async ctx =>
            {
                var key = StockProduct.KeyOf(ctx.GetArgument<string>("sku"));
                var code = WarehouseRules.Normalize(ctx.GetArgument<string>("warehouseCode"));
                await using var db = Contexts(ctx).Create();
                return await db.Levels.AsNoTracking().FirstOrDefaultAsync(l => l.SkuKey == key && l.WarehouseCode == code, ctx.CancellationToken);
            });

        var levels = query.Field<NonNullGraphType<ConnectionType<StockLevelType>>>("stockLevels")
            .Description("Stock levels by SKU, then warehouse.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<StockLevelFilterInputType>("filter");
        PageRequest.AddArguments(levels);
        levels.ResolveAsync(async ctx =>
        {
            var filter = ctx.GetArgument<StockLevelFilter?>("filter") ?? new StockLevelFilter();
            var key = filter.Sku is { } sku ? StockProduct.KeyOf(sku) : null;
            var code = filter.WarehouseCode is { } c ? WarehouseRules.Normalize(c) : null;
            return await KeysetPaging.PageAsync(Contexts(ctx).Create, db =>
            {
                var rows = db.Levels.AsQueryable();
                if (key is not null) rows = rows.Where(l => l.SkuKey == key);
                if (code is not null) rows = rows.Where(l => l.WarehouseCode == code);
                if (filter.BelowReorderPoint == true)
                    rows = rows.Where(l => l.OnHand - l.Reserved - l.Committed - l.Damaged - l.SafetyStock <= l.ReorderPoint);
                return rows;
            }, PageRequest.From(ctx), l => l.SkuKey, l => l.WarehouseCode, descending: false, ctx.CancellationToken);
        });

        var movements = query.Field<NonNullGraphType<ConnectionType<StockMovementType>>>("stockMovements")
            .Description("The stock ledger, newest first.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<StockMovementFilterInputType>("filter");
        PageRequest.AddArguments(movements);
        movements.ResolveAsync(async ctx =>
        {
            var filter = ctx.GetArgument<StockMovementFilter?>("filter") ?? new StockMovementFilter();
            var key = filter.Sku is { } sku ? StockProduct.KeyOf(sku) : null;
            var code = filter.WarehouseCode is { } c ? WarehouseRules.Normalize(c) : null;
            var from = filter.From?.UtcDateTime;
            var to = filter.To?.UtcDateTime;
            return await KeysetPaging.PageAsync(Contexts(ctx).Create, db =>
            {
                var rows = db.Movements.AsQueryable();
                if (key is not null) rows = rows.Where(m => m.SkuKey == key);
                if (code is not null) rows = rows.Where(m => m.WarehouseCode == code);
                if (filter.Reason is { } reason) rows = rows.Where(m => m.Reason == reason);
                if (filter.Reference is { } reference) rows = rows.Where(m => m.Reference == reference);
                if (filter.ReservationId is { } reservationId) rows = rows.Where(m => m.ReservationId == reservationId);
                if (from is not null) rows = rows.Where(m => m.OccurredAt >= from);
                if (to is not null) rows = rows.Where(m => m.OccurredAt < to);
                return rows;
            }, PageRequest.From(ctx), m => m.SortKey, m => m.SortKey, descending: true, ctx.CancellationToken);
        });

        query.Field<ReservationType>("reservation")
            .RequireRole(PlatformRole.Viewer)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (!Guid.TryParse(ctx.GetArgument<string>("id"), out var id))
                    return null;
                await using var db = Contexts(ctx).Create();
                return await db.Reservations.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == id, ctx.CancellationToken);
            });

        var reservations = query.Field<NonNullGraphType<ConnectionType<ReservationType>>>("reservations")
            .Description("Reservations, newest first.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<ReservationFilterInputType>("filter");
        PageRequest.AddArguments(reservations);
        reservations.ResolveAsync(async ctx =>
        {
            var filter = ctx.GetArgument<ReservationFilter?>("filter") ?? new ReservationFilter();
            var before = filter.ExpiringBefore?.UtcDateTime;
            return await KeysetPaging.PageAsync(Contexts(ctx).Create, db =>
            {
                var rows = db.Reservations.Include(r => r.Lines).AsQueryable();
                if (filter.Status is { } status) rows = rows.Where(r => r.Status == status);
                if (filter.Reference is { } reference) rows = rows.Where(r => r.Reference == reference);
                if (before is not null) rows = rows.Where(r => r.ExpiresAt < before);
                return rows;
            }, PageRequest.From(ctx), r => r.SortKey, r => r.SortKey, descending: true, ctx.CancellationToken);
        });

        query.Field<TransferType>("transfer")
            .RequireRole(PlatformRole.Viewer)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (!Guid.TryParse(ctx.GetArgument<string>("id"), out var id))
                    return null;
                await using var db = Contexts(ctx).Create();
                return await db.Transfers.AsNoTracking().Include(t => t.Lines).FirstOrDefaultAsync(t => t.Id == id, ctx.CancellationToken);
            });

        var transfers = query.Field<NonNullGraphType<ConnectionType<TransferType>>>("transfers")
            .Description("Transfers, newest first.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<TransferFilterInputType>("filter");
        PageRequest.AddArguments(transfers);
        transfers.ResolveAsync(async ctx =>
        {
            var status = ctx.GetArgument<TransferFilter?>("filter")?.Status;
            return await KeysetPaging.PageAsync(Contexts(ctx).Create, db =>
                status is { } s ? db.Transfers.Include(t => t.Lines).Where(t => t.Status == s) : db.Transfers.Include(t => t.Lines),
                PageRequest.From(ctx), t => t.SortKey, t => t.SortKey, descending: true, ctx.CancellationToken);
        });

        query.Field<StockReconciliationType>("stockDrift")
            .Description("The latest reconciliation of levels against the ledger (run hourly, or by reconcileStock); null before the first.")
            .RequireRole(PlatformRole.Admin)
            .ResolveAsync(async ctx =>
            {
                await using var db = Contexts(ctx).Create();
                return await db.Reconciliations.AsNoTracking().Include(r => r.Drifts).OrderByDescending(r => r.CheckedAt).FirstOrDefaultAsync(ctx.CancellationToken);
            });
    }

    public static void AddMutationFields(ObjectGraphType mutation)
    {
        LevelWrite<ReceiveStockPayloadType, ReceiveStockInputType, ReceiveStockInput>(mutation, "receiveStock",
            "Adds received stock to onHand (ledger RECEIVED). UNKNOWN_SKU, PRODUCT_DISCONTINUED, UNKNOWN_WAREHOUSE, WAREHOUSE_INACTIVE, INVALID_QUANTITY otherwise.",
            PlatformRole.Clerk, (h, input, key, actor, ct) => h.ReceiveAsync(input, key, actor, ct));
        LevelWrite<AdjustStockPayloadType, AdjustStockInputType, AdjustStockInput>(mutation, "adjustStock",
            "Changes onHand by a delta with a reason. INSUFFICIENT_STOCK when it would take what is reserved, committed or damaged; REASON_NOT_ALLOWED.",
            PlatformRole.Clerk, (h, input, key, actor, ct) => h.AdjustAsync(input, key, actor, ct));
        LevelWrite<SetStockPayloadType, SetStockInputType, SetStockInput>(mutation, "setStock",
            "Sets onHand to a counted quantity if it is still `changeFromQuantity`, else STALE (count again).",
            PlatformRole.Clerk, (h, input, key, actor, ct) => h.SetAsync(input, key, actor, ct));
        LevelWrite<MoveStockPayloadType, MoveStockInputType, MoveStockInput>(mutation, "moveStock",
            "Moves stock between named quantities of one level (AVAILABLE and DAMAGED); onHand stays.",
            PlatformRole.Clerk, (h, input, key, actor, ct) => h.MoveAsync(input, key, actor, ct));

        mutation.Field<NonNullGraphType<ConfigureStockLevelPayloadType>>("configureStockLevel")
            .Description("Sets a level's reorder point, safety stock and backorder policy (creating the level if needed).")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<ConfigureStockLevelInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<LevelHandlers>()
                .ConfigureAsync(ctx.GetArgument<ConfigureStockLevelInput>("input"), Actors.Of(ctx.User), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<ReserveStockPayloadType>>("reserveStock")
            .Description("Reserves every line or none (INSUFFICIENT_STOCK names the line). The reservation is HELD until it expires, is released, or committed.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<ReserveStockInputType>>("input")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ReservationHandlers>()
                .ReserveAsync(ctx.GetArgument<ReserveStockInput>("input"), ctx.GetArgument<string>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));

        ReservationTransition<ReleaseReservationPayloadType>(mutation, "releaseReservation",
            "Returns a HELD or COMMITTED reservation's stock. Releasing a released or expired one changes nothing.",
            (h, id, key, actor, ct) => h.ReleaseAsync(id, key, actor, ct));
        ReservationTransition<CommitReservationPayloadType>(mutation, "commitReservation",
            "Moves a HELD reservation's stock from reserved to committed; it no longer expires. RESERVATION_EXPIRED, INVALID_STATUS otherwise.",
            (h, id, key, actor, ct) => h.CommitAsync(id, key, actor, ct));
        ReservationTransition<FulfilReservationPayloadType>(mutation, "fulfilReservation",
            "Ships a COMMITTED reservation: its stock leaves onHand (ledger SHIPPED).",
            (h, id, key, actor, ct) => h.FulfilAsync(id, key, actor, ct));

        mutation.Field<NonNullGraphType<ExtendReservationPayloadType>>("extendReservation")
            .Description("Gives a HELD reservation a new time to live from now.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<IntGraphType>>("ttlSeconds")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ReservationHandlers>()
                .ExtendAsync(ctx.GetArgument<string>("id"), ctx.GetArgument<int>("ttlSeconds"), ctx.GetArgument<string?>("idempotencyKey"), ctx.CancellationToken));

        mutation.Field<NonNullGraphType<CreateTransferPayloadType>>("createTransfer")
            .Description("Plans a transfer between two warehouses (DRAFT). SAME_WAREHOUSE, UNKNOWN_SKU, UNKNOWN_WAREHOUSE otherwise.")
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<CreateTransferInputType>>("input")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<TransferHandlers>()
                .CreateAsync(ctx.GetArgument<CreateTransferInput>("input"), ctx.GetArgument<string>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));
        TransferTransition<ShipTransferPayloadType>(mutation, "shipTransfer",
            "Ships a DRAFT transfer: onHand leaves the source (INSUFFICIENT_STOCK if it is not available) and shows as incoming at the destination. " +
            "WAREHOUSE_INACTIVE or PRODUCT_DISCONTINUED when a warehouse was deactivated or the product discontinued since the transfer was created.",
            (h, id, key, actor, ct) => h.ShipAsync(id, key, actor, ct));
        TransferTransition<ReceiveTransferPayloadType>(mutation, "receiveTransfer",
            "Receives an IN_TRANSIT transfer: incoming becomes onHand at the destination.",
            (h, id, key, actor, ct) => h.ReceiveAsync(id, key, actor, ct));
        TransferTransition<CancelTransferPayloadType>(mutation, "cancelTransfer",
            "Cancels a DRAFT or IN_TRANSIT transfer; stock in transit goes back to the source.",
            (h, id, key, actor, ct) => h.CancelAsync(id, key, actor, ct));

        mutation.Field<NonNullGraphType<StockReconciliationType>>("reconcileStock")
            .Description("Checks every level against the ledger now; the answer is also what stockDrift shows next.")
            .RequireRole(PlatformRole.Admin)
            // Aggregates the whole ledger and reads every level: far more than a mutation's base cost (ADR 15).
            .Cost(100)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<StockReconciler>().RunAsync(ctx.CancellationToken));
    }

    private static void LevelWrite<TPayload, TInputType, TInput>(
        ObjectGraphType mutation, string name, string description, PlatformRole role,
        Func<LevelHandlers, TInput, string, string, CancellationToken, Task<WriteResult<StockLevel>>> handle)
        where TPayload : IGraphType where TInputType : IGraphType =>
        mutation.Field<NonNullGraphType<TPayload>>(name)
            .Description(description + " Retries with the same idempotencyKey return the first result.")
            .RequireRole(role)
            .Argument<NonNullGraphType<TInputType>>("input")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async ctx => await handle(ctx.RequestServices!.GetRequiredService<LevelHandlers>(),
                ctx.GetArgument<TInput>("input"), ctx.GetArgument<string>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));

    private static void ReservationTransition<TPayload>(ObjectGraphType mutation, string name, string description,
        Func<ReservationHandlers, string, string?, string, CancellationToken, Task<WriteResult<Reservation>>> handle) where TPayload : IGraphType =>
        mutation.Field<NonNullGraphType<TPayload>>(name)
            .Description(description)
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async ctx => await handle(ctx.RequestServices!.GetRequiredService<ReservationHandlers>(),
                ctx.GetArgument<string>("id"), ctx.GetArgument<string?>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));

    private static void TransferTransition<TPayload>(ObjectGraphType mutation, string name, string description,
        Func<TransferHandlers, string, string?, string, CancellationToken, Task<WriteResult<Transfer>>> handle) where TPayload : IGraphType =>
        mutation.Field<NonNullGraphType<TPayload>>(name)
            .Description(description)
            .RequireRole(PlatformRole.Clerk)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("idempotencyKey")
            .ResolveAsync(async ctx => await handle(ctx.RequestServices!.GetRequiredService<TransferHandlers>(),
                ctx.GetArgument<string>("id"), ctx.GetArgument<string?>("idempotencyKey"), Actors.Of(ctx.User), ctx.CancellationToken));
}
