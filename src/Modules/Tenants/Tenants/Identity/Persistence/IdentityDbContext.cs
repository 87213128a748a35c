using Inventory.BuildingBlocks.Persistence;
using Inventory.Tenants.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Tenants.Identity.Persistence;

/// <summary>Users and API keys of one tenant, in that tenant's database (schema <c>identity</c>).</summary>
internal abstract class IdentityDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "identity";

    protected override string Schema => SchemaName;

    public DbSet<User> Users => Set<User>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        var user = modelBuilder.Entity<User>();
        user.ToTable("users");
        user.HasKey(u => u.Id);
        user.Property(u => u.Id).ValueGeneratedNever();
        user.Property(u => u.Email).HasMaxLength(User.EmailMaxLength).IsRequired();
        user.Property(u => u.NormalizedEmail).HasMaxLength(User.EmailMaxLength).IsRequired();
        user.HasIndex(u => u.NormalizedEmail).IsUnique();
        user.Property(u => u.PasswordHash).HasMaxLength(User.PasswordHashMaxLength).IsRequired();
        user.Property(u => u.Roles).HasConversion<int>();
        user.Property(u => u.SecurityStamp).HasMaxLength(User.SecurityStampLength).IsRequired();

        var apiKey = modelBuilder.Entity<ApiKey>();
        apiKey.ToTable("api_keys");
        apiKey.HasKey(k => k.Id);
        apiKey.Property(k => k.Id).ValueGeneratedNever();
        apiKey.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IsRequired();
        apiKey.Property(k => k.Role).HasConversion<int>();
        apiKey.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength).IsRequired();
        apiKey.HasIndex(k => k.Prefix).IsUnique();
        apiKey.Property(k => k.SecretHash).HasMaxLength(32).IsRequired();
        apiKey.HasIndex(k => k.CreatedByUserId);
        apiKey.Ignore(k => k.IsRevoked);
    }
}

// One subclass per provider: each keeps its own migrations (Identity/Persistence/Migrations/<Provider>).
internal sealed class SqliteIdentityDbContext(DbContextOptions<SqliteIdentityDbContext> options) : IdentityDbContext(options);

internal sealed class PostgresIdentityDbContext(DbContextOptions<PostgresIdentityDbContext> options) : IdentityDbContext(options);

internal sealed class SqlServerIdentityDbContext(DbContextOptions<SqlServerIdentityDbContext> options) : IdentityDbContext(options);
