using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.Transfers.CreateTransfer;

/// <summary>createTransfer: a DRAFT transfer between two active warehouses; nothing moves until it ships.</summary>
internal sealed class CreateTransferHandler(StockWriteEngine engine, ITenantContext tenant, IValidator<CreateTransferInput> validator)
{
    public async Task<WriteResult<Transfer>> CreateAsync(CreateTransferInput input, string idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        var errors = (await validator.ValidateToUserErrorsAsync(input, cancellationToken)).ToList();
        if (IdempotencyKeys.Check(idempotencyKey) is { } keyError)
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
        return await engine.WriteAsync(tenant.Tenant, new CreateTransferCommand(idempotencyKey, request, actor), cancellationToken);
    }
}

/// <summary>
/// The draft, on the batch's state: both warehouses known and active, every SKU active; the levels on both sides
/// are created empty here (the batch creates inbound targets), so shipping and receiving later only update.
/// </summary>
internal sealed class CreateTransferCommand(string idempotencyKey, CreateTransferInput request, string actor)
    : StockCommand<Transfer>("createTransfer", idempotencyKey, request)
{
    public override IReadOnlyList<LevelTarget> Targets { get; } = request.Lines.SelectMany(l => new[]
    {
        new LevelTarget(new LevelKey(StockProduct.KeyOf(l.Sku), request.FromWarehouseCode), TargetUse.Inbound),
        new LevelTarget(new LevelKey(StockProduct.KeyOf(l.Sku), request.ToWarehouseCode), TargetUse.Inbound),
    }).ToList();

    protected override WriteResult<Transfer> Execute(WriteBatch batch)
    {
        var errors = new List<UserError>();
        foreach (var (code, field) in new[] { (request.FromWarehouseCode, "input.fromWarehouseCode"), (request.ToWarehouseCode, "input.toWarehouseCode") })
        {
            var warehouse = batch.Warehouses.GetValueOrDefault(code);
            if (warehouse is null)
                errors.Add(StockErrors.WarehouseUnknown(code, field));
            else if (!warehouse.Active)
                errors.Add(StockErrors.Inactive(code, field));
        }
        if (errors.Count > 0)
            return WriteResult<Transfer>.Fail(errors);
        for (var i = 0; i < Targets.Count; i++)
            TargetChecks.Resolve(batch, Targets[i], $"input.lines[{i / 2}]", errors);
        if (errors.Count > 0)
            return WriteResult<Transfer>.Fail(errors.DistinctBy(e => (e.Code, e.Field)).ToList());

        var now = batch.Now;
        var id = Guid.CreateVersion7();
        var from = batch.Warehouses[request.FromWarehouseCode];
        var to = batch.Warehouses[request.ToWarehouseCode];
        var transfer = new Transfer
        {
            Id = id,
            SortKey = SortKeys.Of(now, id),
            Status = TransferStatus.Draft,
            FromWarehouseId = from.Id,
            FromWarehouseCode = from.Code,
            ToWarehouseId = to.Id,
            ToWarehouseCode = to.Code,
            Reference = request.Reference,
            Actor = actor,
            CreatedAt = now,
            UpdatedAt = now,
            Lines = request.Lines.Select((l, i) => new TransferLine
            {
                TransferId = id,
                LineNumber = i + 1,
                Sku = batch.Products[Targets[2 * i].Key.SkuKey].Sku,
                SkuKey = Targets[2 * i].Key.SkuKey,
                Quantity = l.Quantity,
            }).ToList(),
        };
        batch.AddTransfer(transfer);
        return WriteResult<Transfer>.Ok(transfer.Copy());
    }
}
