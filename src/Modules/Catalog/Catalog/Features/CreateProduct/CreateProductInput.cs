using FluentValidation;
using GraphQL.Types;
using Inventory.Catalog.Domain;
using Inventory.Catalog.GraphQL;

namespace Inventory.Catalog.Features.CreateProduct;

internal sealed class CreateProductInput
{
    public string Sku { get; init; } = "";
    public string Name { get; init; } = "";
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
        RuleFor(i => i.Attributes).SetValidator(new ProductAttributesValidator()!);
    }
}

internal sealed class ProductAttributesValidator : AbstractValidator<List<ProductAttributeInput>>
{
    public ProductAttributesValidator()
    {
        RuleFor(a => a.Count).LessThanOrEqualTo(ProductRules.MaxAttributes).OverridePropertyName("attributes")
            .WithMessage($"At most {ProductRules.MaxAttributes} attributes.");
        RuleFor(a => a).Must(a => a.Select(x => x.Key.Trim()).Distinct(StringComparer.Ordinal).Count() == a.Count)
            .OverridePropertyName("attributes").WithMessage("Attribute keys must be unique.");
        RuleForEach(a => a).ChildRules(attribute =>
        {
            attribute.RuleFor(x => x.Key).Must(k => !string.IsNullOrWhiteSpace(k) && k.Trim().Length <= ProductRules.AttributeKeyMaxLength)
                .WithMessage($"Attribute key is required and at most {ProductRules.AttributeKeyMaxLength} characters.");
            attribute.RuleFor(x => x.Value).NotNull().MaximumLength(ProductRules.AttributeValueMaxLength);
        }).OverridePropertyName("attributes");
    }
}
