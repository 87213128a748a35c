using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Inventory.BuildingBlocks.Messaging;

/// <summary>
/// Keeps the outboxes and inboxes from growing without bound: every tenant's sent messages older than
/// <c>Messaging:Outbox:Retention</c> and inbox rows older than <c>Messaging:Inbox:Retention</c> are deleted,
/// oldest first, <c>Messaging:Outbox:PruneBatchSize</c> rows per statement. Each DELETE commits on its own
/// and reads only its index, so a pass over millions of rows never holds a lock for long; the dispatcher
/// only ever touches pending rows, which the pruner never deletes (nor dead ones: operators still need them).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class OutboxPruneJob(
    ITenantStore tenants,
    IEnumerable<IModuleDatabase> databases,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxPruneJob> logger) : IJob
{
    private static readonly TimeSpan MinimumInboxRetention = TimeSpan.FromHours(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var tenant in await tenants.ListActiveAsync(cancellationToken))
        {
            foreach (var database in databases)
            {
                try
                {
                    var (outbox, inbox) = await PruneAsync(database, tenant, cancellationToken);
                    if (outbox + inbox > 0)
                        logger.LogInformation("Pruned {Outbox} sent outbox and {Inbox} inbox rows of {Module} for tenant {TenantId}", outbox, inbox, database.Schema, tenant.Id);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // One tenant's database being down must not stop the others' pruning; the next run picks it up.
                    logger.LogWarning(ex, "Pruning the {Module} outbox of tenant {TenantId} failed", database.Schema, tenant.Id);
                }
            }
        }
    }

    private async Task<(long Outbox, long Inbox)> PruneAsync(IModuleDatabase database, TenantInfo tenant, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var batchSize = Math.Clamp(settings.Outbox.PruneBatchSize, 1, 100_000);
        var now = time.GetUtcNow().UtcDateTime;
        var sentBefore = now - settings.Outbox.Retention;
        var processedBefore = now - (settings.Inbox.Retention < MinimumInboxRetention ? MinimumInboxRetention : settings.Inbox.Retention);

        long outbox = 0, inbox = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var context = database.Create(tenant);
            var deleted = await context.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Sent && m.SentAt < sentBefore)
                .OrderBy(m => m.SentAt)
                .Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken);
            outbox += deleted;
            if (deleted < batchSize)
                break;
            await Task.Yield();
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var context = database.Create(tenant);
            var deleted = await context.InboxMessages
                .Where(m => m.ProcessedAt < processedBefore)
                .OrderBy(m => m.ProcessedAt)
                .Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken);
            inbox += deleted;
            if (deleted < batchSize)
                break;
            await Task.Yield();
        }
        return (outbox, inbox);
    }
}
