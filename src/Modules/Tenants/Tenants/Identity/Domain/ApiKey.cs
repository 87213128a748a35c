using System.Security.Cryptography;
using System.Text;

namespace Inventory.Tenants.Identity.Domain;

/// <summary>
/// A key an integration signs in with. Only the SHA-256 of its secret is stored; the key itself
/// (<c>inv_&lt;prefix&gt;_&lt;secret&gt;</c>) is shown once, when it is issued. The prefix identifies it in lists and lookups.
/// </summary>
internal sealed class ApiKey
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 12;
    public const string KeyStart = "inv_";

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Roles Role { get; private set; }

    /// <summary>Random, unique, not secret: shown in lists so people can tell keys apart.</summary>
    public string Prefix { get; private set; } = "";

    /// <summary>SHA-256 of the secret part (32 bytes).</summary>
    public byte[] SecretHash { get; private set; } = [];

    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A new key and the one copy of its plain text.</summary>
    public static (ApiKey Key, string PlainText) Issue(string name, Roles role, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!RoleNames.All.Contains(role))
            throw new ArgumentException("An API key has exactly one role.", nameof(role));
        var prefix = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", PrefixLength);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Role = role,
            Prefix = prefix,
            SecretHash = HashSecret(secret),
            CreatedAt = now,
        };
        return (key, $"{KeyStart}{prefix}_{secret}");
    }

    /// <summary>Splits a presented key into its prefix (for the lookup) and secret; false when it is not shaped like one.</summary>
    public static bool TryParse(string presented, out string prefix, out string secret)
    {
        prefix = secret = "";
        if (!presented.StartsWith(KeyStart, StringComparison.Ordinal) || presented.Length <= KeyStart.Length + PrefixLength + 1 ||
            presented[KeyStart.Length + PrefixLength] != '_')
            return false;
        prefix = presented.Substring(KeyStart.Length, PrefixLength);
        secret = presented[(KeyStart.Length + PrefixLength + 1)..];
        return true;
    }

    public bool Matches(string secret) => CryptographicOperations.FixedTimeEquals(SecretHash, HashSecret(secret));

    public void Revoke(DateTime now) => RevokedAt ??= now;

    public void MarkUsed(DateTime now) => LastUsedAt = now;

    private static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
