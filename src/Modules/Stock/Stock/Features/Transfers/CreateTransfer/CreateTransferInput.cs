using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.Features.Transfers.CreateTransfer;

internal sealed record TransferLineInput
{
    public string Sku { get; init; } = "";
    public int Quantity { get; init; }
}

internal sealed record CreateTransferInput
{
    public string FromWarehouseCode { get; init; } = "";
    public string ToWarehouseCode { get; init; } = "";
    public List<TransferLineInput> Lines { get; init; } = [];
    public string? Reference { get; init; }
}

internal sealed class TransferLineInputType : InputObjectGraphType<TransferLineInput>
{
    public TransferLineInputType()
    {
        Name = "TransferLineInput";
        Field(i => i.Sku);
        Field(i => i.Quantity);
    }
}

internal sealed class CreateTransferInputType : InputObjectGraphType<CreateTransferInput>
{
    public CreateTransferInputType()
    {
        Name = "CreateTransferInput";
        Description = $"A transfer between two warehouses, 1-{Transfer.MaxLines} lines, one per SKU. Created as DRAFT: nothing moves until shipTransfer.";
        Field(i => i.FromWarehouseCode);
        Field(i => i.ToWarehouseCode);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TransferLineInputType>>>>("lines");
        Field(i => i.Reference, nullable: true);
    }
}

internal sealed class CreateTransferValidator : AbstractValidator<CreateTransferInput>
{
    public CreateTransferValidator()
    {
        RuleFor(i => i.FromWarehouseCode).ValidWarehouseCode();
        RuleFor(i => i.ToWarehouseCode).ValidWarehouseCode();
        RuleFor(i => i.ToWarehouseCode).Must((i, to) => WarehouseRules.Normalize(to) != WarehouseRules.Normalize(i.FromWarehouseCode))
            .WithErrorCode(StockErrors.SameWarehouse).WithMessage("A transfer goes to another warehouse than it comes from.");
        RuleFor(i => i.Lines).Must(l => l.Count is > 0 and <= Transfer.MaxLines).WithErrorCode(StockErrors.TooManyLines)
            .WithMessage($"A transfer has 1 to {Transfer.MaxLines} lines.");
        RuleForEach(i => i.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Sku).ValidSku();
            line.RuleFor(l => l.Quantity).PositiveQuantity();
        }).When(i => i.Lines.Count <= Transfer.MaxLines);
        RuleFor(i => i.Lines).Must(l => l.GroupBy(x => StockProduct.KeyOf(x.Sku)).All(g => g.Count() == 1))
            .WithErrorCode(StockErrors.DuplicateLine).WithMessage("Each SKU may appear on one line only.")
            .When(i => i.Lines.Count <= Transfer.MaxLines);
        RuleFor(i => i.Reference).ValidReference();
    }
}
