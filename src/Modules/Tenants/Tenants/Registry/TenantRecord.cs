using Inventory.BuildingBlocks.Tenancy;

namespace Inventory.Tenants.Registry;

/// <summary>A tenant in the system database's registry: who it is, where its database lives, how far provisioning got.</summary>
internal sealed class TenantRecord
{
    public Guid Id { get; private set; }

    /// <summary>The tenant id everywhere else (token claim, X-Tenant, subdomain, message header).</summary>
    public string Slug { get; private set; } = "";

    public string Name { get; private set; } = "";
    public TenantStatus Status { get; set; }
    public string Plan { get; private set; } = "standard";
    public string AdminEmail { get; private set; } = "";

    /// <summary>Kept only until the admin account exists in the tenant database, so a retried step can still create it.</summary>
    public string? PendingAdminPasswordHash { get; set; }

    public string? ServerName { get; set; }
    public string? DatabaseName { get; set; }
    public string? FailureReason { get; set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; set; }
    public List<ProvisioningStepRecord> Steps { get; private set; } = [];

    /// <summary>SHA-256 of the signup's client address key (see <c>ClientAddress</c>): what the per-address quota counts.</summary>
    public string? SignupAddressHash { get; private set; }

    /// <summary>The emailed confirmation code, hashed like a password; null once confirmed (or without verification).</summary>
    public string? VerificationCodeHash { get; set; }

    public DateTime? VerificationExpiresAt { get; set; }
    public int VerificationAttempts { get; set; }

    public static TenantRecord Onboard(string slug, string name, string adminEmail, string adminPasswordHash, DateTime now,
        string? signupAddressHash = null, TenantStatus status = TenantStatus.Provisioning)
    {
        var tenant = new TenantRecord
        {
            Id = Guid.CreateVersion7(),
            Slug = slug,
            Name = name,
            AdminEmail = adminEmail,
            PendingAdminPasswordHash = adminPasswordHash,
            Status = status,
            SignupAddressHash = signupAddressHash,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var order = 0;
        foreach (var step in ProvisioningSteps.All)
            tenant.Steps.Add(new ProvisioningStepRecord { Step = step, Order = order++, State = StepState.Pending, UpdatedAt = now });
        return tenant;
    }
}

internal enum StepState { Pending, Running, Done, Failed }

internal sealed class ProvisioningStepRecord
{
    public string Step { get; set; } = "";
    public int Order { get; set; }
    public StepState State { get; set; }
    public string? Message { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The steps of provisioning, in order; each is idempotent so a retry can run it again.</summary>
internal static class ProvisioningSteps
{
    public const string PlaceDatabase = "PLACE_DATABASE";
    public const string CreateDatabase = "CREATE_DATABASE";
    public const string ApplyMigrations = "APPLY_MIGRATIONS";
    public const string SeedDefaults = "SEED_DEFAULTS";
    public const string CreateAdmin = "CREATE_ADMIN";
    public const string Activate = "ACTIVATE";

    public static readonly string[] All = [PlaceDatabase, CreateDatabase, ApplyMigrations, SeedDefaults, CreateAdmin, Activate];
}
