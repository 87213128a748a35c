using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.Validation;
using Inventory.Catalog.Domain;
using Inventory.Catalog.GraphQL;

namespace Inventory.Catalog.Features.CreateProduct;

internal sealed class CreateProductInput
{
    public string Sku { get; init; } = "";
    public string Name { get; init; } = "";
    [MultilineText]
    public string? Description { get; init; }
    public string? Category { get; init; }
    public string? UnitOfMeasure { get; init; }
    public string? Barcode { get; init; }
    public List<ProductAttributeInput>? Attributes { get; init; }
}

internal sealed class CreateProductInputType : InputObjectGraphType<CreateProductInput>
{
    public CreateProductInputType()
    {
        Name = "CreateProductInput";
        Field(i => i.Sku).Description("Trimmed; 1-64 of letters, digits, '-', '_', '.'; unique per tenant ignoring case.");
        Field(i => i.Name);
        Field(i => i.Description, nullable: true);
        Field(i => i.Category, nullable: true);
        Field(i => i.UnitOfMeasure, nullable: true).Description("Defaults to `each`.");
        Field(i => i.Barcode, nullable: true);
        Field<ListGraphType<NonNullGraphType<ProductAttributeInputType>>>("attributes");
    }
}

internal sealed class CreateProductValidator : AbstractValidator<CreateProductInput>
{
    public CreateProductValidator()
    {
        RuleFor(i => i.Sku).Must(ProductRules.IsValidSku).WithErrorCode(CatalogErrors.InvalidSku)
            .WithMessage("SKU must be 1-64 characters of letters, digits, '-', '_' or '.'.");
        RuleFor(i => i.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name is required.")
            .Must(n => n is null || n.Trim().Length <= ProductRules.NameMaxLength).WithMessage($"Name is at most {ProductRules.NameMaxLength} characters.");
        RuleFor(i => i.Description).MaximumLength(ProductRules.DescriptionMaxLength);
        RuleFor(i => i.Category).MaximumLength(ProductRules.CategoryMaxLength)
            .Must(c => c is null || c.Trim().Length > 0).WithMessage("Category must not be blank; leave it out instead.");
        RuleFor(i => i.UnitOfMeasure).MaximumLength(ProductRules.UnitOfMeasureMaxLength)
            .Must(u => u is null || u.Trim().Length > 0).WithMessage("Unit of measure must not be blank; leave it out for `each`.");
        RuleFor(i => i.Barcode).Must(b => b is null || ProductRules.BarcodePattern().IsMatch(b.Trim()))
            .WithMessage("Barcode must be 1-64 letters or digits.");
        RuleFor(i => i.Attributes).ValidAttributes();
    }
}

internal static class ProductAttributeRules
{
    /// <summary>Attribute rules, reported on the <c>attributes</c> field itself.</summary>
    public static IRuleBuilderOptions<T, List<ProductAttributeInput>?> ValidAttributes<T>(this IRuleBuilder<T, List<ProductAttributeInput>?> rule) =>
        rule.Must(a => a is null || a.Count <= ProductRules.MaxAttributes)
                .WithMessage($"At most {ProductRules.MaxAttributes} attributes.")
            .Must(a => a is null || a.Select(x => x.Key.Trim()).Distinct(StringComparer.Ordinal).Count() == a.Count)
                .WithMessage("Attribute keys must be unique.")
            .Must(a => a is null || a.All(x => !string.IsNullOrWhiteSpace(x.Key) && x.Key.Trim().Length <= ProductRules.AttributeKeyMaxLength))
                .WithMessage($"Attribute keys are 1-{ProductRules.AttributeKeyMaxLength} characters.")
            .Must(a => a is null || a.All(x => x.Value is not null && x.Value.Length <= ProductRules.AttributeValueMaxLength))
                .WithMessage($"Attribute values are at most {ProductRules.AttributeValueMaxLength} characters.");
}
