using System.Security.Cryptography;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants.Identity;

/// <summary>
/// Gives each configured demo tenant of the embedded default an administrator, so a newcomer can sign in:
/// <c>admin@&lt;tenant&gt;.local</c> with a password generated once and written to
/// <c>&lt;DataFolder&gt;/&lt;tenant&gt;-admin.txt</c> (never a password in the repository).
/// </summary>
internal sealed class DemoAdminSeeder(IAdminAccountProvisioner admins, IOptions<DatabaseOptions> database, ILogger<DemoAdminSeeder> logger) : IDemoDataSeeder
{
    public static string EmailFor(string tenant) => $"admin@{tenant}.local";

    public static string PasswordFileFor(DatabaseOptions database, string tenant) => Path.Combine(database.DataFolder, $"{tenant}-admin.txt");

    public async Task SeedAsync(TenantInfo tenant, IServiceProvider tenantServices, CancellationToken cancellationToken)
    {
        var email = EmailFor(tenant.Id);
        await using (var db = tenantServices.GetRequiredService<ModuleDbContextFactory<IdentityDbContext>>().Create())
        {
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == User.Normalize(email), cancellationToken))
                return;
        }

        // Letters and digits from each class, so the generated password passes the password rules.
        var password = $"Demo-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}-{RandomNumberGenerator.GetInt32(10, 99)}X";
        await admins.EnsureAdminAsync(tenant, email, Passwords.HashPassword(password), cancellationToken);
        var file = PasswordFileFor(database.Value, tenant.Id);
        // 0600 from its creation: never readable by other local users, not even for a moment.
        await PrivateFiles.WriteTextAsync(file, $"tenant: {tenant.Id}\nemail: {email}\npassword: {password}\n", cancellationToken);
        logger.LogInformation("Demo administrator of tenant {TenantId}: {Email}, password in {PasswordFile}", tenant.Id, email, file);
    }
}
