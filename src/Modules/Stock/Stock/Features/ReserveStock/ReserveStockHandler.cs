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
/// expired by the scheduled job (<see cref="ReservationTransitions"/>). This is the one reservation path (orders use
/// it too), so that a combining strategy for hot SKUs can later replace <see cref="ReserveLinesAsync"/> and be
/// measured against it.
/// </summary>
internal sealed class ReserveStockHandler(StockWrites writes, IValidator<ReserveStockInput> validator)
{
    public async Task<WriteResult<Reservation>> ReserveAsync(ReserveStockInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (StockWrites.CheckKey(idempotencyKey) is { } keyError)
            errors.Add(keyError);
        if (errors.Count > 0)
            return WriteResult<Reservation>.Fail(errors);

        var request = input with
        {
            Lines = input.Lines.Select(l => l with { Sku = StockProduct.KeyOf(l.Sku), WarehouseCode = WarehouseRules.Normalize(l.WarehouseCode) }).ToList(),
            TtlSeconds = input.TtlSeconds ?? ReserveStockInput.DefaultTtlSeconds,
            Reference = StockInputRules.Clean(input.Reference),
        };
        if (await writes.ReplayAsync<Reservation>("reserveStock", idempotencyKey, request, cancellationToken) is { } earlier)
            return earlier;

        var (targets, targetErrors) = await StockTargets.ResolveAsync(writes.Open,
            request.Lines.Select((l, i) => new TargetRequest(l.Sku, l.WarehouseCode, $"input.lines[{i}]")).ToList(), TargetUse.Outbound, writes.Now, cancellationToken);
        if (targetErrors.Count > 0)
            return WriteResult<Reservation>.Fail(targetErrors);
        // A level never stocked has nothing to reserve (and no backorder setting allowing it).
        var missing = targets.Select((t, i) => (t, i)).Where(x => x.t.LevelId is null)
            .Select(x => StockErrors.Insufficient(x.t.Product.Sku, x.t.Warehouse.Code, $"input.lines[{x.i}].quantity")).ToList();
        if (missing.Count > 0)
            return WriteResult<Reservation>.Fail(missing);

        return await writes.RunAsync<Reservation>("reserveStock", idempotencyKey, request, (db, now, ct) =>
        {
            var id = Guid.CreateVersion7();
            var reservation = new Reservation
            {
                Id = id,
                SortKey = SortKeys.Of(now, id),
                Status = ReservationStatus.Held,
                Reference = request.Reference,
                ExpiresAt = now.AddSeconds(request.TtlSeconds!.Value),
                Actor = actor,
                IdempotencyKey = idempotencyKey,
                CreatedAt = now,
                UpdatedAt = now,
                Lines = targets.Select((t, i) => new ReservationLine
                {
                    LineNumber = i + 1,
                    Sku = t.Product.Sku,
                    SkuKey = t.Product.SkuKey,
                    WarehouseId = t.Warehouse.Id,
                    WarehouseCode = t.Warehouse.Code,
                    LevelId = t.LevelId!.Value,
                    Quantity = request.Lines[i].Quantity,
                }).ToList(),
            };
            return ReserveLinesAsync(db, reservation, now, ct);
        }, cancellationToken, keyCheckedJustNow: true);
    }

    /// <summary>
    /// Takes the lines' stock in ascending level id order (every writer does), so overlapping reservations wait
    /// for each other instead of deadlocking; the first line that cannot be covered fails the whole reservation
    /// and the caller's transaction rolls back the lines before it.
    /// </summary>
    internal static async Task<WriteResult<Reservation>> ReserveLinesAsync(StockDbContext db, Reservation reservation, DateTime now, CancellationToken cancellationToken)
    {
        var change = new ChangeContext(StockReason.Reserved, reservation.Reference, reservation.Actor, reservation.IdempotencyKey, now, ReservationId: reservation.Id);
        foreach (var line in reservation.Lines.OrderBy(l => l.LevelId))
        {
            var result = await LevelWriter.ApplyAsync(db, line.LevelId, new QuantityDeltas(Reserved: line.Quantity), StockGuard.Available, change,
                $"input.lines[{line.LineNumber - 1}].quantity", cancellationToken);
            if (!result.Succeeded)
                return WriteResult<Reservation>.Fail(result.Error!);
        }
        db.Reservations.Add(reservation);
        db.Publish(new StockReserved(reservation.Id, reservation.Reference, ReservationTransitions.Lines(reservation), reservation.ExpiresAt, now), now);
        return WriteResult<Reservation>.Ok(reservation);
    }
}
