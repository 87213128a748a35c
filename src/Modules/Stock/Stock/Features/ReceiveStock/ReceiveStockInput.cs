using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.ReceiveStock;

internal sealed record ReceiveStockInput
{
    public string Sku { get; init; } = "";
    public string WarehouseCode { get; init; } = "";
    public int Quantity { get; init; }
    public string? Reference { get; init; }
    [MultilineText]
    public string? Note { get; init; }
}

internal sealed class ReceiveStockInputType : InputObjectGraphType<ReceiveStockInput>
{
    public ReceiveStockInputType()
    {
        Name = "ReceiveStockInput";
        Description = "Stock arriving in a warehouse (not through a transfer): adds to onHand, ledger RECEIVED.";
        Field(i => i.Sku);
        Field(i => i.WarehouseCode);
        Field(i => i.Quantity).Description($"1 to {StockLevel.MaxQuantity:N0}.");
        Field(i => i.Reference, nullable: true).Description("The document behind the receipt, e.g. `po:42`.");
        Field(i => i.Note, nullable: true);
    }
}

internal sealed class ReceiveStockValidator : AbstractValidator<ReceiveStockInput>
{
    public ReceiveStockValidator()
    {
        RuleFor(i => i.Sku).ValidSku();
        RuleFor(i => i.WarehouseCode).ValidWarehouseCode();
        RuleFor(i => i.Quantity).PositiveQuantity();
        RuleFor(i => i.Reference).ValidReference();
        RuleFor(i => i.Note).ValidNote();
    }
}
