using System.Security.Cryptography;
using System.Text;

namespace Inventory.Tenants.Identity.Domain;

/// <summary>
/// A key an integration signs in with, sent as <c>Authorization: Bearer &lt;key&gt;</c>. The key reads
/// <c>ik_&lt;tenant&gt;.&lt;prefix&gt;.&lt;secret&gt;</c>: the tenant's slug says which tenant database holds it, the prefix
/// (random, unique, not secret, shown in lists) finds it there, and only the SHA-256 of the secret (32 random bytes,
/// base64url) is stored. The key itself is shown once, when it is issued.
/// </summary>
internal sealed class ApiKey
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 12;
    public const string KeyStart = "ik_";
    public const char Separator = '.';
    /// <summary>The longest a key may be issued for, when it is issued with an expiry.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(2 * 365);
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Roles Role { get; private set; }

    /// <summary>Random, unique, not secret: part of the key, shown in lists so people can tell keys apart.</summary>
    public string Prefix { get; private set; } = "";

    /// <summary>SHA-256 of the secret part (32 bytes).</summary>
    public byte[] SecretHash { get; private set; } = [];

    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }

    /// <summary>The key is refused from then on (UTC); null when it does not expire.</summary>
    public DateTime? ExpiresAt { get; private set; }

    /// <summary>
    /// The user whose power the key carries: the one who created it, or, for a key created with another key, that
    /// key's user. Null for keys created before this was recorded, or by a key that has none. The user's keys are
    /// revoked when the user is deactivated or loses the Admin role.
    /// </summary>
    public Guid? CreatedByUserId { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpired(DateTime now) => ExpiresAt is { } end && end <= now;

    /// <summary>Why the key is refused at <paramref name="now"/> ("revoked", "expired"), or null when it is accepted.</summary>
    public string? Refusal(DateTime now) => IsRevoked ? "revoked" : IsExpired(now) ? "expired" : null;

    /// <summary>A new key of <paramref name="tenant"/> and the one copy of its plain text.</summary>
    public static (ApiKey Key, string PlainText) Issue(string tenant, string name, Roles role, DateTime now,
        Guid? createdByUserId = null, DateTime? expiresAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (tenant.Contains(Separator) || tenant.Any(char.IsWhiteSpace))
            throw new ArgumentException("A tenant slug has no '.' and no white space.", nameof(tenant));
        if (!RoleNames.All.Contains(role))
            throw new ArgumentException("An API key has exactly one role.", nameof(role));
        var prefix = RandomNumberGenerator.GetString(PrefixAlphabet, PrefixLength);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Role = role,
            Prefix = prefix,
            SecretHash = HashSecret(secret),
            CreatedAt = now,
            CreatedByUserId = createdByUserId,
            ExpiresAt = expiresAt,
        };
        return (key, $"{KeyStart}{tenant}{Separator}{prefix}{Separator}{secret}");
    }

    /// <summary>Splits a presented key into its tenant, prefix (for the lookup) and secret; false when it is not shaped like one.</summary>
    public static bool TryParse(string? presented, out string tenant, out string prefix, out string secret)
    {
        tenant = prefix = secret = "";
        if (presented is null || presented.Length > 512 || !presented.StartsWith(KeyStart, StringComparison.Ordinal))
            return false;
        var parts = presented[KeyStart.Length..].Split(Separator);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[2].Length == 0 || parts[1].Length != PrefixLength ||
            !parts[1].All(c => PrefixAlphabet.Contains(c)))
            return false;
        (tenant, prefix, secret) = (parts[0], parts[1], parts[2]);
        return true;
    }

    public bool Matches(string secret) => CryptographicOperations.FixedTimeEquals(SecretHash, HashSecret(secret));

    public void Revoke(DateTime now) => RevokedAt ??= now;

    public void MarkUsed(DateTime now) => LastUsedAt = now;

    public static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
