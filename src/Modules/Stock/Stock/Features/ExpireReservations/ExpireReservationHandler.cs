using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Reservations;

namespace Inventory.Stock.Features.ExpireReservations;

/// <summary>Expiry: a HELD reservation past its time to live gives its stock back (run by the reservation expiry job).</summary>
internal sealed class ExpireReservationHandler(StockWriteEngine engine, ITenantContext tenant)
{
    /// <summary>Expires one reservation past its time to live (the scheduled job's work).</summary>
    public Task<WriteResult<Reservation>> ExpireAsync(Guid id, CancellationToken cancellationToken) =>
        ReservationTransitions.RunAsync(engine, tenant.Tenant, "expireReservation", id.ToString(), ReservationStatus.Expired, null, BuildingBlocks.Security.Actors.System, cancellationToken);
}
