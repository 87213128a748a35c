using FluentValidation;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Allocation;
using Inventory.Stock.Features.Common;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Stock.Features.PurchaseOrders;

internal sealed record PurchaseLineInput
{
    public string Sku { get; init; } = "";
    public int Quantity { get; init; }
}

internal sealed record CreatePurchaseOrderInput
{
    public string Supplier { get; init; } = "";
    public string WarehouseCode { get; init; } = "";
    public List<PurchaseLineInput> Lines { get; init; } = [];
    public DateTimeOffset? ExpectedAt { get; init; }
}

internal sealed class PurchaseLineInputType : InputObjectGraphType<PurchaseLineInput>
{
    public PurchaseLineInputType()
    {
        Name = "PurchaseOrderLineInput";
        Field(i => i.Sku);
        Field(i => i.Quantity);
    }
}

internal sealed class CreatePurchaseOrderInputType : InputObjectGraphType<CreatePurchaseOrderInput>
{
    public CreatePurchaseOrderInputType()
    {
        Name = "CreatePurchaseOrderInput";
        Description = $"1-{PurchaseOrder.MaxLines} lines, one per SKU; their quantities become incoming at the warehouse.";
        Field(i => i.Supplier);
        Field(i => i.WarehouseCode);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PurchaseLineInputType>>>>("lines");
        Field<DateTimeOffsetGraphType>("expectedAt");
    }
}

internal sealed class CreatePurchaseOrderValidator : AbstractValidator<CreatePurchaseOrderInput>
{
    public CreatePurchaseOrderValidator()
    {
        RuleFor(i => i.Supplier).Must(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= 200).WithMessage("A supplier is required (at most 200 characters).");
        RuleFor(i => i.WarehouseCode).ValidWarehouseCode();
        RuleFor(i => i.Lines).Must(l => l.Count is > 0 and <= PurchaseOrder.MaxLines).WithErrorCode(StockErrors.TooManyLines)
            .WithMessage($"A purchase order has 1 to {PurchaseOrder.MaxLines} lines.");
        RuleForEach(i => i.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Sku).ValidSku();
            line.RuleFor(l => l.Quantity).PositiveQuantity();
        }).When(i => i.Lines.Count <= PurchaseOrder.MaxLines);
        RuleFor(i => i.Lines).Must(l => l.GroupBy(x => StockProduct.KeyOf(x.Sku)).All(g => g.Count() == 1))
            .WithErrorCode(StockErrors.DuplicateLine).WithMessage("Each SKU may appear on one line only.")
            .When(i => i.Lines.Count <= PurchaseOrder.MaxLines);
    }
}

/// <summary>createPurchaseOrder, receivePurchaseOrder (partial receipts), closePurchaseOrder: each one stock write.</summary>
internal sealed class PurchaseOrderHandlers(StockWrites writes, IValidator<CreatePurchaseOrderInput> validator)
{
    public const string OverReceipt = "OVER_RECEIPT";

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
