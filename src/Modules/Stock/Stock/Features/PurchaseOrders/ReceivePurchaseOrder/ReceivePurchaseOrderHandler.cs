using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Allocation;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Persistence;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.PurchaseOrders.ReceivePurchaseOrder;

/// <summary>receivePurchaseOrder: some or all of a purchase order arrives; incoming becomes onHand (ledger RECEIVED).</summary>
internal sealed class ReceivePurchaseOrderHandler(StockWriteEngine engine, ITenantContext tenant, ModuleDbContextFactory<StockDbContext> contexts)
{
    public const string OverReceipt = "OVER_RECEIPT";

    public async Task<WriteResult<PurchaseOrder>> ReceiveAsync(string id, List<PurchaseLineInput> lines, string? key, string actor, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var orderId))
            return WriteResult<PurchaseOrder>.Fail(UserError.NotFound("The purchase order", "id"));
        var errors = new List<UserError>();
        if (IdempotencyKeys.Check(key) is { } keyError)
            errors.Add(keyError);
        if (lines.Count is 0 or > PurchaseOrder.MaxLines)
            errors.Add(new UserError(StockErrors.TooManyLines, $"A receipt has 1 to {PurchaseOrder.MaxLines} lines.", "lines"));
        for (var i = 0; i < lines.Count && i < PurchaseOrder.MaxLines; i++)
            if (lines[i].Quantity is < 1 or > StockLevel.MaxQuantity)
                errors.Add(new UserError(StockErrors.InvalidQuantity, $"The quantity must be 1 to {StockLevel.MaxQuantity:N0}.", $"lines[{i}].quantity"));
        if (lines.GroupBy(l => StockProduct.KeyOf(l.Sku)).Any(g => g.Count() > 1))
            errors.Add(new UserError(StockErrors.DuplicateLine, "Each SKU may appear on one line only.", "lines"));
        if (errors.Count > 0)
            return WriteResult<PurchaseOrder>.Fail(errors);

        // A tenant setting, read unlocked: a receipt racing a change of it follows either value.
        bool allowOverReceipt;
        await using (var read = contexts.Create())
            allowOverReceipt = (await Allocator.SettingsAsync(read, cancellationToken)).AllowOverReceipt;
        var receipt = lines.Select(l => (Sku: l.Sku.Trim(), SkuKey: StockProduct.KeyOf(l.Sku), l.Quantity)).ToList();
        return await engine.WriteAsync(tenant.Tenant, new ReceivePurchaseOrderCommand(orderId, receipt, allowOverReceipt, key, actor), cancellationToken);
    }
}

internal sealed class ReceivePurchaseOrderCommand(
    Guid orderId, IReadOnlyList<(string Sku, string SkuKey, int Quantity)> lines, bool allowOverReceipt, string? idempotencyKey, string actor)
    : StockCommand<PurchaseOrder>("receivePurchaseOrder", idempotencyKey,
        new { id = orderId, lines = lines.Select(l => new { sku = l.SkuKey, l.Quantity }).ToList() })
{
    public override IReadOnlyList<Guid> PurchaseOrderIds { get; } = [orderId];

    protected override WriteResult<PurchaseOrder> Execute(WriteBatch batch)
    {
        if (!batch.PurchaseOrders.TryGetValue(orderId, out var order))
            return WriteResult<PurchaseOrder>.Fail(UserError.NotFound("The purchase order", "id"));
        if (order.Status is not (PurchaseOrderStatus.Open or PurchaseOrderStatus.PartiallyReceived))
            return WriteResult<PurchaseOrder>.Fail(StockErrors.Status("purchase order", StockReasons.ConstantCase(order.Status.ToString()), "OPEN or PARTIALLY_RECEIVED"));
        var receipt = new List<(PurchaseOrderLine Line, int Quantity, int Index)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = order.Lines.FirstOrDefault(l => l.SkuKey == lines[i].SkuKey);
            if (line is null)
                return WriteResult<PurchaseOrder>.Fail(new UserError(StockErrors.UnknownSku, $"'{lines[i].Sku}' is not on this purchase order.", $"lines[{i}].sku"));
            if (lines[i].Quantity > line.Remaining && !allowOverReceipt)
                return WriteResult<PurchaseOrder>.Fail(new UserError(ReceivePurchaseOrderHandler.OverReceipt,
                    $"{line.Sku}: {line.Remaining} still expected, {lines[i].Quantity} received. Over-receipt is refused unless allowed (configureAllocation allowOverReceipt).", $"lines[{i}].quantity"));
            receipt.Add((line, lines[i].Quantity, i));
        }
        var change = new ChangeContext(StockReason.Received, order.Reference, actor, IdempotencyKey, batch.Now);
        foreach (var (line, quantity, index) in receipt.OrderBy(r => r.Line.LevelId))
        {
            // What was expected leaves incoming; anything beyond it (an allowed over-receipt) was never incoming.
            var fromIncoming = Math.Min(quantity, line.Remaining);
            if (batch.Apply(batch.Levels[line.LevelId], new QuantityDeltas(OnHand: quantity, Incoming: -fromIncoming), StockGuard.Physical, change,
                    $"lines[{index}].quantity") is { } refused)
                return WriteResult<PurchaseOrder>.Fail(refused);
        }
        batch.UpdatePurchaseOrder(order, o =>
        {
            foreach (var (line, quantity, _) in receipt)
                line.Received += quantity;
            o.Status = o.Lines.All(l => l.Remaining == 0) ? PurchaseOrderStatus.Received : PurchaseOrderStatus.PartiallyReceived;
        });
        return WriteResult<PurchaseOrder>.Ok(order.Copy());
    }
}
