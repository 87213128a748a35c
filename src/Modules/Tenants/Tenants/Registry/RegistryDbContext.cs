using Inventory.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Tenants.Registry;

/// <summary>The tenant registry, in the system database (not in any tenant's).</summary>
internal abstract class RegistryDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "tenants";

    protected override string Schema => SchemaName;

    public DbSet<TenantRecord> Tenants => Set<TenantRecord>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        var tenant = modelBuilder.Entity<TenantRecord>();
        tenant.ToTable("tenants");
        tenant.HasKey(t => t.Id);
        tenant.Property(t => t.Id).ValueGeneratedNever();
        tenant.Property(t => t.Slug).HasMaxLength(40).IsRequired();
        tenant.HasIndex(t => t.Slug).IsUnique();
        tenant.Property(t => t.Name).HasMaxLength(200).IsRequired();
        tenant.Property(t => t.Status).HasConversion<string>().HasMaxLength(32);
        tenant.HasIndex(t => t.Status);
        tenant.Property(t => t.Plan).HasMaxLength(32);
        tenant.Property(t => t.AdminEmail).HasMaxLength(254).IsRequired();
        tenant.Property(t => t.PendingAdminPasswordHash).HasMaxLength(512);
        tenant.Property(t => t.ServerName).HasMaxLength(64);
        tenant.HasIndex(t => t.ServerName);
        tenant.Property(t => t.DatabaseName).HasMaxLength(128);
        tenant.Property(t => t.FailureReason).HasMaxLength(2000);
        // The onboarding quotas count signups of the last hour, per address and in all.
        tenant.Property(t => t.SignupAddressHash).HasMaxLength(64);
        tenant.HasIndex(t => t.CreatedAt);
        tenant.HasIndex(t => new { t.SignupAddressHash, t.CreatedAt });
        tenant.Property(t => t.VerificationCodeHash).HasMaxLength(512);
        tenant.OwnsMany(t => t.Steps, step =>
        {
            step.ToTable("provisioning_steps");
            step.WithOwner().HasForeignKey("TenantId");
            step.HasKey("TenantId", nameof(ProvisioningStepRecord.Step));
            step.Property(s => s.Step).HasMaxLength(32);
            step.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
            step.Property(s => s.Message).HasMaxLength(2000);
        });

        var throttle = modelBuilder.Entity<SignInThrottle>();
        throttle.ToTable("sign_in_throttles");
        throttle.HasKey(t => t.Key);
        throttle.Property(t => t.Key).HasMaxLength(SignInThrottle.KeyMaxLength);
        throttle.HasIndex(t => t.UpdatedAt);
    }
}

internal sealed class SqliteRegistryDbContext(DbContextOptions<SqliteRegistryDbContext> options) : RegistryDbContext(options);

internal sealed class PostgresRegistryDbContext(DbContextOptions<PostgresRegistryDbContext> options) : RegistryDbContext(options);

internal sealed class SqlServerRegistryDbContext(DbContextOptions<SqlServerRegistryDbContext> options) : RegistryDbContext(options);

// Used by `dotnet ef migrations add` only.
internal sealed class SqliteRegistryDesignTimeFactory() : ModuleDesignTimeFactory<SqliteRegistryDbContext>(DatabaseProvider.Sqlite, RegistryDbContext.SchemaName);

internal sealed class PostgresRegistryDesignTimeFactory() : ModuleDesignTimeFactory<PostgresRegistryDbContext>(DatabaseProvider.PostgreSql, RegistryDbContext.SchemaName);

internal sealed class SqlServerRegistryDesignTimeFactory() : ModuleDesignTimeFactory<SqlServerRegistryDbContext>(DatabaseProvider.SqlServer, RegistryDbContext.SchemaName);
