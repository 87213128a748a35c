using System.Text.Json;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Messaging;

/// <summary>
/// Publishes outbox messages to the bus. Woken by <see cref="OutboxSignal"/> after a commit and by the
/// periodic sweep (which finds what a crash or a broker outage left behind). A message is claimed with a
/// lease before it is published, so two hosts never publish it at once; if a host dies after publishing
/// and before marking it sent, it is published again and the consumers' inbox absorbs the duplicate.
/// Messages go in batches of a few statements each, published concurrently: no order among them is promised
/// (events carry versions, consumers are idempotent and ignore what is stale).
/// </summary>
public sealed class OutboxDispatcher(
    OutboxSignal signal,
    ITenantStore tenants,
    IEnumerable<IModuleDatabase> databases,
    IBus bus,
    IntegrationEventTypes eventTypes,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value.Outbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = signal.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            // Coalesce a burst of signals into one pass per tenant, over the modules named (null: every module).
            var pending = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
            while (reader.TryRead(out var wakeUp))
            {
                if (wakeUp.Module is null)
                    pending[wakeUp.TenantId] = null;
                else if (!pending.TryGetValue(wakeUp.TenantId, out var modules))
                    pending[wakeUp.TenantId] = new HashSet<string>(StringComparer.Ordinal) { wakeUp.Module };
                else
                    modules?.Add(wakeUp.Module);
            }

            foreach (var (tenantId, modules) in pending)
            {
                try
                {
                    var tenant = await tenants.FindAsync(tenantId, stoppingToken);
                    if (tenant is not null)
                        await DispatchAsync(tenant, modules, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Outbox dispatch for tenant {TenantId} failed; the sweep will retry", tenantId);
                }
            }
        }
    }

    /// <summary>Publishes every due message of one tenant, module by module. Returns how many were sent.</summary>
    public Task<int> DispatchAsync(TenantInfo tenant, CancellationToken cancellationToken) => DispatchAsync(tenant, null, cancellationToken);

    private async Task<int> DispatchAsync(TenantInfo tenant, HashSet<string>? modules, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var database in databases)
        {
            if (modules is not null && !modules.Contains(database.Schema))
                continue;
            await using var context = database.Create(tenant);
            while (true)
            {
                var (found, published) = await DispatchBatchAsync(context, cancellationToken);
                sent += published;
                if (found < _options.BatchSize)
                    break;
            }
        }
        return sent;
    }

    /// <summary>
    /// One batch in a fixed number of statements, whatever its size: find the due messages, claim them with one
    /// conditional UPDATE (a lease whose end doubles as this claim's token), read back what this claim won,
    /// publish those concurrently, and mark the published ones sent with one UPDATE. A message another host
    /// claimed in between is simply not in the read-back. Returns how many were due and how many were sent.
    /// </summary>
    private async Task<(int Found, int Sent)> DispatchBatchAsync(ModuleDbContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await context.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.OccurredAt)
            .Select(m => m.Id)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
            return (0, 0);

        var token = LeaseToken(now + _options.Lease);
        // Every condition of "due" again, on the row as it is now: another dispatcher may have tried one of these
        // since the SELECT, failed, released it and set its next attempt later; that one is not due any more.
        var claimed = await context.OutboxMessages
            .Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, token), cancellationToken);
        if (claimed == 0)
            return (due.Count, 0);

        var batch = await context.OutboxMessages.AsNoTracking()
            .Where(m => due.Contains(m.Id) && m.LockedUntil == token)
            .OrderBy(m => m.OccurredAt)
            .ToListAsync(cancellationToken);

        var outcomes = await Task.WhenAll(batch.Select(m => PublishAsync(m, cancellationToken)));

        var published = new List<Guid>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is null)
                published.Add(batch[i].Id);
            else
                await RecordFailureAsync(context, batch[i], outcomes[i]!);
        }
        if (published.Count > 0)
        {
            var sentAt = time.GetUtcNow().UtcDateTime;
            await context.OutboxMessages.Where(m => published.Contains(m.Id) && m.LockedUntil == token).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
        }
        return (due.Count, published.Count);
    }

    /// <summary>
    /// The lease end, with a random part below a second at the databases' common precision (microseconds), so two
    /// hosts claiming in the same instant get different tokens. Were two ever equal, both would publish the same
    /// messages: a duplicate the consumers' inbox absorbs, never a loss.
    /// </summary>
    private static DateTime LeaseToken(DateTime leaseEnd)
    {
        var microseconds = leaseEnd.Ticks / TimeSpan.TicksPerMicrosecond + Random.Shared.Next(1_000_000);
        return new DateTime(microseconds * TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
    }

    /// <summary>Publishes one message; returns null when the broker took it, else what went wrong.</summary>
    private async Task<Exception?> PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var type = eventTypes.Find(message.Type) ?? throw new InvalidOperationException($"Unknown integration event type '{message.Type}'.");
            var payload = JsonSerializer.Deserialize(message.Payload, type, OutboxMessage.JsonOptions)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.PublishTimeout);
            await bus.Publish(payload, type, ctx =>
            {
                ctx.MessageId = message.Id;
                ctx.Headers.Set(TenantHeader.Name, message.TenantId);
            }, timeout.Token);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return ex;
        }
    }

    private async Task RecordFailureAsync(ModuleDbContext context, OutboxMessage message, Exception ex)
    {
        var attempts = message.Attempts + 1;
        var dead = attempts >= _options.MaxAttempts;
        var next = time.GetUtcNow().UtcDateTime + _options.RetryDelay(attempts);
        var error = Truncate(ex.GetType().Name + ": " + ex.Message, 2000);
        await context.OutboxMessages.Where(m => m.Id == message.Id && m.LockedUntil == message.LockedUntil).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.Status, dead ? OutboxStatus.Dead : OutboxStatus.Pending)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
        if (dead)
            logger.LogError(ex, "Outbox message {MessageId} ({Type}) is dead after {Attempts} attempts", message.Id, message.Type, attempts);
        else
            logger.LogWarning(ex, "Publishing outbox message {MessageId} failed (attempt {Attempts}); next try at {NextAttemptAt}", message.Id, attempts, next);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

public static class TenantHeader
{
    public const string Name = "Inventory-Tenant";
}
