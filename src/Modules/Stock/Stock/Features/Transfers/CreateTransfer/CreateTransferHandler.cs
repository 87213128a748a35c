using FluentValidation;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Transfers.CreateTransfer;

/// <summary>createTransfer: a DRAFT transfer between two active warehouses; nothing moves until it ships.</summary>
internal sealed class CreateTransferHandler(StockWrites writes, IValidator<CreateTransferInput> validator)
{
    public async Task<WriteResult<Transfer>> CreateAsync(CreateTransferInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (StockWrites.CheckKey(idempotencyKey) is { } keyError)
            errors.Add(keyError);
        if (errors.Count > 0)
            return WriteResult<Transfer>.Fail(errors);
        var request = input with
        {
            FromWarehouseCode = WarehouseRules.Normalize(input.FromWarehouseCode),
            ToWarehouseCode = WarehouseRules.Normalize(input.ToWarehouseCode),
            Lines = input.Lines.Select(l => l with { Sku = l.Sku.Trim() }).ToList(),
            Reference = StockInputRules.Clean(input.Reference),
        };
        if (await writes.ReplayAsync<Transfer>("createTransfer", idempotencyKey, request, cancellationToken) is { } earlier)
            return earlier;

        await using (var db = writes.Open())
        {
            var codes = new[] { request.FromWarehouseCode, request.ToWarehouseCode };
            var warehouses = await db.Warehouses.AsNoTracking().Where(w => codes.Contains(w.Code)).ToListAsync(cancellationToken);
            foreach (var (code, field) in new[] { (request.FromWarehouseCode, "input.fromWarehouseCode"), (request.ToWarehouseCode, "input.toWarehouseCode") })
            {
                var warehouse = warehouses.FirstOrDefault(w => w.Code == code);
                if (warehouse is null)
                    errors.Add(StockErrors.WarehouseUnknown(code, field));
                else if (!warehouse.Active)
                    errors.Add(StockErrors.Inactive(code, field));
            }
        }
        if (errors.Count > 0)
            return WriteResult<Transfer>.Fail(errors);

        var requests = request.Lines.SelectMany((l, i) => new[]
        {
            new TargetRequest(l.Sku, request.FromWarehouseCode, $"input.lines[{i}]"),
            new TargetRequest(l.Sku, request.ToWarehouseCode, $"input.lines[{i}]"),
        }).ToList();
        var (targets, targetErrors) = await StockTargets.ResolveAsync(writes.Open, requests, TargetUse.Inbound, writes.Now, cancellationToken);
        if (targetErrors.Count > 0)
            return WriteResult<Transfer>.Fail(targetErrors.DistinctBy(e => (e.Code, e.Field)).ToList());

        return await writes.RunAsync<Transfer>("createTransfer", idempotencyKey, request, (db, now, ct) =>
        {
            var id = Guid.CreateVersion7();
            var transfer = new Transfer
            {
                Id = id,
                SortKey = SortKeys.Of(now, id),
                Status = TransferStatus.Draft,
                FromWarehouseId = targets[0].Warehouse.Id,
                FromWarehouseCode = targets[0].Warehouse.Code,
                ToWarehouseId = targets[1].Warehouse.Id,
                ToWarehouseCode = targets[1].Warehouse.Code,
                Reference = request.Reference,
                Actor = actor,
                CreatedAt = now,
                UpdatedAt = now,
                Lines = request.Lines.Select((l, i) => new TransferLine
                {
                    LineNumber = i + 1,
                    Sku = targets[2 * i].Product.Sku,
                    SkuKey = targets[2 * i].Product.SkuKey,
                    Quantity = l.Quantity,
                }).ToList(),
            };
            db.Transfers.Add(transfer);
            return Task.FromResult(WriteResult<Transfer>.Ok(transfer));
        }, cancellationToken, keyCheckedJustNow: true);
    }
}
