using System.Text.RegularExpressions;
using Inventory.BuildingBlocks.GraphQL;

namespace Inventory.Tenants.Registry;

internal static partial class TenantSlugs
{
    [GeneratedRegex("^[a-z][a-z0-9-]{2,39}$")]
    private static partial Regex Pattern();

    // Names a subdomain or a route could mean something else by.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "www", "api", "admin", "system", "app", "apps", "assets", "static", "cdn", "graphql", "health", "login",
        "logout", "signup", "register", "auth", "oauth", "mail", "smtp", "support", "help", "docs", "status",
        "root", "public", "internal", "operator", "operators", "billing", "dashboard", "portal",
    };

    public static bool IsWellFormed(string? slug) => slug is not null && Pattern().IsMatch(slug);

    public static bool IsReserved(string? slug) => slug is not null && Reserved.Contains(slug);
}

internal static class TenantErrors
{
    public const string InvalidSlug = "INVALID_SLUG";
    public const string SlugReserved = "SLUG_RESERVED";
    public const string SlugTakenCode = "SLUG_TAKEN";
    public const string WeakPassword = "WEAK_PASSWORD";
    public const string InvalidStatus = "INVALID_STATUS";

    public const string SignupQuotaExceeded = "SIGNUP_QUOTA_EXCEEDED";
    public const string VerificationNotSent = "VERIFICATION_NOT_SENT";
    public const string InvalidCode = "INVALID_CODE";
    public const string CodeExpired = "CODE_EXPIRED";
    public const string TooManyAttempts = "TOO_MANY_ATTEMPTS";

    public static UserError SlugTaken(string slug) => new(SlugTakenCode, $"The slug '{slug}' is taken.", "input.slug");
}
