using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.ReconcileStock;

internal static class StockDriftQuery
{
    public static void Add(ObjectGraphType query) =>
        query.Field<StockReconciliationType>("stockDrift")
            .Description("The latest reconciliation of levels against the ledger (run hourly, or by reconcileStock); null before the first.")
            .RequireRole(PlatformRole.Admin)
            .ResolveAsync(async ctx =>
            {
                await using var db = StockContexts.Of(ctx).Create();
                return await db.Reconciliations.AsNoTracking().Include(r => r.Drifts).OrderByDescending(r => r.CheckedAt).FirstOrDefaultAsync(ctx.CancellationToken);
            });
}
