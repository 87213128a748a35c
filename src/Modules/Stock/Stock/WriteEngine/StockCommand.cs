using System.Text.Json;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.Stock.Domain;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;

namespace Inventory.Stock.WriteEngine;

/// <summary>A consumer's proof that it applied a message.</summary>
internal readonly record struct InboxEntry(Guid MessageId, string Consumer);

/// <summary>A level a command names by SKU and warehouse, and whether the batch may create it empty when it is missing.</summary>
internal sealed record LevelTarget(LevelKey Key, TargetUse Use)
{
    /// <summary>Receipts and corrections start a level; reservations and changes that can only take from a level never do.</summary>
    public bool Creates => Use is TargetUse.Inbound or TargetUse.Correction;
}

/// <summary>
/// One stock write as the engine runs it: what it names (levels by SKU and warehouse, a reservation by id), and
/// how it decides on the locked state of its batch. It never touches the database itself: the store loads
/// the batch's rows with their locks, every command of the batch decides on them in turn, and the store writes
/// what they decided in one transaction. The idempotency key is handled here, once for every write: a key seen
/// before answers its first result (or IDEMPOTENCY_KEY_REUSED for another request), a write that fails stores
/// nothing (key included), and a successful one stores its key with its result in the batch's transaction.
/// </summary>
internal abstract class StockCommand
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    protected StockCommand(string operation, string? idempotencyKey, object request)
    {
        Operation = operation;
        IdempotencyKey = idempotencyKey;
        RequestHash = idempotencyKey is null ? "" : IdempotencyKeys.Hash(operation, request);
    }

    public string Operation { get; }
    public string? IdempotencyKey { get; }
    public string RequestHash { get; }

    public virtual IReadOnlyList<LevelTarget> Targets => [];

    /// <summary>The reservations the command changes (loaded with their lines, locked, and their lines' levels locked).</summary>
    public virtual IReadOnlyList<Guid> ReservationIds => [];

    /// <summary>The transfers the command moves on (loaded with their lines and locked before any level).</summary>
    public virtual IReadOnlyList<Guid> TransferIds => [];

    /// <summary>The purchase orders the command changes (loaded with their lines and locked before any level; their lines' levels are locked with the others).</summary>
    public virtual IReadOnlyList<Guid> PurchaseOrderIds => [];

    /// <summary>
    /// For a write a consumed message asks for: the inbox row that proves it applied. It is written with the
    /// write's rows; a message whose row is there already changes nothing again.
    /// </summary>
    public InboxEntry? Inbox { get; init; }

    /// <summary>Decides on the batch's state; on refusal everything it changed there is undone.</summary>
    internal abstract void Decide(WriteBatch batch);

    /// <summary>Forgets a decision, for a batch that is run again (a deadlock, a key that raced).</summary>
    internal abstract void Reset();

    internal abstract void Complete();

    internal abstract void Fault(Exception error);
}

internal abstract class StockCommand<T>(string operation, string? idempotencyKey, object request)
    : StockCommand(operation, idempotencyKey, request) where T : class
{
    private readonly TaskCompletionSource<WriteResult<T>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WriteResult<T>? _outcome;

    public Task<WriteResult<T>> Completion => _done.Task;

    /// <summary>The write itself, on the batch's state. Its value must be a copy: later commands of the batch change the same rows.</summary>
    protected abstract WriteResult<T> Execute(WriteBatch batch);

    internal sealed override void Decide(WriteBatch batch)
    {
        if (Inbox is { } inbox && batch.Inbox.Contains(inbox))
        {
            _outcome = new WriteResult<T>(null, [], Replayed: true);
            return;
        }
        if (IdempotencyKey is not null && batch.Keys.TryGetValue(IdempotencyKey, out var record))
        {
            _outcome = record.Operation != Operation || record.RequestHash != RequestHash
                ? WriteResult<T>.Fail(new UserError(StockErrors.IdempotencyKeyReused,
                    $"This idempotency key was used for another request ({record.Operation}); use a new key for a new request.", "idempotencyKey"))
                : new WriteResult<T>(JsonSerializer.Deserialize<T>(record.Result, Json), [], Replayed: true);
            return;
        }

        var mark = batch.Mark();
        var result = Execute(batch);
        if (!result.Succeeded)
        {
            batch.RollbackTo(mark);
            _outcome = result;
            return;
        }
        if (Inbox is { } consumed)
            batch.AddInbox(consumed);
        if (IdempotencyKey is not null)
            batch.AddKey(new IdempotencyRecord
            {
                Key = IdempotencyKey,
                Operation = Operation,
                RequestHash = RequestHash,
                Result = JsonSerializer.Serialize(result.Value, Json),
                CreatedAt = batch.Now,
            });
        _outcome = result;
    }

    internal sealed override void Reset() => _outcome = null;

    internal sealed override void Complete() => _done.TrySetResult(_outcome ?? throw new InvalidOperationException("The command was not decided."));

    internal sealed override void Fault(Exception error) => _done.TrySetException(error);
}
