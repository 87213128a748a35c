using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.WriteEngine;
using FluentValidation;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Reservations;
using Inventory.Stock.Persistence;

namespace Inventory.Stock.Features.ReserveStock;

/// <summary>
/// reserveStock: all or nothing across lines, with a time to live; then committed and fulfilled, or released, or
/// expired by the scheduled job (<see cref="ReservationTransitions"/>). The input is checked here; the stock is
/// taken by <see cref="ReserveStockCommand"/> in a batch of the stock write engine, as orders' allocations are.
/// </summary>
internal sealed class ReserveStockHandler(StockWriteEngine engine, ITenantContext tenant, IValidator<ReserveStockInput> validator)
{
    public async Task<WriteResult<Reservation>> ReserveAsync(ReserveStockInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (IdempotencyKeys.Check(idempotencyKey) is { } keyError)
            errors.Add(keyError);
        if (errors.Count > 0)
            return WriteResult<Reservation>.Fail(errors);

        var request = input with
        {
            Lines = input.Lines.Select(l => l with { Sku = StockProduct.KeyOf(l.Sku), WarehouseCode = WarehouseRules.Normalize(l.WarehouseCode) }).ToList(),
            TtlSeconds = input.TtlSeconds ?? ReserveStockInput.DefaultTtlSeconds,
            Reference = StockInputRules.Clean(input.Reference),
        };
        var command = new ReserveStockCommand(idempotencyKey, request,
            request.Lines.Select(l => (new LevelKey(l.Sku, l.WarehouseCode), l.Quantity)).ToList(), request.TtlSeconds!.Value, request.Reference, actor);
        return await engine.WriteAsync(tenant.Tenant, command, cancellationToken);
    }
}
