using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.WriteEngine;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Features.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.ExtendReservation;

/// <summary>extendReservation: a HELD reservation gets a new time to live from now.</summary>
internal sealed class ExtendReservationHandler(StockWriteEngine engine, ITenantContext tenant)
{
    public async Task<WriteResult<Reservation>> ExtendAsync(string id, int ttlSeconds, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (ttlSeconds is < Reservation.MinTtlSeconds or > Reservation.MaxTtlSeconds)
            return WriteResult<Reservation>.Fail(new UserError(StockErrors.InvalidTtl,
                $"The time to live is {Reservation.MinTtlSeconds} to {Reservation.MaxTtlSeconds} seconds (7 days).", "ttlSeconds"));
        if (!Guid.TryParse(id, out var reservationId))
            return WriteResult<Reservation>.Fail(UserError.NotFound("The reservation", "id"));

        if (IdempotencyKeys.Check(idempotencyKey) is { } keyError)
            return WriteResult<Reservation>.Fail(keyError);
        return await engine.WriteAsync(tenant.Tenant, new ExtendReservationCommand(reservationId, ttlSeconds, idempotencyKey), cancellationToken);
    }
}
