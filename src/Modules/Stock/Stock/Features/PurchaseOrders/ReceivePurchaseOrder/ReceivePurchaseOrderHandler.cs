using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Allocation;
using Inventory.Stock.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.PurchaseOrders.ReceivePurchaseOrder;

/// <summary>receivePurchaseOrder: some or all of a purchase order arrives; incoming becomes onHand (ledger RECEIVED).</summary>
internal sealed class ReceivePurchaseOrderHandler(StockWrites writes)
{
    public const string OverReceipt = "OVER_RECEIPT";

    public async Task<WriteResult<PurchaseOrder>> ReceiveAsync(string id, List<PurchaseLineInput> lines, string? key, string actor, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var orderId))
            return WriteResult<PurchaseOrder>.Fail(UserError.NotFound("The purchase order", "id"));
        var errors = new List<UserError>();
        if (StockWrites.CheckKey(key) is { } keyError)
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
        var request = new { id = orderId, lines = lines.Select(l => new { sku = StockProduct.KeyOf(l.Sku), l.Quantity }).ToList() };

        return await writes.RunAsync<PurchaseOrder>("receivePurchaseOrder", key, request, async (db, now, ct) =>
        {
            var order = await db.PurchaseOrders.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == orderId, ct);
            if (order is null)
                return WriteResult<PurchaseOrder>.Fail(UserError.NotFound("The purchase order", "id"));
            if (order.Status is not (PurchaseOrderStatus.Open or PurchaseOrderStatus.PartiallyReceived))
                return WriteResult<PurchaseOrder>.Fail(StockErrors.Status("purchase order", StockReasons.ConstantCase(order.Status.ToString()), "OPEN or PARTIALLY_RECEIVED"));
            var allowOver = (await Allocator.SettingsAsync(db, ct)).AllowOverReceipt;
            var receipt = new List<(PurchaseOrderLine Line, int Quantity, int Index)>();
            for (var i = 0; i < lines.Count; i++)
            {
                var line = order.Lines.FirstOrDefault(l => l.SkuKey == StockProduct.KeyOf(lines[i].Sku));
                if (line is null)
                    return WriteResult<PurchaseOrder>.Fail(new UserError(StockErrors.UnknownSku, $"'{lines[i].Sku.Trim()}' is not on this purchase order.", $"lines[{i}].sku"));
                if (lines[i].Quantity > line.Remaining && !allowOver)
                    return WriteResult<PurchaseOrder>.Fail(new UserError(OverReceipt,
                        $"{line.Sku}: {line.Remaining} still expected, {lines[i].Quantity} received. Over-receipt is refused unless allowed (configureAllocation allowOverReceipt).", $"lines[{i}].quantity"));
                receipt.Add((line, lines[i].Quantity, i));
            }
            // The purchase order row is locked first (its version of Received must not race another receipt), then levels in id order.
            var touched = await db.PurchaseOrders.Where(p => p.Id == orderId && p.Status == order.Status && p.UpdatedAt == order.UpdatedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, now), ct);
            if (touched == 0)
                return WriteResult<PurchaseOrder>.Fail(new UserError(ErrorCodes.Conflict, "The purchase order is being received by another request; try again.", "id"));
            foreach (var (line, quantity, index) in receipt.OrderBy(r => r.Line.LevelId))
            {
                var fromIncoming = Math.Min(quantity, line.Remaining);
                var change = await LevelWriter.ApplyAsync(db, line.LevelId, new QuantityDeltas(OnHand: quantity, Incoming: -fromIncoming), StockGuard.Physical,
                    new ChangeContext(StockReason.Received, order.Reference, actor, key, now), $"lines[{index}].quantity", ct);
                if (!change.Succeeded)
                    return WriteResult<PurchaseOrder>.Fail(change.Error!);
                line.Received += quantity;
            }
            order.Status = order.Lines.All(l => l.Remaining == 0) ? PurchaseOrderStatus.Received : PurchaseOrderStatus.PartiallyReceived;
            order.UpdatedAt = now;
            return WriteResult<PurchaseOrder>.Ok(order);
        }, cancellationToken);
    }
}
