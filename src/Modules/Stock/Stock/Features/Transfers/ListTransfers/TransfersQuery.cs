using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Transfers.ListTransfers;

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

internal static class TransfersQuery
{
    public static void Add(ObjectGraphType query)
    {
        var transfers = query.Field<NonNullGraphType<ConnectionType<TransferType>>>("transfers")
            .Description("Transfers, newest first.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<TransferFilterInputType>("filter");
        PageRequest.AddArguments(transfers);
        transfers.ResolveAsync(async ctx =>
        {
            var status = ctx.GetArgument<TransferFilter?>("filter")?.Status;
            return await KeysetPaging.PageAsync(StockContexts.Of(ctx).Create, db =>
                status is { } s ? db.Transfers.Include(t => t.Lines).Where(t => t.Status == s) : db.Transfers.Include(t => t.Lines),
                PageRequest.From(ctx), t => t.SortKey, t => t.SortKey, descending: true, ctx.CancellationToken);
        });
    }
}
