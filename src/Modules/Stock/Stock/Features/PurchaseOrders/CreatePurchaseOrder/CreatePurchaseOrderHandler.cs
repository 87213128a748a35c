using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.PurchaseOrders.CreatePurchaseOrder;

/// <summary>createPurchaseOrder: stock ordered from a supplier becomes incoming at the warehouse (ledger PURCHASE_ORDERED).</summary>
internal sealed class CreatePurchaseOrderHandler(StockWrites writes, IValidator<CreatePurchaseOrderInput> validator)
{
    public async Task<WriteResult<PurchaseOrder>> CreateAsync(CreatePurchaseOrderInput input, string? key, string actor, CancellationToken cancellationToken)
    {
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (StockWrites.CheckKey(key) is { } keyError)
            errors.Add(keyError);
        if (errors.Count > 0)
            return WriteResult<PurchaseOrder>.Fail(errors);
        var request = input with
        {
            Supplier = input.Supplier.Trim(),
            WarehouseCode = WarehouseRules.Normalize(input.WarehouseCode),
            Lines = input.Lines.Select(l => l with { Sku = StockProduct.KeyOf(l.Sku) }).ToList(),
        };
        if (await writes.ReplayAsync<PurchaseOrder>("createPurchaseOrder", key, request, cancellationToken) is { } earlier)
            return earlier;
        var (targets, targetErrors) = await StockTargets.ResolveAsync(writes.Open,
            request.Lines.Select((l, i) => new TargetRequest(l.Sku, request.WarehouseCode, $"input.lines[{i}]")).ToList(), TargetUse.Inbound, writes.Now, cancellationToken);
        if (targetErrors.Count > 0)
            return WriteResult<PurchaseOrder>.Fail(targetErrors.Select(e => e.Field?.EndsWith(".warehouseCode", StringComparison.Ordinal) == true ? e with { Field = "input.warehouseCode" } : e)
                .DistinctBy(e => (e.Code, e.Field)).ToList());

        return await writes.RunAsync<PurchaseOrder>("createPurchaseOrder", key, request, async (db, now, ct) =>
        {
            var id = Guid.CreateVersion7();
            var order = new PurchaseOrder
            {
                Id = id, Status = PurchaseOrderStatus.Open, Supplier = request.Supplier, WarehouseId = targets[0].Warehouse.Id,
                WarehouseCode = targets[0].Warehouse.Code, ExpectedAt = request.ExpectedAt?.UtcDateTime, Actor = actor,
                CreatedAt = now, UpdatedAt = now, SortKey = SortKeys.Of(now, id),
                Lines = request.Lines.Select((l, i) => new PurchaseOrderLine
                {
                    PurchaseOrderId = id, LineNumber = i + 1, Sku = targets[i].Product.Sku, SkuKey = targets[i].Product.SkuKey,
                    LevelId = targets[i].LevelId!.Value, Quantity = l.Quantity,
                }).ToList(),
            };
            foreach (var line in order.Lines.OrderBy(l => l.LevelId))
            {
                var change = await LevelWriter.ApplyAsync(db, line.LevelId, new QuantityDeltas(Incoming: line.Quantity), StockGuard.Physical,
                    new ChangeContext(StockReason.PurchaseOrdered, order.Reference, actor, key, now), $"input.lines[{line.LineNumber - 1}].quantity", ct);
                if (!change.Succeeded)
                    return WriteResult<PurchaseOrder>.Fail(change.Error!);
            }
            db.PurchaseOrders.Add(order);
            return WriteResult<PurchaseOrder>.Ok(order);
        }, cancellationToken, keyCheckedJustNow: key is not null);
    }
}
