using System.Security.Claims;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Identity.Features.ApiKeys;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants.Identity;

/// <summary>Configuration section <c>Authentication:SecurityStamp</c>.</summary>
internal sealed class SecurityStampOptions
{
    public const string Section = "Authentication:SecurityStamp";

    /// <summary>
    /// How long a host reuses what it read of a caller (a user's stamp and whether it is active; an API key's
    /// revocation and expiry) before reading it again. The host that changes a user forgets its copy at once;
    /// other hosts see the change within this time. Zero reads on every request.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Callers remembered at most (one entry per tenant and user or key).</summary>
    public int MaxCachedCallers { get; set; } = 100_000;
}

/// <summary>What a host knows of a caller: a user's stamp and state, or an API key's state. Null stamp: no such user.</summary>
internal sealed record CallerState(bool Exists, bool Active, string? Stamp, DateTime? RevokedAt, DateTime? ExpiresAt, DateTime ReadAt);

/// <summary>
/// The per-host cache of callers' states, by (tenant, user or key). A change made on this host forgets the entry
/// after it commits; a read that started before a change on this host is not stored after it (a generation
/// counter), so this host never serves a state older than its own last change.
/// </summary>
internal sealed class SecurityStamps(IOptions<SecurityStampOptions> options, TimeProvider time) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.MaxCachedCallers) });
    private long _generation;

    public TimeSpan CacheDuration => options.Value.CacheDuration;

    public long Generation => Interlocked.Read(ref _generation);

    public CallerState? Find(string tenant, string subject)
    {
        if (!_cache.TryGetValue((tenant, subject), out CallerState? state) || state is null)
            return null;
        // The bound is measured with the platform's clock (tests move it); the cache's own expiry only frees memory.
        return time.GetUtcNow().UtcDateTime - state.ReadAt < CacheDuration ? state : null;
    }

    /// <summary>Keeps <paramref name="state"/> unless this host changed a caller since <paramref name="generation"/> was read.</summary>
    public void Store(string tenant, string subject, CallerState state, long generation)
    {
        if (CacheDuration <= TimeSpan.Zero || Generation != generation)
            return;
        _cache.Set((tenant, subject), state, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheDuration });
        // A change on this host may have forgotten the entry between the check and the Set: take it out again.
        if (Generation != generation)
            _cache.Remove((tenant, subject));
    }

    public void ForgetUser(string tenant, Guid userId) => Forget(tenant, userId.ToString());

    public void ForgetApiKeys(string tenant, IEnumerable<Guid> keyIds)
    {
        foreach (var id in keyIds)
            Forget(tenant, ApiKeyAuthenticator.SubjectPrefix + id);
    }

    private void Forget(string tenant, string subject)
    {
        Interlocked.Increment(ref _generation);
        _cache.Remove((tenant, subject));
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>
/// Refuses a token whose user was deactivated, lost or changed roles, or changed password since it was issued (its
/// <c>stamp</c> claim is no longer the user's), a token without a stamp (issued before stamps existed), and, on
/// long-lived WebSocket connections, an API key revoked or expired since it signed in. Warm, this is one lookup in
/// <see cref="SecurityStamps"/>; cold, one query of the tenant's database.
/// </summary>
internal sealed class SecurityStampValidator(SecurityStamps stamps, ITenantStore tenants, ITenantScopeFactory tenantScopes, TimeProvider time)
    : ICallerValidator
{
    public const string StaleTokenMessage = "The access token is no longer valid (the account changed since sign-in): sign in again.";
    public const string NoStampMessage = "The access token was issued before security stamps: sign in again.";
    public const string ApiKeyRefusedMessage = "The API key is revoked or expired.";

    public async ValueTask<string?> RefusalAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var tenant = caller.FindFirst(AccessTokenClaims.Tenant)?.Value;
        var subject = caller.FindFirst(AccessTokenClaims.Subject)?.Value;
        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(subject))
            return StaleTokenMessage;

        if (subject.StartsWith(ApiKeyAuthenticator.SubjectPrefix, StringComparison.Ordinal))
        {
            if (await StateAsync(tenant, subject, cancellationToken) is not { } key)
                return null;
            return key is { Exists: true, RevokedAt: null } && (key.ExpiresAt is not { } end || end > time.GetUtcNow().UtcDateTime)
                ? null
                : ApiKeyRefusedMessage;
        }

        if (caller.FindFirst(AccessTokenClaims.SecurityStamp)?.Value is not { Length: > 0 } stamp)
            return NoStampMessage;
        if (await StateAsync(tenant, subject, cancellationToken) is not { } user)
            return null;
        return user is { Exists: true, Active: true } && string.Equals(user.Stamp, stamp, StringComparison.Ordinal) ? null : StaleTokenMessage;
    }

    /// <summary>The caller's state, or null when its tenant is not served now (the transport answers that: not found, suspended, not ready).</summary>
    private async Task<CallerState?> StateAsync(string tenantId, string subject, CancellationToken cancellationToken)
    {
        if (stamps.Find(tenantId, subject) is { } cached)
            return cached;

        var generation = stamps.Generation;
        var tenant = await tenants.FindAsync(tenantId, cancellationToken);
        if (tenant is not { Status: TenantStatus.Active })
            return null;
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = tenantScopes.CreateScope(tenant);
        await using var db = scope.ServiceProvider.GetRequiredService<ModuleDbContextFactory<IdentityDbContext>>().Create();

        CallerState state;
        if (subject.StartsWith(ApiKeyAuthenticator.SubjectPrefix, StringComparison.Ordinal))
        {
            var id = Guid.TryParse(subject.AsSpan(ApiKeyAuthenticator.SubjectPrefix.Length), out var keyId) ? keyId : (Guid?)null;
            var key = id is null ? null : await db.ApiKeys.AsNoTracking().Where(k => k.Id == id)
                .Select(k => new { k.RevokedAt, k.ExpiresAt }).SingleOrDefaultAsync(cancellationToken);
            state = new CallerState(key is not null, key is not null, null, key?.RevokedAt, key?.ExpiresAt, now);
        }
        else
        {
            var id = Guid.TryParse(subject, out var userId) ? userId : (Guid?)null;
            var user = id is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new { u.IsActive, u.SecurityStamp }).SingleOrDefaultAsync(cancellationToken);
            state = new CallerState(user is not null, user?.IsActive == true, user?.SecurityStamp, null, null, now);
        }
        stamps.Store(tenantId, subject, state, generation);
        return state;
    }
}
