namespace Inventory.Tenants.Identity.Domain;

/// <summary>What a user or an API key may do in its tenant. Stored as one int (a small set of flags).</summary>
[Flags]
internal enum Roles
{
    None = 0,
    Admin = 1,
    Manager = 2,
    Clerk = 4,
    Viewer = 8,
}

internal static class RoleNames
{
    public static readonly Roles[] All = [Roles.Admin, Roles.Manager, Roles.Clerk, Roles.Viewer];

    /// <summary>The single roles in <paramref name="roles"/>, in a fixed order: Admin, Manager, Clerk, Viewer.</summary>
    public static IEnumerable<string> Of(Roles roles) => All.Where(r => roles.HasFlag(r)).Select(r => r.ToString());
}
