using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.CountStock;

internal sealed record SetStockInput
{
    public string Sku { get; init; } = "";
    public string WarehouseCode { get; init; } = "";
    public int OnHand { get; init; }
    public int ChangeFromQuantity { get; init; }
    public StockReason? Reason { get; init; }
    public string? Reference { get; init; }
    [MultilineText]
    public string? Note { get; init; }

    public static readonly StockReason[] Reasons = [StockReason.CycleCount, StockReason.Correction];
}

internal sealed class SetStockInputType : InputObjectGraphType<SetStockInput>
{
    public SetStockInputType()
    {
        Name = "SetStockInput";
        Description = "An absolute count of onHand (compare-and-set): applied only while onHand is still `changeFromQuantity`, else STALE.";
        Field(i => i.Sku);
        Field(i => i.WarehouseCode);
        Field(i => i.OnHand).Description("The counted quantity.");
        Field(i => i.ChangeFromQuantity).Description("The onHand the count started from (0 for a level never stocked).");
        Field<StockReasonType>("reason").Description("CYCLE_COUNT (the default) or CORRECTION.");
        Field(i => i.Reference, nullable: true);
        Field(i => i.Note, nullable: true);
    }
}

internal sealed class SetStockValidator : AbstractValidator<SetStockInput>
{
    public SetStockValidator()
    {
        RuleFor(i => i.Sku).ValidSku();
        RuleFor(i => i.WarehouseCode).ValidWarehouseCode();
        RuleFor(i => i.OnHand).CountQuantity();
        RuleFor(i => i.ChangeFromQuantity).CountQuantity();
        RuleFor(i => i.Reason).Must(r => r is null || SetStockInput.Reasons.Contains(r.Value)).WithErrorCode(StockErrors.ReasonNotAllowed)
            .WithMessage("A count's reason is CYCLE_COUNT or CORRECTION.");
        RuleFor(i => i.Reference).ValidReference();
        RuleFor(i => i.Note).ValidNote();
    }
}
