using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Warehouses.DeactivateWarehouse;

internal static class DeactivateWarehouseMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DeactivateWarehousePayloadType>>("deactivateWarehouse")
            .Description("Takes a warehouse out of use (kept for the ledger and its history). Idempotent. NOT_FOUND otherwise.")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<DeactivateWarehouseInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<DeactivateWarehouseHandler>()
                .DeactivateAsync(ctx.GetArgument<Dictionary<string, object?>>("input")["code"] as string ?? "", ctx.CancellationToken));
}
