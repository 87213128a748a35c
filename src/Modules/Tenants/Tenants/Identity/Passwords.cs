using Microsoft.AspNetCore.Identity;

namespace Inventory.Tenants.Identity;

/// <summary>
/// Password hashing with ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with a random salt; the format
/// names its own algorithm and iteration count, so older hashes still verify and report that they need a rehash).
/// </summary>
internal static class Passwords
{
    private sealed class Owner;

    private static readonly Owner Nobody = new();
    private static readonly PasswordHasher<Owner> Hasher = new();

    // A real hash of a password nobody knows: verifying against it costs what verifying a user's hash costs.
    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));

    public static string HashPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Hasher.HashPassword(Nobody, password);
    }

    public static PasswordVerificationResult Verify(string passwordHash, string password)
    {
        try
        {
            return Hasher.VerifyHashedPassword(Nobody, passwordHash, password);
        }
        catch (FormatException)
        {
            // A stored value that is not a hash at all never matches.
            return PasswordVerificationResult.Failed;
        }
    }

    /// <summary>Spends the time of one verification and fails: for unknown users, so timing does not tell who exists.</summary>
    public static void VerifyDecoy(string password) => Hasher.VerifyHashedPassword(Nobody, DecoyHash.Value, password);
}
