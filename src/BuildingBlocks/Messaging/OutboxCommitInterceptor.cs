using System.Data.Common;
using Inventory.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Inventory.BuildingBlocks.Messaging;

/// <summary>
/// Signals the dispatcher once outbox rows are durable: after SaveChanges when no explicit transaction is
/// open, else after the transaction commits. Signalling earlier would only make the dispatcher look too soon.
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ModuleDbContext context && context.Database.CurrentTransaction is null)
            SignalIfNeeded(context);
        return ValueTask.FromResult(result);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ModuleDbContext context)
            SignalIfNeeded(context);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is ModuleDbContext context)
            SignalIfNeeded(context);
    }

    private void SignalIfNeeded(ModuleDbContext context)
    {
        if (!context.HasUnsignalledOutboxMessages)
            return;
        context.HasUnsignalledOutboxMessages = false;
        signal.Notify(context.TenantId, context.ModuleSchema);
    }
}
