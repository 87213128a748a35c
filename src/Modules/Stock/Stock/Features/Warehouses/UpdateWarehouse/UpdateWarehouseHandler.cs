using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Warehouses.UpdateWarehouse;

/// <summary>updateWarehouse: name, address, time zone or priority; the code never changes.</summary>
internal sealed class UpdateWarehouseHandler(
    ModuleDbContextFactory<StockDbContext> contexts,
    IValidator<UpdateWarehouseInput> validator,
    TimeProvider time)
{
    public async Task<WarehousePayload> UpdateAsync(UpdateWarehouseInput input, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return WarehousePayload.Fail(errors);

        await using var db = contexts.Create();
        var code = WarehouseRules.Normalize(input.Code);
        var warehouse = await db.Warehouses.FirstOrDefaultAsync(w => w.Code == code, cancellationToken);
        if (warehouse is null)
            return WarehousePayload.Fail(StockErrors.WarehouseNotFound("input.code"));

        if (input.Name.IsSet) warehouse.Name = input.Name.Value!.Trim();
        if (input.Address.IsSet) warehouse.Address = input.Address.Value?.Trim();
        if (input.TimeZone.IsSet) warehouse.TimeZone = input.TimeZone.Value!.Trim();
        if (input.Priority.IsSet) warehouse.Priority = input.Priority.Value!.Value;
        warehouse.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return WarehousePayload.Ok(warehouse);
    }
}
