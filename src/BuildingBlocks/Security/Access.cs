using System.Security.Claims;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Inventory.BuildingBlocks.Security;

/// <summary>A tenant user's role. Each includes the ones below it: Admin manages users and keys, Manager configures, Clerk moves stock, Viewer reads.</summary>
public enum PlatformRole { Viewer = 1, Clerk = 2, Manager = 3, Admin = 4 }

/// <summary>Who may call a root field, declared on the field itself and enforced before any resolver runs.</summary>
public static class Access
{
    public const string TenantClaim = "tenant";
    public const string RoleClaim = "role";
    public const string OperatorRole = "Operator";

    internal const string RoleKey = "inventory:role";
    internal const string AnonymousKey = "inventory:anonymous";
    internal const string OperatorKey = "inventory:operator";

    public static FieldBuilder<TSource, TReturn> RequireRole<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, PlatformRole role)
    {
        field.FieldType.WithMetadata(RoleKey, role);
        return field;
    }

    /// <summary>Open to anonymous callers (onboarding, its progress, sign-in).</summary>
    public static FieldBuilder<TSource, TReturn> AllowAnonymous<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.WithMetadata(AnonymousKey, true);
        return field;
    }

    /// <summary>Only platform operators (the operator key), never a tenant's users.</summary>
    public static FieldBuilder<TSource, TReturn> RequireOperator<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.WithMetadata(OperatorKey, true);
        return field;
    }

    public const string OperatorAuthenticationType = "OperatorKey";

    /// <summary>Only the operator key makes an operator: a token carrying an Operator role claim does not.</summary>
    public static bool IsOperator(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, AuthenticationType: OperatorAuthenticationType } && user.HasClaim(RoleClaim, OperatorRole);

    /// <summary>The highest role of a tenant user, or null for anonymous callers and operators.</summary>
    public static PlatformRole? HighestRole(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true || user.FindFirst(TenantClaim) is null)
            return null;
        PlatformRole? highest = null;
        foreach (var claim in user.FindAll(RoleClaim))
            if (Enum.GetNames<PlatformRole>().Contains(claim.Value, StringComparer.Ordinal)
                && Enum.Parse<PlatformRole>(claim.Value) is var role && (highest is null || role > highest))
                highest = role;
        return highest;
    }

    internal static PlatformRole? RequiredRole(FieldType field) => field.GetMetadata<PlatformRole?>(RoleKey);
    internal static bool IsAnonymous(FieldType field) => field.GetMetadata(AnonymousKey, false);
    internal static bool IsOperatorOnly(FieldType field) => field.GetMetadata(OperatorKey, false);
}
