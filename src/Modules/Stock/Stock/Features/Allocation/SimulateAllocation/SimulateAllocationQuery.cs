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

namespace Inventory.Stock.Features.Allocation.SimulateAllocation;

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

internal static class SimulateAllocationQuery
{
    public static void Add(ObjectGraphType query) =>
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
