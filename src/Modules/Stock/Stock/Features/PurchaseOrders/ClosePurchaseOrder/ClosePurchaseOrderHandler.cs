using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.PurchaseOrders.ClosePurchaseOrder;

/// <summary>closePurchaseOrder: what was not received is no longer incoming (ledger PURCHASE_CLOSED).</summary>
internal sealed class ClosePurchaseOrderHandler(StockWriteEngine engine, ITenantContext tenant)
{
    public async Task<WriteResult<PurchaseOrder>> CloseAsync(string id, string? key, string actor, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var orderId))
            return WriteResult<PurchaseOrder>.Fail(UserError.NotFound("The purchase order", "id"));
        if (IdempotencyKeys.Check(key) is { } keyError)
            return WriteResult<PurchaseOrder>.Fail(keyError);
        return await engine.WriteAsync(tenant.Tenant, new ClosePurchaseOrderCommand(orderId, key, actor), cancellationToken);
    }
}

internal sealed class ClosePurchaseOrderCommand(Guid orderId, string? idempotencyKey, string actor)
    : StockCommand<PurchaseOrder>("closePurchaseOrder", idempotencyKey, new { id = orderId })
{
    public override IReadOnlyList<Guid> PurchaseOrderIds { get; } = [orderId];

    protected override WriteResult<PurchaseOrder> Execute(WriteBatch batch)
    {
        if (!batch.PurchaseOrders.TryGetValue(orderId, out var order))
            return WriteResult<PurchaseOrder>.Fail(UserError.NotFound("The purchase order", "id"));
        if (order.Status is PurchaseOrderStatus.Closed or PurchaseOrderStatus.Received)
            return WriteResult<PurchaseOrder>.Ok(order.Copy()); // nothing is expected any more: retry-safe
        var change = new ChangeContext(StockReason.PurchaseClosed, order.Reference, actor, IdempotencyKey, batch.Now);
        foreach (var line in order.Lines.Where(l => l.Remaining > 0).OrderBy(l => l.LevelId))
        {
            if (batch.Apply(batch.Levels[line.LevelId], new QuantityDeltas(Incoming: -line.Remaining), StockGuard.Physical, change, "id") is { } refused)
                return WriteResult<PurchaseOrder>.Fail(refused);
        }
        batch.UpdatePurchaseOrder(order, o => o.Status = PurchaseOrderStatus.Closed);
        return WriteResult<PurchaseOrder>.Ok(order.Copy());
    }
}
