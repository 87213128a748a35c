using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Warehouses.CreateWarehouse;

internal static class CreateWarehouseMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CreateWarehousePayloadType>>("createWarehouse")
            .Description("Adds a warehouse. Fails with INVALID_WAREHOUSE_CODE, WAREHOUSE_CODE_TAKEN or VALIDATION, writing nothing.")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<CreateWarehouseInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<CreateWarehouseHandler>()
                .CreateAsync(ctx.GetArgument<CreateWarehouseInput>("input"), ctx.CancellationToken));
}
