namespace Inventory.Tenants.Identity.Domain;

/// <summary>A person who signs in to one tenant. Lives in that tenant's database (schema <c>identity</c>).</summary>
internal sealed class User
{
    public const int EmailMaxLength = 254;
    public const int PasswordHashMaxLength = 512;

    public Guid Id { get; private set; }

    /// <summary>As given (trimmed).</summary>
    public string Email { get; private set; } = "";

    /// <summary>Upper-cased email: uniqueness and sign-in ignore case.</summary>
    public string NormalizedEmail { get; private set; } = "";

    /// <summary>ASP.NET Core's PasswordHasher format (see <see cref="Passwords"/>); never the password.</summary>
    public string PasswordHash { get; private set; } = "";

    public Roles Roles { get; private set; }
    public bool IsActive { get; private set; }

    /// <summary>Consecutive failed sign-ins since the last success or lockout.</summary>
    public int FailedLoginAttempts { get; private set; }

    /// <summary>Sign-in is refused until then (UTC); null when not locked out.</summary>
    public DateTime? LockoutEnd { get; private set; }

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
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public bool IsLockedOut(DateTime now) => LockoutEnd is { } end && end > now;

    public void ChangeRoles(Roles roles, DateTime now)
    {
        if (roles == Roles.None)
            throw new ArgumentException("A user has at least one role.", nameof(roles));
        Roles = roles;
        UpdatedAt = now;
    }

    public void Deactivate(DateTime now)
    {
        IsActive = false;
        UpdatedAt = now;
    }
}
