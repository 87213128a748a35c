using Inventory.BuildingBlocks.Validation;
using Inventory.Catalog.Features.CreateProduct;
using Inventory.Catalog.GraphQL;
using Xunit;

namespace Inventory.Catalog.Tests.Features.CreateProduct;

public sealed class CreateProductValidatorTests
{
    private static readonly CreateProductValidator Validator = new();

    private static async Task<(string Code, string? Field)[]> ErrorsOf(CreateProductInput input) =>
        [.. (await Validator.ValidateToUserErrorsAsync(input, CancellationToken.None)).Select(e => (e.Code, e.Field))];

    private static CreateProductInput Valid(
        string sku = "SKU-1", string name = "Widget", string? description = null, string? category = null,
        string? unitOfMeasure = null, string? barcode = null, List<ProductAttributeInput>? attributes = null) => new()
    {
        Sku = sku, Name = name, Description = description, Category = category,
        UnitOfMeasure = unitOfMeasure, Barcode = barcode, Attributes = attributes,
    };

    private static List<ProductAttributeInput> Attributes(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new ProductAttributeInput { Key = $"key-{i}", Value = $"value-{i}" })];

    private static string Text(int length, char c = 'a') => new(c, length);

    [Fact]
    public async Task Validate_WithOnlySkuAndName_Accepts() =>
        Assert.Empty(await ErrorsOf(Valid()));

    [Fact]
    public async Task Validate_WithEveryFieldAtItsLongestAllowedLength_Accepts()
    {
        var input = Valid(
            sku: Text(64, 'S'), name: Text(200), description: Text(4000), category: Text(100),
            unitOfMeasure: Text(32), barcode: Text(64, '7'),
            attributes: [.. Enumerable.Range(1, 50).Select(i => new ProductAttributeInput { Key = $"{i:D2}" + Text(62, 'k'), Value = Text(500, 'v') })]);

        Assert.Empty(await ErrorsOf(input));
    }

    [Fact]
    public async Task Validate_WhenSeveralFieldsAreWrong_ReportsEachOnItsField()
    {
        var errors = await ErrorsOf(Valid(sku: "bad sku", name: " ", category: "", barcode: "12-34"));

        Assert.Equal(
            [("INVALID_SKU", "input.sku"), ("VALIDATION", "input.name"), ("VALIDATION", "input.category"), ("VALIDATION", "input.barcode")],
            errors);
    }

    // SKU

    [Theory]
    [InlineData("a")]
    [InlineData("SKU-1")]
    [InlineData("sku.2_b-C")]
    [InlineData("  SKU-1  ")]
    [InlineData("0123456789")]
    public async Task Sku_WhenLettersDigitsDotsDashesOrUnderscores_IsAccepted(string sku) =>
        Assert.Empty(await ErrorsOf(Valid(sku: sku)));

    [Fact]
    public async Task Sku_Of64Characters_IsAccepted() =>
        Assert.Empty(await ErrorsOf(Valid(sku: Text(64, 'S'))));

    [Fact]
    public async Task Sku_Of64CharactersWithSurroundingSpaces_IsAccepted() =>
        Assert.Empty(await ErrorsOf(Valid(sku: "  " + Text(64, 'S') + " ")));

    [Fact]
    public async Task Sku_Of65Characters_IsInvalidSku() =>
        Assert.Equal([("INVALID_SKU", "input.sku")], await ErrorsOf(Valid(sku: Text(65, 'S'))));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("slash/sku")]
    [InlineData("ünïcode")]
    public async Task Sku_WhenMalformed_IsInvalidSku(string sku) =>
        Assert.Equal([("INVALID_SKU", "input.sku")], await ErrorsOf(Valid(sku: sku)));

    // Characters no single-line text may hold are refused before the SKU's own rules (TextRules).
    [Theory]
    [InlineData("SKU-1\nSKU-2")]
    [InlineData("SKU\u0000")]
    [InlineData("SKU\u202E1")]
    public async Task Sku_WithAControlOrOverrideCharacter_IsInvalidCharacters(string sku) =>
        Assert.Equal([("INVALID_CHARACTERS", "input.sku")], await ErrorsOf(Valid(sku: sku)));

    // Name

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Name_WhenBlank_IsValidation(string name) =>
        Assert.Equal([("VALIDATION", "input.name")], await ErrorsOf(Valid(name: name)));

    [Fact]
    public async Task Name_Of200Characters_IsAccepted() =>
        Assert.Empty(await ErrorsOf(Valid(name: Text(200))));

    [Fact]
    public async Task Name_Of200CharactersWithSurroundingSpaces_IsAccepted() =>
        Assert.Empty(await ErrorsOf(Valid(name: "  " + Text(200) + "  ")));

    [Fact]
    public async Task Name_Of201Characters_IsValidation() =>
        Assert.Equal([("VALIDATION", "input.name")], await ErrorsOf(Valid(name: Text(201))));

    // Description

    [Fact]
    public async Task Description_Of4000Characters_IsAccepted() =>
        Assert.Empty(await ErrorsOf(Valid(description: Text(4000))));

    [Fact]
    public async Task Description_Of4001Characters_IsValidation() =>
        Assert.Equal([("VALIDATION", "input.description")], await ErrorsOf(Valid(description: Text(4001))));

    // Category

    [Theory]
    [InlineData(null)]
    [InlineData("tools")]
    [InlineData(" tools ")]
    public async Task Category_WhenAbsentOrGiven_IsAccepted(string? category) =>
        Assert.Empty(await ErrorsOf(Valid(category: category)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Category_WhenBlank_IsValidation(string category) =>
        Assert.Equal([("VALIDATION", "input.category")], await ErrorsOf(Valid(category: category)));

    [Fact]
    public async Task Category_Of100Characters_IsAccepted() =>
        Assert.Empty(await ErrorsOf(Valid(category: Text(100))));

    [Fact]
    public async Task Category_Of101Characters_IsValidation() =>
        Assert.Equal([("VALIDATION", "input.category")], await ErrorsOf(Valid(category: Text(101))));

    // Unit of measure

    [Theory]
    [InlineData(null)]
    [InlineData("kg")]
    public async Task UnitOfMeasure_WhenAbsentOrGiven_IsAccepted(string? unit) =>
        Assert.Empty(await ErrorsOf(Valid(unitOfMeasure: unit)));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task UnitOfMeasure_WhenBlank_IsValidation(string unit) =>
        Assert.Equal([("VALIDATION", "input.unitOfMeasure")], await ErrorsOf(Valid(unitOfMeasure: unit)));

    [Fact]
    public async Task UnitOfMeasure_Of32Characters_IsAcceptedAnd33IsNot()
    {
        Assert.Empty(await ErrorsOf(Valid(unitOfMeasure: Text(32))));
        Assert.Equal([("VALIDATION", "input.unitOfMeasure")], await ErrorsOf(Valid(unitOfMeasure: Text(33))));
    }

    // Barcode

    [Theory]
    [InlineData(null)]
    [InlineData("4006381333931")]
    [InlineData(" ABC123 ")]
    public async Task Barcode_WhenAbsentOrLettersAndDigits_IsAccepted(string? barcode) =>
        Assert.Empty(await ErrorsOf(Valid(barcode: barcode)));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("ABC-123")]
    [InlineData("12 34")]
    public async Task Barcode_WhenBlankOrNotAlphanumeric_IsValidation(string barcode) =>
        Assert.Equal([("VALIDATION", "input.barcode")], await ErrorsOf(Valid(barcode: barcode)));

    [Fact]
    public async Task Barcode_Of64Characters_IsAcceptedAnd65IsNot()
    {
        Assert.Empty(await ErrorsOf(Valid(barcode: Text(64, '1'))));
        Assert.Equal([("VALIDATION", "input.barcode")], await ErrorsOf(Valid(barcode: Text(65, '1'))));
    }

    // Attributes

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(50)]
    public async Task Attributes_UpTo50_AreAccepted(int count) =>
        Assert.Empty(await ErrorsOf(Valid(attributes: Attributes(count))));

    [Fact]
    public async Task Attributes_WhenAbsent_AreAccepted() =>
        Assert.Empty(await ErrorsOf(Valid(attributes: null)));

    [Fact]
    public async Task Attributes_When51_AreValidation() =>
        Assert.Equal([("VALIDATION", "input.attributes")], await ErrorsOf(Valid(attributes: Attributes(51))));

    [Theory]
    [InlineData("color", "color")]
    [InlineData("color", " color ")]
    public async Task Attributes_WhenTwoShareAKey_AreValidation(string first, string second)
    {
        var errors = await ErrorsOf(Valid(attributes: [new() { Key = first, Value = "blue" }, new() { Key = second, Value = "red" }]));

        Assert.Equal([("VALIDATION", "input.attributes")], errors);
    }

    [Fact]
    public async Task Attributes_WhenKeysDifferOnlyInCase_AreAccepted() =>
        Assert.Empty(await ErrorsOf(Valid(attributes: [new() { Key = "Color", Value = "blue" }, new() { Key = "color", Value = "red" }])));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Attributes_WhenAKeyIsBlank_AreValidation(string key) =>
        Assert.Equal([("VALIDATION", "input.attributes")], await ErrorsOf(Valid(attributes: [new() { Key = key, Value = "blue" }])));

    [Fact]
    public async Task Attributes_WithAKeyOf64Characters_AreAcceptedAnd65AreNot()
    {
        Assert.Empty(await ErrorsOf(Valid(attributes: [new() { Key = Text(64), Value = "v" }])));
        Assert.Equal([("VALIDATION", "input.attributes")], await ErrorsOf(Valid(attributes: [new() { Key = Text(65), Value = "v" }])));
    }

    [Fact]
    public async Task Attributes_WithAValueOf500Characters_AreAcceptedAnd501AreNot()
    {
        Assert.Empty(await ErrorsOf(Valid(attributes: [new() { Key = "k", Value = Text(500) }])));
        Assert.Equal([("VALIDATION", "input.attributes")], await ErrorsOf(Valid(attributes: [new() { Key = "k", Value = Text(501) }])));
    }

    [Fact]
    public async Task Attributes_WithAnEmptyValue_AreAccepted() =>
        Assert.Empty(await ErrorsOf(Valid(attributes: [new() { Key = "k", Value = "" }])));
}
