using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Warehouses.UpdateWarehouse;

internal static class UpdateWarehouseMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<UpdateWarehousePayloadType>>("updateWarehouse")
            .Description("Changes a warehouse's name, address, time zone or priority. NOT_FOUND or VALIDATION otherwise.")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<UpdateWarehouseInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<UpdateWarehouseHandler>()
                .UpdateAsync(UpdateWarehouseInput.From(ctx.GetArgument<Dictionary<string, object?>>("input")), ctx.CancellationToken));
}
