using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Tenants.Identity.Features.ApiKeys;

/// <summary>The API keys that carry a user's power: revoked with the user's deactivation or loss of the Admin role.</summary>
internal static class UserApiKeys
{
    /// <summary>
    /// Revokes every key of <paramref name="userId"/> not revoked yet, in the caller's transaction, and answers their
    /// ids. Keys revoked before keep their first revocation time.
    /// </summary>
    public static async Task<List<Guid>> RevokeAsync(IdentityDbContext db, Guid userId, DateTime now, CancellationToken ct)
    {
        var keys = db.ApiKeys.Where(k => k.CreatedByUserId == userId && k.RevokedAt == null);
        var ids = await keys.Select(k => k.Id).ToListAsync(ct);
        if (ids.Count > 0)
            await keys.ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        return ids;
    }
}
