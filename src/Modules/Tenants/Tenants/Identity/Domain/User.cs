using System.Security.Cryptography;

namespace Inventory.Tenants.Identity.Domain;

/// <summary>A person who signs in to one tenant. Lives in that tenant's database (schema <c>identity</c>).</summary>
internal sealed class User
{
    public const int EmailMaxLength = 254;
    public const int PasswordHashMaxLength = 512;
    public const int SecurityStampLength = 32;

    public Guid Id { get; private set; }

    /// <summary>As given (trimmed).</summary>
    public string Email { get; private set; } = "";

    /// <summary>Upper-cased email: uniqueness and sign-in ignore case.</summary>
    public string NormalizedEmail { get; private set; } = "";

    /// <summary>ASP.NET Core's PasswordHasher format (see <see cref="Passwords"/>); never the password.</summary>
    public string PasswordHash { get; private set; } = "";

    public Roles Roles { get; private set; }
    public bool IsActive { get; private set; }

    /// <summary>
    /// Random; replaced whenever what a token of this user may do changes (deactivation, any change of roles, a new
    /// password). Access tokens carry the stamp they were issued with, and a token whose stamp is no longer the
    /// user's is refused (ADR 14).
    /// </summary>
    public string SecurityStamp { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? LastLoginAt { get; private set; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public static User Create(string email, string passwordHash, Roles roles, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        return new User
        {
            Id = Guid.CreateVersion7(),
            Email = email.Trim(),
            NormalizedEmail = Normalize(email),
            PasswordHash = passwordHash,
            Roles = roles,
            IsActive = true,
            SecurityStamp = NewSecurityStamp(),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public void ChangeRoles(Roles roles, DateTime now)
    {
        if (roles == Roles.None)
            throw new ArgumentException("A user has at least one role.", nameof(roles));
        if (roles == Roles)
            return;
        Roles = roles;
        SecurityStamp = NewSecurityStamp();
        UpdatedAt = now;
    }

    public void Deactivate(DateTime now)
    {
        if (!IsActive)
            return;
        IsActive = false;
        SecurityStamp = NewSecurityStamp();
        UpdatedAt = now;
    }

    public void ChangePassword(string passwordHash, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
        SecurityStamp = NewSecurityStamp();
        UpdatedAt = now;
    }

    /// <summary>32 hex characters of 16 random bytes.</summary>
    public static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(SecurityStampLength / 2));
}
