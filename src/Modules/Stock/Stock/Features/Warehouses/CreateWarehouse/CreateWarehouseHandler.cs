using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Warehouses.CreateWarehouse;

/// <summary>createWarehouse: a new warehouse of the tenant (warehouses are never deleted: the ledger refers to them).</summary>
internal sealed class CreateWarehouseHandler(
    ModuleDbContextFactory<StockDbContext> contexts,
    IValidator<CreateWarehouseInput> validator,
    TimeProvider time)
{
    public async Task<WarehousePayload> CreateAsync(CreateWarehouseInput input, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return WarehousePayload.Fail(errors);

        var code = WarehouseRules.Normalize(input.Code);
        await using var db = contexts.Create();
        if (await db.Warehouses.AnyAsync(w => w.Code == code, cancellationToken))
            return WarehousePayload.Fail(StockErrors.WarehouseCodeTaken(code));

        var warehouse = Warehouse.Create(code, input.Name.Trim(), time.GetUtcNow().UtcDateTime);
        warehouse.Address = input.Address?.Trim();
        warehouse.TimeZone = input.TimeZone?.Trim() ?? "UTC";
        warehouse.Priority = input.Priority ?? 100;
        db.Warehouses.Add(warehouse);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return WarehousePayload.Fail(StockErrors.WarehouseCodeTaken(code));
        }
        return WarehousePayload.Ok(warehouse);
    }
}
