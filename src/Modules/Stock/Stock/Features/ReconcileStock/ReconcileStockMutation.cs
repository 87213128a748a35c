using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL.Cost;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.GraphQL;
using Inventory.Stock.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.ReconcileStock;

internal static class ReconcileStockMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<StockReconciliationType>>("reconcileStock")
            .Description("Checks every level against the ledger now; the answer is also what stockDrift shows next.")
            .RequireRole(PlatformRole.Admin)
            // Aggregates the whole ledger and reads every level: far more than a mutation's base cost (ADR 15).
            .Cost(100)
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<StockReconciler>().RunAsync(ctx.CancellationToken));
}
