using FluentValidation;
using FluentValidation.Results;
using Inventory.BuildingBlocks.GraphQL;

namespace Inventory.BuildingBlocks.Validation;

public static class ValidationExtensions
{
    /// <summary>Runs a FluentValidation validator and turns its failures into user errors on <c>input.&lt;field&gt;</c>.</summary>
    public static async Task<IReadOnlyList<UserError>> ValidateToUserErrorsAsync<T>(this IValidator<T> validator, T input, CancellationToken cancellationToken, string argument = "input")
    {
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
