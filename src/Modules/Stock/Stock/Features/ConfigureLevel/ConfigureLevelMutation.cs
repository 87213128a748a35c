using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.ConfigureLevel;

internal sealed class ConfigureStockLevelPayloadType() : WritePayloadType<StockLevel, StockLevelType>("ConfigureStockLevelPayload", "stockLevel");

internal static class ConfigureLevelMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ConfigureStockLevelPayloadType>>("configureStockLevel")
            .Description("Sets a level's reorder point, safety stock and backorder policy (creating the level if needed).")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<ConfigureStockLevelInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<ConfigureLevelHandler>()
                .ConfigureAsync(ctx.GetArgument<ConfigureStockLevelInput>("input"), Actors.Of(ctx.User), ctx.CancellationToken));
}
