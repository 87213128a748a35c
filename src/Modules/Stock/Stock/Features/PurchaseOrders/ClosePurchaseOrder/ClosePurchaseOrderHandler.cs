using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.PurchaseOrders.ClosePurchaseOrder;

/// <summary>closePurchaseOrder: what was not received is no longer incoming (ledger PURCHASE_CLOSED).</summary>
internal sealed class ClosePurchaseOrderHandler(StockWrites writes)
{
    public async Task<WriteResult<PurchaseOrder>> CloseAsync(string id, string? key, string actor, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var orderId))
            return WriteResult<PurchaseOrder>.Fail(UserError.NotFound("The purchase order", "id"));
        return await writes.RunAsync<PurchaseOrder>("closePurchaseOrder", key, new { id = orderId }, async (db, now, ct) =>
        {
            var order = await db.PurchaseOrders.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == orderId, ct);
            if (order is null)
                return WriteResult<PurchaseOrder>.Fail(UserError.NotFound("The purchase order", "id"));
            if (order.Status is PurchaseOrderStatus.Closed or PurchaseOrderStatus.Received)
                return WriteResult<PurchaseOrder>.Ok(order); // nothing is expected any more: retry-safe
            var moved = await db.PurchaseOrders.Where(p => p.Id == orderId && p.Status == order.Status && p.UpdatedAt == order.UpdatedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PurchaseOrderStatus.Closed).SetProperty(p => p.UpdatedAt, now), ct);
            if (moved == 0)
                return WriteResult<PurchaseOrder>.Fail(new UserError(ErrorCodes.Conflict, "The purchase order is changing; try again.", "id"));
            foreach (var line in order.Lines.Where(l => l.Remaining > 0).OrderBy(l => l.LevelId))
            {
                var change = await LevelWriter.ApplyAsync(db, line.LevelId, new QuantityDeltas(Incoming: -line.Remaining), StockGuard.Physical,
                    new ChangeContext(StockReason.PurchaseClosed, order.Reference, actor, key, now), "id", ct);
                if (!change.Succeeded)
                    return WriteResult<PurchaseOrder>.Fail(change.Error!);
            }
            db.Entry(order).State = EntityState.Detached;
            order.Status = PurchaseOrderStatus.Closed;
            order.UpdatedAt = now;
            return WriteResult<PurchaseOrder>.Ok(order);
        }, cancellationToken);
    }
}
