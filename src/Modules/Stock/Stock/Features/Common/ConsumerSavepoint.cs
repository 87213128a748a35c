using Inventory.BuildingBlocks.Messaging;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Stock.Features.Common;

/// <summary>
/// A stock change inside a consumer's transaction that may be refused: on refusal its UPDATEs are rolled back to
/// the savepoint and its pending rows (ledger, outbox) forgotten, while the inbox row still commits.
/// </summary>
internal static class ConsumerSavepoint
{
    public static async Task<WriteResult<T>> TryAsync<T>(StockDbContext db, string name, Func<Task<WriteResult<T>>> change, CancellationToken cancellationToken) where T : class
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("The consumer runs in a transaction.");
        await transaction.CreateSavepointAsync(name, cancellationToken);
        var result = await change();
        if (result.Succeeded)
            return result;
        await transaction.RollbackToSavepointAsync(name, cancellationToken);
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is not InboxMessage).ToList())
            entry.State = EntityState.Detached;
        return result;
    }
}
