using System.Security.Claims;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Features.ApiKeys;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Tenants.Identity.Features.ManageUsers;

/// <summary>
/// Who an administrator's change is made by, read again inside the change's own serializable transaction. The
/// transport already refused stale tokens, but a deactivation or demotion may commit between that check and this
/// change: reading the caller's row here makes the two transactions conflict, so a user or key created by an
/// administrator at the moment they are deactivated either is revoked with them or is not created at all.
/// </summary>
internal static class CallerGuard
{
    /// <param name="UserId">The user whose power the caller carries: the user of a token, or the creator of a key.</param>
    internal sealed record Caller(bool Allowed, Guid? UserId);

    public static UserError Refused { get; } = new("UNAUTHENTICATED", SecurityStampValidator.StaleTokenMessage);

    public static async Task<Caller> AdminAsync(IdentityDbContext db, ClaimsPrincipal? caller, DateTime now, CancellationToken ct)
    {
        var subject = caller?.FindFirst(AccessTokenClaims.Subject)?.Value;
        if (subject is null)
            return new(true, null);

        if (subject.StartsWith(ApiKeyAuthenticator.SubjectPrefix, StringComparison.Ordinal))
        {
            if (!Guid.TryParse(subject.AsSpan(ApiKeyAuthenticator.SubjectPrefix.Length), out var keyId))
                return new(false, null);
            var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == keyId, ct);
            // A key created with a key carries the same user's power, so it is revoked with that user's keys.
            return key is null || key.Refusal(now) is not null || key.Role != Roles.Admin ? new(false, null) : new(true, key.CreatedByUserId);
        }

        if (!Guid.TryParse(subject, out var userId))
            return new(false, null);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.IsActive, u.Roles, u.SecurityStamp }).SingleOrDefaultAsync(ct);
        if (user is null)
            return new(true, userId); // not a user of this database (only tokens the transport trusted without one)
        var stamp = caller!.FindFirst(AccessTokenClaims.SecurityStamp)?.Value;
        return new(user.IsActive && user.Roles.HasFlag(Roles.Admin) && string.Equals(stamp, user.SecurityStamp, StringComparison.Ordinal), userId);
    }
}
