using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Transfers.GetTransfer;

internal static class TransferQuery
{
    public static void Add(ObjectGraphType query) =>
        query.Field<TransferType>("transfer")
            .RequireRole(PlatformRole.Viewer)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                if (!Guid.TryParse(ctx.GetArgument<string>("id"), out var id))
                    return null;
                await using var db = StockContexts.Of(ctx).Create();
                return await db.Transfers.AsNoTracking().Include(t => t.Lines).FirstOrDefaultAsync(t => t.Id == id, ctx.CancellationToken);
            });
}
