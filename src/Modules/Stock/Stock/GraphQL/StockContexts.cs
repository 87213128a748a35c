using GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Stock.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.GraphQL;

/// <summary>The module's context factory for a resolver, for the read fields that query the database directly.</summary>
internal static class StockContexts
{
    public static ModuleDbContextFactory<StockDbContext> Of(IResolveFieldContext ctx) =>
        ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>();
}
