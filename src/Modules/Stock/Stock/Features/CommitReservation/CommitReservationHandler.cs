using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Reservations;

namespace Inventory.Stock.Features.CommitReservation;

/// <summary>commitReservation: a HELD reservation's stock moves from reserved to committed.</summary>
internal sealed class CommitReservationHandler(StockWriteEngine engine, ITenantContext tenant)
{
    public Task<WriteResult<Reservation>> CommitAsync(string id, string? idempotencyKey, string actor, CancellationToken cancellationToken) =>
        ReservationTransitions.RunAsync(engine, tenant.Tenant, "commitReservation", id, ReservationStatus.Committed, idempotencyKey, actor, cancellationToken);
}
