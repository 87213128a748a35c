namespace Inventory.Tenants.Identity.Features.Login;

/// <summary>Configuration section <c>Authentication:Lockout</c>: how many wrong passwords lock an account, and for how long.</summary>
internal sealed class LockoutOptions
{
    public const string Section = "Authentication:Lockout";

    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
