using System.Data;
using System.Data.Common;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Tenants.Identity.Features.ManageUsers;

/// <summary>
/// Runs a change that may take away an active administrator in a serializable transaction, retried when the
/// database refuses it for a concurrent change: two admins demoting each other cannot leave the tenant with none.
/// </summary>
internal static class LastAdminGuard
{
    private const int Attempts = 5;

    /// <summary>True when an active user other than <paramref name="userId"/> is an administrator.</summary>
    public static Task<bool> AnotherActiveAdminAsync(IdentityDbContext db, Guid userId, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Id != userId && u.IsActive && (u.Roles & Roles.Admin) == Roles.Admin, ct);

    public static async Task<T> RunAsync<T>(Func<IdentityDbContext> contexts, Func<IdentityDbContext, Task<T>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = contexts();
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
                var result = await change(db);
                await transaction.CommitAsync(ct);
                return result;
            }
            catch (Exception ex) when (attempt < Attempts && IsSerializationFailure(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), ct);
            }
        }
    }

    private static bool IsSerializationFailure(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is DbException db && (db.SqlState is "40001" or "40P01" || db.ErrorCode == 1205 || db.Message.Contains("deadlock", StringComparison.OrdinalIgnoreCase)))
                return true;
            if (ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
                return true;
        }
        return false;
    }
}
