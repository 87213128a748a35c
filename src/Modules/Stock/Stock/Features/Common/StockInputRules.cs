using FluentValidation;
using Inventory.Stock.Domain;

namespace Inventory.Stock.Features.Common;

/// <summary>Rules shared by the inputs of stock writes.</summary>
internal static class StockInputRules
{
    public const int ReferenceMaxLength = 200;
    public const int NoteMaxLength = 500;

    public static IRuleBuilderOptions<T, string?> ValidSku<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= 64).WithErrorCode(StockErrors.UnknownSku)
            .WithMessage("A SKU is required (at most 64 characters).");

    public static IRuleBuilderOptions<T, string?> ValidWarehouseCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(WarehouseRules.IsValidCode).WithErrorCode(StockErrors.UnknownWarehouse)
            .WithMessage("A warehouse code is required (1-32 letters, digits, '-' or '_').");

    public static IRuleBuilderOptions<T, int> PositiveQuantity<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, StockLevel.MaxQuantity).WithErrorCode(StockErrors.InvalidQuantity)
            .WithMessage($"The quantity must be 1 to {StockLevel.MaxQuantity:N0}.");

    public static IRuleBuilderOptions<T, int> CountQuantity<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(0, StockLevel.MaxQuantity).WithErrorCode(StockErrors.InvalidQuantity)
            .WithMessage($"The quantity must be 0 to {StockLevel.MaxQuantity:N0}.");

    public static IRuleBuilderOptions<T, string?> ValidReference<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(r => r is null || (r.Trim().Length > 0 && r.Trim().Length <= ReferenceMaxLength))
            .WithMessage($"A reference is 1-{ReferenceMaxLength} characters; leave it out otherwise.");

    public static IRuleBuilderOptions<T, string?> ValidNote<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(NoteMaxLength);

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
