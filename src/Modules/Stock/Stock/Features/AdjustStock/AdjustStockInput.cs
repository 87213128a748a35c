using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.AdjustStock;

internal sealed record AdjustStockInput
{
    public string Sku { get; init; } = "";
    public string WarehouseCode { get; init; } = "";
    public int Delta { get; init; }
    public StockReason Reason { get; init; }
    public string? Reference { get; init; }
    [MultilineText]
    public string? Note { get; init; }

    /// <summary>The reasons an adjustment may give, and the sign each allows (0: either).</summary>
    public static readonly IReadOnlyDictionary<StockReason, int> Reasons = new Dictionary<StockReason, int>
    {
        [StockReason.Correction] = 0,
        [StockReason.Damaged] = -1,
        [StockReason.Shrinkage] = -1,
        [StockReason.Returned] = 1,
        [StockReason.Received] = 1,
    };
}

internal sealed class AdjustStockInputType : InputObjectGraphType<AdjustStockInput>
{
    public AdjustStockInputType()
    {
        Name = "AdjustStockInput";
        Description = "A relative change of onHand. Reasons: CORRECTION (either way), DAMAGED and SHRINKAGE (down), RETURNED and RECEIVED (up).";
        Field(i => i.Sku);
        Field(i => i.WarehouseCode);
        Field(i => i.Delta).Description("Not zero; negative takes stock away.");
        Field<NonNullGraphType<StockReasonType>>("reason");
        Field(i => i.Reference, nullable: true);
        Field(i => i.Note, nullable: true);
    }
}

internal sealed class AdjustStockValidator : AbstractValidator<AdjustStockInput>
{
    public AdjustStockValidator()
    {
        RuleFor(i => i.Sku).ValidSku();
        RuleFor(i => i.WarehouseCode).ValidWarehouseCode();
        RuleFor(i => i.Delta).Must(d => d != 0 && Math.Abs((long)d) <= StockLevel.MaxQuantity).WithErrorCode(StockErrors.InvalidQuantity)
            .WithMessage($"The delta must not be zero, and at most {StockLevel.MaxQuantity:N0} either way.");
        RuleFor(i => i.Reason).Must(r => AdjustStockInput.Reasons.ContainsKey(r)).WithErrorCode(StockErrors.ReasonNotAllowed)
            .WithMessage(i => $"{StockReasons.Name(i.Reason)} is not a reason for an adjustment; use CORRECTION, DAMAGED, SHRINKAGE, RETURNED or RECEIVED.");
        RuleFor(i => i.Reason).Must((i, r) => !AdjustStockInput.Reasons.TryGetValue(r, out var sign) || sign == 0 || Math.Sign(i.Delta) == sign || i.Delta == 0)
            .WithErrorCode(StockErrors.ReasonNotAllowed)
            .WithMessage(i => $"{StockReasons.Name(i.Reason)} {(AdjustStockInput.Reasons.GetValueOrDefault(i.Reason) < 0 ? "takes stock away: the delta must be negative" : "adds stock: the delta must be positive")}.");
        RuleFor(i => i.Reference).ValidReference();
        RuleFor(i => i.Note).ValidNote();
    }
}
