using Inventory.BuildingBlocks.Validation;
using Inventory.Catalog.Features.UpdateProduct;
using Xunit;

namespace Inventory.Catalog.Tests.Features.UpdateProduct;

public sealed class UpdateProductValidatorTests
{
    private static readonly UpdateProductValidator Validator = new();

    /// <summary>Validates an input shaped as GraphQL hands it over: only the fields the client sent are in the dictionary.</summary>
    private static async Task<(string Code, string? Field)[]> ErrorsOf(params (string Field, object? Value)[] fields)
    {
        var input = new Dictionary<string, object?> { ["sku"] = "SKU-1" };
        foreach (var (field, value) in fields)
            input[field] = value;
        return [.. (await Validator.ValidateToUserErrorsAsync(UpdateProductInput.From(input), CancellationToken.None)).Select(e => (e.Code, e.Field))];
    }

    private static string Text(int length, char c = 'a') => new(c, length);

    private static List<object?> Attributes(int count) =>
        [.. Enumerable.Range(1, count).Select(i => (object?)new Dictionary<string, object?> { ["key"] = $"key-{i}", ["value"] = "v" })];

    [Fact]
    public async Task Validate_WhenNoFieldIsSent_Accepts() =>
        Assert.Empty(await ErrorsOf());

    [Fact]
    public async Task Validate_WithEveryFieldAtItsLongestAllowedLength_Accepts() =>
        Assert.Empty(await ErrorsOf(
            ("name", Text(200)), ("description", Text(4000)), ("category", Text(100)), ("unitOfMeasure", Text(32)),
            ("barcode", Text(64, '9')), ("attributes", Attributes(50)), ("expectedVersion", 1)));

    [Fact]
    public async Task Validate_WhenOptionalFieldsAreSentAsNull_Accepts() =>
        Assert.Empty(await ErrorsOf(("description", null), ("category", null), ("barcode", null), ("attributes", null)));

    // Name

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Name_WhenSentNullOrBlank_IsValidation(string? name) =>
        Assert.Equal([("VALIDATION", "input.name")], await ErrorsOf(("name", name)));

    [Fact]
    public async Task Name_Of200Characters_IsAcceptedAnd201IsNot()
    {
        Assert.Empty(await ErrorsOf(("name", Text(200))));
        Assert.Empty(await ErrorsOf(("name", " " + Text(200) + " ")));
        Assert.Equal([("VALIDATION", "input.name")], await ErrorsOf(("name", Text(201))));
    }

    // Description

    [Fact]
    public async Task Description_Of4000Characters_IsAcceptedAnd4001IsNot()
    {
        Assert.Empty(await ErrorsOf(("description", Text(4000))));
        Assert.Equal([("VALIDATION", "input.description")], await ErrorsOf(("description", Text(4001))));
    }

    // Category

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Category_WhenSentBlank_IsValidation(string category) =>
        Assert.Equal([("VALIDATION", "input.category")], await ErrorsOf(("category", category)));

    [Fact]
    public async Task Category_Of100Characters_IsAcceptedAnd101IsNot()
    {
        Assert.Empty(await ErrorsOf(("category", Text(100))));
        Assert.Equal([("VALIDATION", "input.category")], await ErrorsOf(("category", Text(101))));
    }

    // Unit of measure

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task UnitOfMeasure_WhenSentNullOrBlank_IsValidation(string? unit) =>
        Assert.Equal([("VALIDATION", "input.unitOfMeasure")], await ErrorsOf(("unitOfMeasure", unit)));

    [Fact]
    public async Task UnitOfMeasure_Of32Characters_IsAcceptedAnd33IsNot()
    {
        Assert.Empty(await ErrorsOf(("unitOfMeasure", Text(32))));
        Assert.Equal([("VALIDATION", "input.unitOfMeasure")], await ErrorsOf(("unitOfMeasure", Text(33))));
    }

    // Barcode

    [Theory]
    [InlineData("")]
    [InlineData("ABC-123")]
    [InlineData("12 34")]
    public async Task Barcode_WhenNotAlphanumeric_IsValidation(string barcode) =>
        Assert.Equal([("VALIDATION", "input.barcode")], await ErrorsOf(("barcode", barcode)));

    [Fact]
    public async Task Barcode_Of64Characters_IsAcceptedAnd65IsNot()
    {
        Assert.Empty(await ErrorsOf(("barcode", Text(64, '1'))));
        Assert.Equal([("VALIDATION", "input.barcode")], await ErrorsOf(("barcode", Text(65, '1'))));
    }

    // Attributes

    [Fact]
    public async Task Attributes_When51_AreValidation() =>
        Assert.Equal([("VALIDATION", "input.attributes")], await ErrorsOf(("attributes", Attributes(51))));

    [Fact]
    public async Task Attributes_WhenTwoShareAKey_AreValidation()
    {
        List<object?> attributes =
        [
            new Dictionary<string, object?> { ["key"] = "color", ["value"] = "blue" },
            new Dictionary<string, object?> { ["key"] = "color ", ["value"] = "red" },
        ];

        Assert.Equal([("VALIDATION", "input.attributes")], await ErrorsOf(("attributes", attributes)));
    }

    [Fact]
    public async Task Attributes_WhenAKeyIsBlank_AreValidation() =>
        Assert.Equal([("VALIDATION", "input.attributes")],
            await ErrorsOf(("attributes", new List<object?> { new Dictionary<string, object?> { ["key"] = " ", ["value"] = "v" } })));

    // Expected version

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task ExpectedVersion_WhenNotPositive_IsValidation(int version) =>
        Assert.Equal([("VALIDATION", "input.expectedVersion")], await ErrorsOf(("expectedVersion", version)));

    [Fact]
    public async Task ExpectedVersion_WhenPositive_IsAccepted() =>
        Assert.Empty(await ErrorsOf(("expectedVersion", 1)));
}
