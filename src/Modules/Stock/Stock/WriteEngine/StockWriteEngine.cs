using System.Collections.Concurrent;
using System.Threading.Channels;
using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.Features.Common;
using Inventory.Stock.WriteEngine;
using Inventory.Stock.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inventory.Stock.WriteEngine;

/// <summary>Settings of the stock write engine (section <c>Stock:Writes</c>).</summary>
internal sealed class StockWriteOptions
{
    public const string Section = "Stock:Writes";

    /// <summary>The most writes one transaction carries. 1 runs every write in a transaction of its own (the same statements, no combining).</summary>
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>Batches of one tenant in flight at once on this host: the next one gathers while one waits for its commit.</summary>
    public int MaxConcurrentBatches { get; set; } = 2;

    /// <summary>How often a batch is run again after a deadlock or a key that raced, before its writes fail.</summary>
    public int MaxAttempts { get; set; } = 5;
}

internal interface IWriteBatchStore
{
    /// <summary>Loads and locks what the commands name, lets each decide in turn, writes what they decided and commits; throws when the database refused.</summary>
    Task RunAsync(StockDbContext db, WriteBatch batch, IReadOnlyList<StockCommand> commands, CancellationToken cancellationToken);
}

/// <summary>
/// Every stock write goes through here. Writes of one tenant queue up on this host and leave in batches: as
/// soon as a batch slot is free, everything waiting (up to <see cref="StockWriteOptions.MaxBatchSize"/>) goes
/// in one transaction of a fixed number of round trips. Under a light load a batch is a single write and
/// waits for nothing; under a heavy one, hundreds of writes share one commit, and writes on one hot SKU become
/// one row update per batch instead of a queue of row locks (combining). Each write is still decided alone, in
/// arrival order, on the state the writes before it left (see <see cref="WriteBatch"/>): one that is refused
/// is answered with its user errors and nothing of it is written, while the others commit.
/// </summary>
internal sealed class StockWriteEngine(
    IEnumerable<IModuleDatabase> databases,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<StockWriteOptions> options,
    ILogger<StockWriteEngine> logger)
{
    private readonly IModuleDatabase _database = databases.Single(d => d.ContextType == typeof(StockDbContext));
    private readonly ConcurrentDictionary<string, TenantWriter> _writers = new(StringComparer.Ordinal);
    private readonly StockWriteOptions _options = options.Value;
    private static readonly IWriteBatchStore Postgres = new PostgresBatchStore();
    private static readonly IWriteBatchStore Ef = new EfBatchStore();

    public async Task<WriteResult<T>> WriteAsync<T>(TenantInfo tenant, StockCommand<T> command, CancellationToken cancellationToken) where T : class
    {
        var writer = _writers.GetOrAdd(tenant.Id + "\n" + tenant.ConnectionString, _ => new TenantWriter(this, tenant));
        writer.Enqueue(command);
        // A caller that gives up stops waiting; its write still runs (as a statement sent to a database would).
        return await command.Completion.WaitAsync(cancellationToken);
    }

    private async Task ExecuteAsync(TenantInfo tenant, IReadOnlyList<StockCommand> commands)
    {
        for (var attempt = 1; ; attempt++)
        {
            foreach (var command in commands)
                command.Reset();
            var batch = new WriteBatch(tenant.Id, time.GetUtcNow().UtcDateTime);
            try
            {
                await using (var db = (StockDbContext)_database.Create(tenant))
                {
                    var store = db.Database.IsNpgsql() ? Postgres : Ef;
                    await store.RunAsync(db, batch, commands, CancellationToken.None);
                }
                if (batch.Outbox.Count > 0 || batch.ChangedLevels.Count > 0)
                    signal.Notify(tenant.Id, _database.Schema);
                foreach (var command in commands)
                    command.Complete();
                return;
            }
            catch (Exception ex) when (IsRace(ex) && attempt < _options.MaxAttempts)
            {
                // A deadlock, or a request with the same key committed first: run the batch again on fresh rows
                // (the key is then found and answered with the first result).
                logger.LogDebug(ex, "Stock write batch of {Count} for tenant {TenantId} raced (attempt {Attempt}); running it again", commands.Count, tenant.Id, attempt);
                await Task.Delay(Random.Shared.Next(1, 5 * attempt));
            }
            catch (Exception ex) when (commands.Count > 1 && !DbErrors.IsUnavailable(ex))
            {
                // The database refused the batch for one of its writes (a bug, a limit): run each alone, so that the
                // others commit and only the one at fault fails.
                logger.LogWarning(ex, "Stock write batch of {Count} for tenant {TenantId} failed; running its writes one by one", commands.Count, tenant.Id);
                foreach (var command in commands)
                    await ExecuteAsync(tenant, [command]);
                return;
            }
            catch (Exception ex)
            {
                foreach (var command in commands)
                    command.Fault(ex);
                return;
            }
        }
    }

    private static bool IsRace(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case WriteConflictException:
                    return true;
                case PostgresException pg:
                    return pg.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                        || (pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.TableName is "idempotency_keys" or "inbox_messages");
                case DbUpdateException update when DbErrors.IsUniqueViolation(update):
                    return true;
            }
        }
        return false;
    }

    /// <summary>One tenant's queue on this host, and the loop that turns it into batches.</summary>
    private sealed class TenantWriter
    {
        private readonly StockWriteEngine _engine;
        private readonly TenantInfo _tenant;
        private readonly Channel<StockCommand> _queue = Channel.CreateUnbounded<StockCommand>(new UnboundedChannelOptions { SingleReader = true });
        private readonly SemaphoreSlim _slots;

        public TenantWriter(StockWriteEngine engine, TenantInfo tenant)
        {
            _engine = engine;
            _tenant = tenant;
            _slots = new SemaphoreSlim(Math.Max(1, engine._options.MaxConcurrentBatches));
            _ = Task.Run(RunAsync);
        }

        public void Enqueue(StockCommand command) => _queue.Writer.TryWrite(command);

        private async Task RunAsync()
        {
            var reader = _queue.Reader;
            var max = Math.Max(1, _engine._options.MaxBatchSize);
            while (await reader.WaitToReadAsync())
            {
                // Wait for a free slot before taking from the queue: what arrives meanwhile joins the next batch.
                await _slots.WaitAsync();
                var commands = new List<StockCommand>();
                while (commands.Count < max && reader.TryRead(out var command))
                    commands.Add(command);
                if (commands.Count == 0)
                {
                    _slots.Release();
                    continue;
                }
                _ = RunBatchAsync(commands);
            }
        }

        private async Task RunBatchAsync(List<StockCommand> commands)
        {
            try
            {
                await _engine.ExecuteAsync(_tenant, commands);
            }
            catch (Exception ex)
            {
                foreach (var command in commands)
                    command.Fault(ex);
            }
            finally
            {
                _slots.Release();
            }
        }
    }
}
