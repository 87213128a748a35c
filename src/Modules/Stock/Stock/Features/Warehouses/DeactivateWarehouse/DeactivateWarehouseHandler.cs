using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.GraphQL;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Warehouses.DeactivateWarehouse;

/// <summary>deactivateWarehouse: out of use, kept for the ledger and its history.</summary>
internal sealed class DeactivateWarehouseHandler(ModuleDbContextFactory<StockDbContext> contexts, TimeProvider time)
{
    public async Task<WarehousePayload> DeactivateAsync(string code, CancellationToken cancellationToken)
    {
        // No validator here (the input only names the warehouse): the text rules still apply before any query.
        if (TextRules.Check(new Dictionary<string, object?> { ["code"] = code }) is { Count: > 0 } invalid)
            return WarehousePayload.Fail(invalid);
        await using var db = contexts.Create();
        var normalized = WarehouseRules.Normalize(code);
        var warehouse = await db.Warehouses.FirstOrDefaultAsync(w => w.Code == normalized, cancellationToken);
        if (warehouse is null)
            return WarehousePayload.Fail(StockErrors.WarehouseNotFound("input.code"));
        if (!warehouse.Active)
            return WarehousePayload.Ok(warehouse); // already: retry-safe

        warehouse.Active = false;
        warehouse.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return WarehousePayload.Ok(warehouse);
    }
}
