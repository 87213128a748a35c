using System.Security.Claims;

namespace Inventory.BuildingBlocks.Security;

/// <summary>Who made a change, as recorded in ledgers: <c>user:&lt;id&gt;</c>, <c>apikey:&lt;id&gt;</c>, or <c>system</c> for scheduled work.</summary>
public static class Actors
{
    public const string System = "system";
    private const string ApiKeyPrefix = "apikey:";

    public static string Of(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
            return "anonymous";
        var subject = user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (string.IsNullOrEmpty(subject))
            return Access.IsOperator(user) ? "operator" : "unknown";
        return subject.StartsWith(ApiKeyPrefix, StringComparison.Ordinal) ? subject : "user:" + subject;
    }
}
