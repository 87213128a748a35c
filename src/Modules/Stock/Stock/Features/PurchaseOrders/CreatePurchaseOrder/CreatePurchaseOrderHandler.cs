using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.PurchaseOrders.CreatePurchaseOrder;

/// <summary>createPurchaseOrder: stock ordered from a supplier becomes incoming at the warehouse (ledger PURCHASE_ORDERED).</summary>
internal sealed class CreatePurchaseOrderHandler(StockWriteEngine engine, ITenantContext tenant, IValidator<CreatePurchaseOrderInput> validator)
{
    public async Task<WriteResult<PurchaseOrder>> CreateAsync(CreatePurchaseOrderInput input, string? key, string actor, CancellationToken cancellationToken)
    {
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (IdempotencyKeys.Check(key) is { } keyError)
            errors.Add(keyError);
        if (errors.Count > 0)
            return WriteResult<PurchaseOrder>.Fail(errors);
        var request = input with
        {
            Supplier = input.Supplier.Trim(),
            WarehouseCode = WarehouseRules.Normalize(input.WarehouseCode),
            Lines = input.Lines.Select(l => l with { Sku = StockProduct.KeyOf(l.Sku) }).ToList(),
        };
        return await engine.WriteAsync(tenant.Tenant, new CreatePurchaseOrderCommand(key, request, actor), cancellationToken);
    }
}

/// <summary>The order and its incoming stock on the batch's state; its levels are created empty when new (inbound targets).</summary>
internal sealed class CreatePurchaseOrderCommand(string? idempotencyKey, CreatePurchaseOrderInput request, string actor)
    : StockCommand<PurchaseOrder>("createPurchaseOrder", idempotencyKey, request)
{
    public override IReadOnlyList<LevelTarget> Targets { get; } =
        request.Lines.Select(l => new LevelTarget(new LevelKey(l.Sku, request.WarehouseCode), TargetUse.Inbound)).ToList();

    protected override WriteResult<PurchaseOrder> Execute(WriteBatch batch)
    {
        var errors = new List<UserError>();
        var levels = Targets.Select((t, i) => TargetChecks.Resolve(batch, t, $"input.lines[{i}]", errors)).ToList();
        if (errors.Count > 0)
            // The warehouse is named once, on the order: its error belongs to that field, once.
            return WriteResult<PurchaseOrder>.Fail(errors
                .Select(e => e.Field?.EndsWith(".warehouseCode", StringComparison.Ordinal) == true ? e with { Field = "input.warehouseCode" } : e)
                .DistinctBy(e => (e.Code, e.Field)).ToList());
        if (levels.Any(l => l is null))
            return WriteResult<PurchaseOrder>.Fail(UserError.NotFound("The stock level", "input.warehouseCode"));

        var now = batch.Now;
        var id = Guid.CreateVersion7();
        var warehouse = batch.Warehouses[request.WarehouseCode];
        var order = new PurchaseOrder
        {
            Id = id, Status = PurchaseOrderStatus.Open, Supplier = request.Supplier, WarehouseId = warehouse.Id,
            WarehouseCode = warehouse.Code, ExpectedAt = request.ExpectedAt?.UtcDateTime, Actor = actor,
            CreatedAt = now, UpdatedAt = now, SortKey = SortKeys.Of(now, id),
            Lines = request.Lines.Select((l, i) => new PurchaseOrderLine
            {
                PurchaseOrderId = id, LineNumber = i + 1, Sku = levels[i]!.Sku, SkuKey = levels[i]!.SkuKey,
                LevelId = levels[i]!.Id, Quantity = l.Quantity,
            }).ToList(),
        };
        var change = new ChangeContext(StockReason.PurchaseOrdered, order.Reference, actor, IdempotencyKey, now);
        foreach (var line in order.Lines.OrderBy(l => l.LevelId))
        {
            if (batch.Apply(batch.Levels[line.LevelId], new QuantityDeltas(Incoming: line.Quantity), StockGuard.Physical, change,
                    $"input.lines[{line.LineNumber - 1}].quantity") is { } refused)
                return WriteResult<PurchaseOrder>.Fail(refused);
        }
        batch.AddPurchaseOrder(order);
        return WriteResult<PurchaseOrder>.Ok(order.Copy());
    }
}
