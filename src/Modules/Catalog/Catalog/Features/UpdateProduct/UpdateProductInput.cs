using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Validation;
using Inventory.Catalog.Domain;
using Inventory.Catalog.Features.CreateProduct;
using Inventory.Catalog.GraphQL;

namespace Inventory.Catalog.Features.UpdateProduct;

/// <summary>A partial update: fields left out keep their value; optional fields sent as null are cleared.</summary>
internal sealed class UpdateProductInput
{
    public object? Id { get; init; }
    public string? Sku { get; init; }
    public int? ExpectedVersion { get; init; }
    public Patch<string?> Name { get; init; }
    [MultilineText]
    public Patch<string?> Description { get; init; }
    public Patch<string?> Category { get; init; }
    public Patch<string?> UnitOfMeasure { get; init; }
    public Patch<string?> Barcode { get; init; }
    public Patch<List<ProductAttributeInput>?> Attributes { get; init; }

    public static UpdateProductInput From(IDictionary<string, object?> input) => new()
    {
        Id = input.TryGetValue("id", out var id) ? id : null,
        Sku = input.TryGetValue("sku", out var sku) ? sku as string : null,
        ExpectedVersion = input.TryGetValue("expectedVersion", out var version) ? version as int? : null,
        Name = Patch<string?>.From(input, "name", v => v as string),
        Description = Patch<string?>.From(input, "description", v => v as string),
        Category = Patch<string?>.From(input, "category", v => v as string),
        UnitOfMeasure = Patch<string?>.From(input, "unitOfMeasure", v => v as string),
        Barcode = Patch<string?>.From(input, "barcode", v => v as string),
        // GraphQL.NET hands the items over already parsed (ProductAttributeInputType is typed); a dictionary is
        // read too, for callers that build the input by hand.
        Attributes = Patch<List<ProductAttributeInput>?>.From(input, "attributes", v => v is IEnumerable<object?> list
            ? list.Select(a => a switch
            {
                ProductAttributeInput parsed => parsed,
                IDictionary<string, object?> raw => new ProductAttributeInput
                {
                    Key = raw.TryGetValue("key", out var k) ? k as string ?? "" : "",
                    Value = raw.TryGetValue("value", out var val) ? val as string ?? "" : "",
                },
                _ => null,
            }).OfType<ProductAttributeInput>().ToList()
            : null),
    };
}

internal sealed class UpdateProductInputType : InputObjectGraphType
{
    public UpdateProductInputType()
    {
        Name = "UpdateProductInput";
        Description = "Name the product by `id` or `sku`. Fields left out keep their value; `description`, `category` and `barcode` sent as null are cleared.";
        Field<IdGraphType>("id");
        Field<StringGraphType>("sku");
        Field<IntGraphType>("expectedVersion").Description("When given, the update is refused with VERSION_CONFLICT if the product's version differs. Without it, an update that races another update of the same product may also answer VERSION_CONFLICT: read again and retry.");
        Field<StringGraphType>("name");
        Field<StringGraphType>("description");
        Field<StringGraphType>("category");
        Field<StringGraphType>("unitOfMeasure");
        Field<StringGraphType>("barcode");
        Field<ListGraphType<NonNullGraphType<ProductAttributeInputType>>>("attributes").Description("Replaces all attributes.");
    }
}

internal sealed class UpdateProductValidator : AbstractValidator<UpdateProductInput>
{
    public UpdateProductValidator()
    {
        RuleFor(i => i.Name.Value).Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= ProductRules.NameMaxLength)
            .When(i => i.Name.IsSet).OverridePropertyName("name")
            .WithMessage($"Name is required and at most {ProductRules.NameMaxLength} characters.");
        RuleFor(i => i.Description.Value).MaximumLength(ProductRules.DescriptionMaxLength).When(i => i.Description.IsSet).OverridePropertyName("description");
        RuleFor(i => i.Category.Value).Must(c => c is null || (c.Trim().Length > 0 && c.Trim().Length <= ProductRules.CategoryMaxLength))
            .When(i => i.Category.IsSet).OverridePropertyName("category")
            .WithMessage($"Category is 1-{ProductRules.CategoryMaxLength} characters, or null to clear it.");
        RuleFor(i => i.UnitOfMeasure.Value).Must(u => !string.IsNullOrWhiteSpace(u) && u.Trim().Length <= ProductRules.UnitOfMeasureMaxLength)
            .When(i => i.UnitOfMeasure.IsSet).OverridePropertyName("unitOfMeasure")
            .WithMessage($"Unit of measure is required and at most {ProductRules.UnitOfMeasureMaxLength} characters.");
        RuleFor(i => i.Barcode.Value).Must(b => b is null || ProductRules.BarcodePattern().IsMatch(b.Trim()))
            .When(i => i.Barcode.IsSet).OverridePropertyName("barcode").WithMessage("Barcode must be 1-64 letters or digits.");
        RuleFor(i => i.Attributes.Value).ValidAttributes().OverridePropertyName("attributes");
        RuleFor(i => i.ExpectedVersion).GreaterThan(0).When(i => i.ExpectedVersion is not null);
    }
}
