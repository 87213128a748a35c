namespace Inventory.BuildingBlocks.GraphQL;

/// <summary>An expected failure of a mutation: a stable SCREAMING_SNAKE_CASE code, the input field it concerns, and a message for people.</summary>
public sealed record UserError(string Code, string Message, string? Field = null)
{
    public static UserError NotFound(string what, string? field = null) => new(ErrorCodes.NotFound, $"{what} was not found.", field);
    public static UserError Validation(string message, string? field) => new(ErrorCodes.Validation, message, field);
}

public static class ErrorCodes
{
    public const string Validation = "VALIDATION";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
}
