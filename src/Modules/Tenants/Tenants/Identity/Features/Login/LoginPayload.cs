using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;

namespace Inventory.Tenants.Identity.Features.Login;

/// <summary>What <c>login</c> answers: an access token and when it expires, or why there is none.</summary>
internal sealed record LoginPayload(string? AccessToken, DateTime? ExpiresAt, IReadOnlyList<UserError> UserErrors)
{
    public static LoginPayload Ok(AccessToken token) => new(token.Token, token.ExpiresAt, []);
    public static LoginPayload Fail(params UserError[] errors) => new(null, null, errors);
    public static LoginPayload Fail(IReadOnlyList<UserError> errors) => new(null, null, errors);

    public override string ToString() => $"LoginPayload {{ AccessToken = {(AccessToken is null ? "null" : "***")}, ExpiresAt = {ExpiresAt:O}, UserErrors = [{string.Join(", ", UserErrors)}] }}";
}

internal sealed class LoginPayloadType : ObjectGraphType<LoginPayload>
{
    public LoginPayloadType()
    {
        Name = "LoginPayload";
        Field<StringGraphType>("accessToken")
            .Description("A JWT: send it as `Authorization: Bearer <accessToken>`. It names the tenant; null when login failed.")
            .Resolve(ctx => ctx.Source.AccessToken);
        Field<DateTimeOffsetGraphType>("expiresAt")
            .Description("When the access token stops being accepted.")
            .Resolve(ctx => ctx.Source.ExpiresAt is { } at ? UtcDates.ToOffset(at) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}
