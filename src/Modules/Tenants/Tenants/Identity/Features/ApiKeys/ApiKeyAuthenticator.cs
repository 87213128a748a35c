using System.Security.Claims;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inventory.Tenants.Identity.Features.ApiKeys;

/// <summary>
/// Signs an API key in: the key (<c>ik_&lt;tenant&gt;.&lt;prefix&gt;.&lt;secret&gt;</c>) names its tenant, which must be
/// active; the key is found by its prefix in that tenant's database, its secret compared with the stored hash in
/// constant time, and a revoked or expired key refused. The caller gets the claims <c>tenant</c>, <c>role</c> and
/// <c>sub</c> = <c>apikey:&lt;id&gt;</c>. The secret is never logged.
/// </summary>
internal sealed class ApiKeyAuthenticator(ITenantStore tenants, ITenantScopeFactory tenantScopes, TimeProvider time, ILogger<ApiKeyAuthenticator> logger)
    : IApiKeyAuthenticator
{
    public const string AuthenticationType = "ApiKey";
    public const string SubjectPrefix = "apikey:";
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ClaimsPrincipal?> AuthenticateAsync(string key, CancellationToken ct)
    {
        if (!ApiKey.TryParse(key, out var slug, out var prefix, out var secret))
            return null;
        var tenant = await tenants.FindAsync(slug, ct);
        if (tenant is not { Status: TenantStatus.Active })
            return null;

        await using var scope = tenantScopes.CreateScope(tenant);
        await using var db = scope.ServiceProvider.GetRequiredService<ModuleDbContextFactory<IdentityDbContext>>().Create();
        var apiKey = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, ct);
        if (apiKey is null)
        {
            ApiKey.HashSecret(secret); // the same work as a known key
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (!apiKey.Matches(secret) || apiKey.Refusal(now) is not null)
        {
            logger.LogInformation("API key {ApiKeyId} of tenant {TenantId} refused ({Reason})", apiKey.Id, tenant.Id, apiKey.Refusal(now) ?? "wrong secret");
            return null;
        }

        if (apiKey.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            var threshold = now - LastUsedResolution;
            await db.ApiKeys.Where(k => k.Id == apiKey.Id && (k.LastUsedAt == null || k.LastUsedAt <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }

        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(AccessTokenClaims.Subject, SubjectPrefix + apiKey.Id),
            new Claim(AccessTokenClaims.Tenant, tenant.Id),
            new Claim(AccessTokenClaims.Role, apiKey.Role.ToString()),
        ], AuthenticationType, AccessTokenClaims.Subject, AccessTokenClaims.Role));
    }
}
