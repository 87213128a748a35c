using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Reservations;

namespace Inventory.Stock.Features.FulfilReservation;

/// <summary>fulfilReservation: a COMMITTED reservation ships; its stock leaves onHand.</summary>
internal sealed class FulfilReservationHandler(StockWriteEngine engine, ITenantContext tenant)
{
    public Task<WriteResult<Reservation>> FulfilAsync(string id, string? idempotencyKey, string actor, CancellationToken cancellationToken) =>
        ReservationTransitions.RunAsync(engine, tenant.Tenant, "fulfilReservation", id, ReservationStatus.Fulfilled, idempotencyKey, actor, cancellationToken);
}
