using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.PurchaseOrders.CreatePurchaseOrder;

internal sealed record CreatePurchaseOrderInput
{
    public string Supplier { get; init; } = "";
    public string WarehouseCode { get; init; } = "";
    public List<PurchaseLineInput> Lines { get; init; } = [];
    public DateTimeOffset? ExpectedAt { get; init; }
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
