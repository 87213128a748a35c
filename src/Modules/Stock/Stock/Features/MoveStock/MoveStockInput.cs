using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.MoveStock;

/// <summary>The named quantities stock can be moved between within one level.</summary>
internal enum StockQuantityName { Available, Damaged }

internal sealed record MoveStockInput
{
    public string Sku { get; init; } = "";
    public string WarehouseCode { get; init; } = "";
    public int Quantity { get; init; }
    public StockQuantityName From { get; init; }
    public StockQuantityName To { get; init; }
    public string? Reference { get; init; }
    [MultilineText]
    public string? Note { get; init; }
}

internal sealed class StockQuantityNameType : EnumerationGraphType<StockQuantityName>
{
    public StockQuantityNameType()
    {
        Name = "StockQuantityName";
        Description = "AVAILABLE is sellable stock (not reserved, committed or damaged); DAMAGED is on hand but not sellable.";
    }
}

internal sealed class MoveStockInputType : InputObjectGraphType<MoveStockInput>
{
    public MoveStockInputType()
    {
        Name = "MoveStockInput";
        Description = "Moves stock between named quantities of one level, e.g. AVAILABLE to DAMAGED; onHand does not change.";
        Field(i => i.Sku);
        Field(i => i.WarehouseCode);
        Field(i => i.Quantity);
        Field<NonNullGraphType<StockQuantityNameType>>("from");
        Field<NonNullGraphType<StockQuantityNameType>>("to");
        Field(i => i.Reference, nullable: true);
        Field(i => i.Note, nullable: true);
    }
}

internal sealed class MoveStockValidator : AbstractValidator<MoveStockInput>
{
    public MoveStockValidator()
    {
        RuleFor(i => i.Sku).ValidSku();
        RuleFor(i => i.WarehouseCode).ValidWarehouseCode();
        RuleFor(i => i.Quantity).PositiveQuantity();
        RuleFor(i => i.To).Must((i, to) => to != i.From).WithErrorCode(StockErrors.InvalidMove).WithMessage("`from` and `to` must differ.");
        RuleFor(i => i.Reference).ValidReference();
        RuleFor(i => i.Note).ValidNote();
    }
}
