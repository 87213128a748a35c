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

namespace Inventory.Stock.Features.Allocation.ConfigureAllocation;

internal sealed record ConfigureAllocationInput
{
    public AllocationStrategy? Strategy { get; init; }
    public bool? PreferSingleWarehouse { get; init; }
    public bool? AllowOverReceipt { get; init; }
}

internal sealed class ConfigureAllocationInputType : InputObjectGraphType<ConfigureAllocationInput>
{
    public ConfigureAllocationInputType()
    {
        Name = "ConfigureAllocationInput";
        Description = "Fields left out keep their value.";
        Field<AllocationStrategyType>("strategy");
        Field(i => i.PreferSingleWarehouse, nullable: true);
        Field(i => i.AllowOverReceipt, nullable: true);
    }
}

internal sealed record AllocationSettingsPayload(AllocationSettings? Settings, IReadOnlyList<UserError> UserErrors);

internal sealed class ConfigureAllocationPayloadType : ObjectGraphType<AllocationSettingsPayload>
{
    public ConfigureAllocationPayloadType()
    {
        Name = "ConfigureAllocationPayload";
        Field<AllocationSettingsType>("allocationSettings").Resolve(ctx => ctx.Source.Settings);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

internal static class ConfigureAllocationMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ConfigureAllocationPayloadType>>("configureAllocation")
            .Description("Sets the tenant's allocation strategy and whether single-warehouse orders are preferred.")
            .RequireRole(PlatformRole.Manager)
            .Argument<NonNullGraphType<ConfigureAllocationInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ConfigureAllocationInput>("input");
                var now = ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                var contexts = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>();
                for (var attempt = 1; ; attempt++)
                {
                    await using var db = contexts.Create();
                    var settings = await db.AllocationSettings.FirstOrDefaultAsync(ctx.CancellationToken);
                    if (settings is null)
                        db.AllocationSettings.Add(settings = new AllocationSettings());
                    settings.Strategy = input.Strategy ?? settings.Strategy;
                    settings.PreferSingleWarehouse = input.PreferSingleWarehouse ?? settings.PreferSingleWarehouse;
                    settings.AllowOverReceipt = input.AllowOverReceipt ?? settings.AllowOverReceipt;
                    settings.UpdatedAt = now;
                    try
                    {
                        await db.SaveChangesAsync(ctx.CancellationToken);
                        return new AllocationSettingsPayload(settings, []);
                    }
                    catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex) && attempt < 3)
                    {
                        // Created concurrently: update that row instead.
                    }
                }
            });
}
