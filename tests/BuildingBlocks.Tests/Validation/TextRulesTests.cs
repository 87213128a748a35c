using FluentValidation;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Validation;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.Validation;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Widget 5 mm")]
    [InlineData("Café crème, Größe XL")]
    [InlineData("שלום עולם")] // right-to-left script
    [InlineData("مرحبا\u200F")] // right-to-left mark
    [InlineData("Family 👩\u200D👩\u200D👧")] // zero-width joiner inside an emoji
    [InlineData("日本語の商品")]
    public void OrdinaryText_IsAllowedEverywhere(string text)
    {
        Assert.Null(TextRules.FirstRefused(text, multiline: false));
        Assert.Null(TextRules.FirstRefused(text, multiline: true));
    }

    [Theory]
    [InlineData("a\u0000b", 0x0000, true)]
    [InlineData("bell\u0007", 0x0007, true)]
    [InlineData("esc\u001B[31m", 0x001B, true)]
    [InlineData("del\u007F", 0x007F, true)]
    [InlineData("c1\u0085", 0x0085, true)]
    [InlineData("SKU\u202E1-PIN", 0x202E, true)]
    [InlineData("\u202Aembedded", 0x202A, true)]
    [InlineData("iso\u2066late\u2069", 0x2066, true)]
    [InlineData("zero\u200Bwidth", 0x200B, true)]
    [InlineData("\uFEFFbom", 0xFEFF, true)]
    [InlineData("tab\there", 0x0009, false)]
    [InlineData("line\nbreak", 0x000A, false)]
    [InlineData("cr\rhere", 0x000D, false)]
    [InlineData("line\u2028separator", 0x2028, false)]
    public void RefusedCharacters_AreFound(string text, int codePoint, bool alsoInMultiline)
    {
        Assert.Equal(codePoint, TextRules.FirstRefused(text, multiline: false));
        Assert.Equal(alsoInMultiline ? codePoint : null, TextRules.FirstRefused(text, multiline: true));
    }

    // Built in code: a test case's data holding half a pair could not itself be serialised by the test runner.
    [Fact]
    public void HalfASurrogatePair_IsRefusedEverywhere_AWholePairIsNot()
    {
        foreach (var (text, codePoint) in new[] { ("bad" + (char)0xD800 + "text", 0xD800), ("tail" + (char)0xDC00, 0xDC00), ((char)0xDE00 + "lead", 0xDE00), ("x" + (char)0xD83D, 0xD83D) })
        {
            Assert.Equal(codePoint, TextRules.FirstRefused(text, multiline: false));
            Assert.Equal(codePoint, TextRules.FirstRefused(text, multiline: true));
            Assert.False(TextRules.IsStorable(text));
        }
        Assert.Null(TextRules.FirstRefused("Box \U0001F4E6 \U0001F469\u200D\U0001F469", multiline: false));
        Assert.True(TextRules.IsStorable("Box \U0001F4E6"));
        Assert.False(TextRules.IsStorable("a\u0000b"));
    }

    private sealed class Line
    {
        public string Sku { get; init; } = "";
        [MultilineText] public string? Note { get; init; }
    }

    private sealed class Input
    {
        public string Name { get; init; } = "";
        [MultilineText] public Patch<string?> Description { get; init; }
        public List<Line> Lines { get; init; } = [];
        public int Quantity { get; init; }
    }

    private sealed class AlwaysValid : AbstractValidator<Input>;

    [Fact]
    public async Task TheSharedValidationPath_ChecksEveryStringOfTheInput_WithItsPath()
    {
        var input = new Input
        {
            Name = "ok\u202E",
            Description = new Patch<string?>(true, "two\nlines\tfine"),
            Lines = [new Line { Sku = "A", Note = "fine\r\nnote" }, new Line { Sku = "B\u0000", Note = "bell\u0007" }],
            Quantity = 1,
        };

        var errors = await new AlwaysValid().ValidateToUserErrorsAsync(input, CancellationToken.None);

        Assert.All(errors, e => Assert.Equal(TextRules.InvalidCharactersCode, e.Code));
        Assert.Equal(["input.name", "input.lines[1].sku", "input.lines[1].note"], errors.Select(e => e.Field));
        Assert.Contains("U+202E", errors[0].Message);
    }

    [Fact]
    public async Task MultilineText_IsNotAllowedWhereTheFieldIsNotMarked()
    {
        var errors = await new AlwaysValid().ValidateToUserErrorsAsync(new Input { Name = "two\nlines", Description = new Patch<string?>(true, "\u202E") }, CancellationToken.None);

        Assert.Equal(["input.name", "input.description"], errors.Select(e => e.Field));
    }
}
