using Inventory.BuildingBlocks.Persistence;
using System.Runtime.ExceptionServices;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Inventory.BuildingBlocks.Messaging;

/// <summary>
/// Base of every consumer: the effect of a message and its inbox row commit in one transaction, so a
/// redelivered message (same message id) is recognised and skipped. Two concurrent deliveries race on the
/// inbox primary key; the loser rolls back and finds the winner's row.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(ModuleDbContextFactory<TContext> contexts, TimeProvider time) : IConsumer<TMessage>
    where TMessage : class
    where TContext : ModuleDbContext
{
    protected virtual string ConsumerName => GetType().FullName!;

    /// <summary>The clock of this consumer (the one the inbox row is stamped with).</summary>
    protected TimeProvider Clock => time;

    protected abstract Task HandleAsync(TMessage message, TContext context, CancellationToken cancellationToken);

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without an id cannot be deduplicated.");
        var cancellationToken = context.CancellationToken;

        DbUpdateException? failure = null;
        await using (var db = contexts.Create())
        {
            if (await AlreadyProcessedAsync(db, messageId, cancellationToken))
                return;

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.InboxMessages.Add(InboxMessage.Create(messageId, ConsumerName, time.GetUtcNow().UtcDateTime));
            await HandleAsync(context.Message, db, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException ex)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                failure = ex;
            }
        }

        await using var check = contexts.Create();
        if (!await AlreadyProcessedAsync(check, messageId, cancellationToken))
            ExceptionDispatchInfo.Throw(failure);
    }

    private Task<bool> AlreadyProcessedAsync(TContext db, Guid messageId, CancellationToken cancellationToken) =>
        db.InboxMessages.AnyAsync(m => m.MessageId == messageId && m.Consumer == ConsumerName, cancellationToken);
}
