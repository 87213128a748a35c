using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.Stock.Domain;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.Allocation;

internal sealed class AllocationStrategyType : EnumerationGraphType<AllocationStrategy>
{
    public AllocationStrategyType()
    {
        Name = "AllocationStrategy";
        Description = "PRIORITY: warehouses by priority (lower first). MOST_STOCK: the warehouse with the most available first.";
    }
}

internal sealed class AllocationSettingsType : ObjectGraphType<AllocationSettings>
{
    public AllocationSettingsType()
    {
        Name = "AllocationSettings";
        Field<NonNullGraphType<AllocationStrategyType>>("strategy").Resolve(ctx => ctx.Source.Strategy);
        Field(s => s.PreferSingleWarehouse).Description("One warehouse covering the whole order wins over a split.");
        Field(s => s.AllowOverReceipt).Description("Receiving more than a purchase order line expects is allowed (refused with OVER_RECEIPT otherwise).");
    }
}

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

internal sealed record SimulateLineInput
{
    public string Sku { get; init; } = "";
    public int Quantity { get; init; }
}

internal sealed class SimulateLineInputType : InputObjectGraphType<SimulateLineInput>
{
    public SimulateLineInputType()
    {
        Name = "AllocationLineInput";
        Field(i => i.Sku);
        Field(i => i.Quantity);
    }
}

internal sealed class PlannedAllocationType : ObjectGraphType<PlannedAllocation>
{
    public PlannedAllocationType()
    {
        Name = "PlannedAllocation";
        Field(a => a.LineNumber);
        Field<NonNullGraphType<StringGraphType>>("sku").Resolve(ctx => ctx.Source.Product.Sku);
        Field<NonNullGraphType<StringGraphType>>("warehouseCode").Resolve(ctx => ctx.Source.Warehouse.Code);
        Field(a => a.Quantity);
        Field(a => a.Why).Description("Why this warehouse: its priority, its stock, or that it covers the whole order.");
    }
}

internal sealed class LineFailureType : ObjectGraphType<LineFailure>
{
    public LineFailureType()
    {
        Name = "AllocationLineFailure";
        Field(f => f.LineNumber);
        Field(f => f.Sku);
        Field(f => f.Reason).Description("UNKNOWN_SKU, PRODUCT_DISCONTINUED or INSUFFICIENT_STOCK.");
        Field(f => f.Available).Description("What all active warehouses have available together.");
    }
}

internal sealed record AllocationSimulation(AllocationPlan? Plan, IReadOnlyList<UserError> UserErrors);

internal sealed class AllocationSimulationType : ObjectGraphType<AllocationSimulation>
{
    public AllocationSimulationType()
    {
        Name = "AllocationSimulation";
        Description = "What placing these lines now would reserve, and where; nothing is changed.";
        Field<NonNullGraphType<BooleanGraphType>>("feasible").Resolve(ctx => ctx.Source.Plan?.Feasible == true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlannedAllocationType>>>>("allocations").Resolve(ctx => ctx.Source.Plan?.Allocations ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineFailureType>>>>("failures").Resolve(ctx => ctx.Source.Plan?.Failures ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

internal static class AllocationFields
{
    public static void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AllocationSettingsType>>("allocationSettings")
            .Description("How orders are allocated over the tenant's warehouses.")
            .RequireRole(PlatformRole.Viewer)
            .ResolveAsync(async ctx =>
            {
                await using var db = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>().Create();
                return await Allocator.SettingsAsync(db, ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<AllocationSimulationType>>("simulateAllocation")
            .Description("A dry run of allocating an order: which warehouses would be used and why. Changes nothing.")
            .RequireRole(PlatformRole.Viewer)
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<SimulateLineInputType>>>>("lines")
            .ResolveAsync(async ctx =>
            {
                var lines = ctx.GetArgument<List<SimulateLineInput>>("lines");
                var errors = new List<UserError>();
                if (lines.Count is 0 or > Reservation.MaxLines)
                    errors.Add(new UserError(StockErrors.TooManyLines, $"1 to {Reservation.MaxLines} lines.", "lines"));
                for (var i = 0; i < lines.Count && i < Reservation.MaxLines; i++)
                {
                    if (string.IsNullOrWhiteSpace(lines[i].Sku) || lines[i].Sku.Trim().Length > 64)
                        errors.Add(new UserError(StockErrors.UnknownSku, "A SKU is required (at most 64 characters).", $"lines[{i}].sku"));
                    if (lines[i].Quantity is < 1 or > StockLevel.MaxQuantity)
                        errors.Add(new UserError(StockErrors.InvalidQuantity, $"The quantity must be 1 to {StockLevel.MaxQuantity:N0}.", $"lines[{i}].quantity"));
                }
                if (lines.GroupBy(l => StockProduct.KeyOf(l.Sku)).Any(g => g.Count() > 1))
                    errors.Add(new UserError(StockErrors.DuplicateLine, "Each SKU may appear on one line only.", "lines"));
                if (errors.Count > 0)
                    return new AllocationSimulation(null, errors);
                await using var db = ctx.RequestServices!.GetRequiredService<ModuleDbContextFactory<StockDbContext>>().Create();
                var settings = await Allocator.SettingsAsync(db, ctx.CancellationToken);
                var plan = await Allocator.PlanAsync(db, lines.Select((l, i) => new AllocationLine(i + 1, l.Sku.Trim(), l.Quantity)).ToList(), settings, ctx.CancellationToken);
                return new AllocationSimulation(plan, []);
            });
    }

    public static void AddMutationFields(ObjectGraphType mutation)
    {
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
}
