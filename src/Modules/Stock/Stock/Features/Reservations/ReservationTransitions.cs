using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Stock.Contracts.IntegrationEvents;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.Reservations;

/// <summary>
/// A reservation's moves after it is held: committed and fulfilled, or released, or expired. Each use case runs one
/// through <see cref="RunAsync"/> as a stock write; the order consumers apply one inside their own transaction.
/// </summary>
internal static class ReservationTransitions
{
    public static async Task<WriteResult<Reservation>> RunAsync(
        StockWriteEngine engine, TenantInfo tenant, string operation, string id, ReservationStatus target, string? idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var reservationId))
            return WriteResult<Reservation>.Fail(UserError.NotFound("The reservation", "id"));
        if (IdempotencyKeys.Check(idempotencyKey) is { } keyError)
            return WriteResult<Reservation>.Fail(keyError);
        return await engine.WriteAsync(tenant, new MoveReservationCommand(operation, reservationId, target, idempotencyKey, actor), cancellationToken);
    }

    public static string StatusName(ReservationStatus status) => StockReasons.ConstantCase(status.ToString());

    internal static List<ReservationLineInfo> Lines(Reservation reservation) =>
        reservation.Lines.OrderBy(l => l.LineNumber).Select(l => new ReservationLineInfo(l.Sku, l.WarehouseCode, l.Quantity)).ToList();
}
