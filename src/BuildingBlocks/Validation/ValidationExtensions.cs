using FluentValidation;
using FluentValidation.Results;
using Inventory.BuildingBlocks.GraphQL;

namespace Inventory.BuildingBlocks.Validation;

public static class ValidationExtensions
{
    /// <summary>Runs a FluentValidation validator and turns its failures into user errors on <c>input.&lt;field&gt;</c>.</summary>
    /// <remarks>
    /// Every string of the input is checked first against <see cref="TextRules"/> (NUL, control and bidirectional
    /// override characters; <see cref="MultilineTextAttribute"/> marks the fields that may hold line breaks): an
    /// input that fails answers INVALID_CHARACTERS for each such field, and the validator (which may read the
    /// database) does not run. A new input field is covered without anything to remember.
    /// </remarks>
    public static async Task<IReadOnlyList<UserError>> ValidateToUserErrorsAsync<T>(this IValidator<T> validator, T input, CancellationToken cancellationToken, string argument = "input")
    {
        var text = TextRules.Check(input, argument);
        if (text.Count > 0)
            return text;
        var result = await validator.ValidateAsync(input, cancellationToken);
        return result.IsValid ? [] : result.Errors.Select(e => ToUserError(e, argument)).ToList();
    }

    public static UserError ToUserError(ValidationFailure failure, string argument) =>
        new(string.IsNullOrEmpty(failure.ErrorCode) || failure.ErrorCode.EndsWith("Validator", StringComparison.Ordinal) ? ErrorCodes.Validation : failure.ErrorCode,
            failure.ErrorMessage,
            $"{argument}.{CamelCasePath(failure.PropertyName)}");

    private static string CamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
