using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity;

/// <summary>Creates a tenant's first administrator: the provisioning step that does it calls this.</summary>
internal interface IAdminAccountProvisioner
{
    /// <summary>
    /// Creates an active Admin user with <paramref name="passwordHash"/> (from <see cref="Passwords.HashPassword"/>)
    /// in the tenant's database, unless a user with that email (ignoring case) exists: then it changes nothing, so
    /// a retried step is harmless. The tenant's identity schema must be migrated.
    /// </summary>
    Task EnsureAdminAsync(TenantInfo tenant, string email, string passwordHash, CancellationToken ct);
}

internal sealed class AdminAccountProvisioner(ITenantScopeFactory tenantScopes, TimeProvider time) : IAdminAccountProvisioner
{
    public async Task EnsureAdminAsync(TenantInfo tenant, string email, string passwordHash, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);

        await using var scope = tenantScopes.CreateScope(tenant);
        await using var db = scope.ServiceProvider.GetRequiredService<ModuleDbContextFactory<IdentityDbContext>>().Create();
        var normalized = User.Normalize(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct))
            return;

        db.Users.Add(User.Create(email, passwordHash, Roles.Admin, time.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // A concurrent run of the same step created the user first: that is the outcome wanted.
        }
    }
}
