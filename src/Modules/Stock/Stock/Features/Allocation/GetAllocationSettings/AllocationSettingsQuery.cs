using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Allocation.GetAllocationSettings;

internal static class AllocationSettingsQuery
{
    public static void Add(ObjectGraphType query) =>
        query.Field<NonNullGraphType<AllocationSettingsType>>("allocationSettings")
            .Description("How orders are allocated over the tenant's warehouses.")
            .RequireRole(PlatformRole.Viewer)
            .ResolveAsync(async ctx =>
            {
                await using var db = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>().Create();
                return await Allocator.SettingsAsync(db, ctx.CancellationToken);
            });
}
