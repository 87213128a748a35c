using FluentValidation;
using FluentValidation.Results;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Validation;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.Validation;

public sealed class ValidationExtensionsTests
{
    [Theory]
    [InlineData("Sku", "input.sku")]
    [InlineData("UnitOfMeasure", "input.unitOfMeasure")]
    [InlineData("name", "input.name")]
    [InlineData("Attributes[0].Key", "input.attributes[0].key")]
    [InlineData("Line.Product.Sku", "input.line.product.sku")]
    public void ToUserError_CamelCasesTheFieldPathUnderTheArgument(string propertyName, string field)
    {
        var error = ValidationExtensions.ToUserError(new ValidationFailure(propertyName, "Bad."), "input");

        Assert.Equal(field, error.Field);
        Assert.Equal("Bad.", error.Message);
    }

    [Fact]
    public void ToUserError_UsesTheGivenArgumentName()
    {
        var error = ValidationExtensions.ToUserError(new ValidationFailure("Quantity", "Bad."), "line");

        Assert.Equal("line.quantity", error.Field);
    }

    [Theory]
    [InlineData("NotEmptyValidator")]
    [InlineData("MaximumLengthValidator")]
    [InlineData("PredicateValidator")]
    [InlineData("")]
    [InlineData(null)]
    public void ToUserError_WhenTheCodeIsAValidatorNameOrMissing_IsValidation(string? code)
    {
        var error = ValidationExtensions.ToUserError(new ValidationFailure("Sku", "Bad.") { ErrorCode = code }, "input");

        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Fact]
    public void ToUserError_WhenTheRuleHasItsOwnCode_KeepsIt()
    {
        var error = ValidationExtensions.ToUserError(new ValidationFailure("Sku", "Bad.") { ErrorCode = "INVALID_SKU" }, "input");

        Assert.Equal("INVALID_SKU", error.Code);
    }

    private sealed record Input(string Sku, string? Name, int Quantity);

    [Fact]
    public async Task ValidateToUserErrorsAsync_MapsEveryFailureOfARealValidator()
    {
        var validator = new InlineValidator<Input>();
        validator.RuleFor(i => i.Sku).Must(s => s.Length > 0).WithErrorCode("INVALID_SKU").WithMessage("SKU is required.");
        validator.RuleFor(i => i.Name).NotEmpty().MaximumLength(3);
        validator.RuleFor(i => i.Quantity).GreaterThan(0);

        var errors = await validator.ValidateToUserErrorsAsync(new Input("", "long name", 0), CancellationToken.None);

        Assert.Equal(
            [("INVALID_SKU", "input.sku"), (ErrorCodes.Validation, "input.name"), (ErrorCodes.Validation, "input.quantity")],
            errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public async Task ValidateToUserErrorsAsync_WhenTheInputIsValid_ReturnsNoError()
    {
        var validator = new InlineValidator<Input>();
        validator.RuleFor(i => i.Name).NotEmpty();

        var errors = await validator.ValidateToUserErrorsAsync(new Input("A", "Widget", 1), CancellationToken.None);

        Assert.Empty(errors);
    }
}
