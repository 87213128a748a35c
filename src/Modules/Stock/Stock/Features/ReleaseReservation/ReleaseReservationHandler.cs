using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Reservations;

namespace Inventory.Stock.Features.ReleaseReservation;

/// <summary>releaseReservation: a HELD or COMMITTED reservation's stock goes back.</summary>
internal sealed class ReleaseReservationHandler(StockWriteEngine engine, ITenantContext tenant)
{
    public Task<WriteResult<Reservation>> ReleaseAsync(string id, string? idempotencyKey, string actor, CancellationToken cancellationToken) =>
        ReservationTransitions.RunAsync(engine, tenant.Tenant, "releaseReservation", id, ReservationStatus.Released, idempotencyKey, actor, cancellationToken);
}
