namespace Inventory.Tenants.Registry;

/// <summary>
/// Failed sign-ins of one key (a tenant and the hash of a normalized email, or a client address), in the system
/// database so every host sees the same count. Kept for unknown emails exactly as for real accounts: whether a row
/// exists says nothing about who has an account.
/// </summary>
internal sealed class SignInThrottle
{
    public const int KeyMaxLength = 128;

    public string Key { get; set; } = "";

    /// <summary>Attempts counted since the last success (or since the count went stale).</summary>
    public int Failures { get; set; }

    /// <summary>No attempt of this key is tried before then (UTC).</summary>
    public DateTime? BlockedUntil { get; set; }

    public DateTime UpdatedAt { get; set; }
}
