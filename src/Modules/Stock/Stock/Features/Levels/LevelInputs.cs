using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.Validation;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.GraphQL;

namespace Inventory.Stock.Features.Levels;

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

internal sealed record ConfigureStockLevelInput
{
    public string Sku { get; init; } = "";
    public string WarehouseCode { get; init; } = "";
    public int? ReorderPoint { get; init; }
    public int? SafetyStock { get; init; }
    public bool? AllowBackorder { get; init; }
}

internal sealed class ConfigureStockLevelInputType : InputObjectGraphType<ConfigureStockLevelInput>
{
    public ConfigureStockLevelInputType()
    {
        Name = "ConfigureStockLevelInput";
        Description = "Settings of one level; fields left out keep their value.";
        Field(i => i.Sku);
        Field(i => i.WarehouseCode);
        Field(i => i.ReorderPoint, nullable: true).Description("LOW_STOCK is raised when available falls to this.");
        Field(i => i.SafetyStock, nullable: true).Description("Kept back: never available for reservations.");
        Field(i => i.AllowBackorder, nullable: true).Description("Reservations may then take available below zero.");
    }
}

internal sealed class ConfigureStockLevelValidator : AbstractValidator<ConfigureStockLevelInput>
{
    public ConfigureStockLevelValidator()
    {
        RuleFor(i => i.Sku).ValidSku();
        RuleFor(i => i.WarehouseCode).ValidWarehouseCode();
        RuleFor(i => i.ReorderPoint!.Value).CountQuantity().OverridePropertyName(nameof(ConfigureStockLevelInput.ReorderPoint)).When(i => i.ReorderPoint is not null);
        RuleFor(i => i.SafetyStock!.Value).CountQuantity().OverridePropertyName(nameof(ConfigureStockLevelInput.SafetyStock)).When(i => i.SafetyStock is not null);
    }
}
