using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Stock.Persistence;
using Inventory.Stock.WriteEngine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Stock.Tests.Infrastructure;

/// <summary>
/// Lets a test decide what goes in one batch of the stock write engine. The engine opens the Stock context of a
/// batch synchronously on its tenant loop, before its first await: held there, the loop takes nothing from its
/// queue, so every write enqueued meanwhile is taken together, as the next batch, once the gate opens. It also
/// counts the batches the engine ran (every attempt opens a context), which is how a test proves a set of writes
/// shared one batch, instead of hoping the scheduler put them together.
/// </summary>
internal sealed class BatchGate
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _entered;
    private ManualResetEventSlim? _open;
    private int _batches;

    /// <summary>Batches (attempts included) the engine has started since the host started.</summary>
    public int Batches => Volatile.Read(ref _batches);

    /// <summary>The next batch to start waits until the returned hold is disposed; <see cref="Hold.Entered"/> completes once it waits.</summary>
    public Hold HoldNextBatch()
    {
        lock (_lock)
        {
            if (_open is not null)
                throw new InvalidOperationException("The gate holds a batch already.");
            _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _open = new ManualResetEventSlim(false);
            return new Hold(this, _entered.Task, _open);
        }
    }

    /// <summary>Called by the engine's database for each batch it starts.</summary>
    public void Pass()
    {
        ManualResetEventSlim? open;
        TaskCompletionSource? entered;
        lock (_lock)
        {
            Interlocked.Increment(ref _batches);
            (open, entered) = (_open, _entered);
            _entered = null;
        }
        if (entered is null || open is null)
            return;
        entered.SetResult();
        // Blocking the engine's loop thread is the point: nothing leaves its queue until the test opens the gate.
        if (!open.Wait(TimeSpan.FromSeconds(60)))
            throw new TimeoutException("The test never opened the batch gate.");
    }

    private void Open(ManualResetEventSlim open)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_open, open))
            {
                _open = null;
                _entered = null;
            }
        }
        open.Set();
    }

    internal sealed class Hold(BatchGate gate, Task entered, ManualResetEventSlim open) : IDisposable
    {
        public Task Entered { get; } = entered;

        public void Dispose() => gate.Open(open);
    }

    /// <summary>Gives the engine (and only the engine: the outbox and the jobs open their own contexts) a Stock database behind this gate.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddSingleton(sp => new StockWriteEngine(
            [.. sp.GetServices<IModuleDatabase>().Select(d => d.ContextType == typeof(StockDbContext) ? new GatedDatabase(d, this) : d)],
            sp.GetRequiredService<OutboxSignal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<StockWriteOptions>>(),
            sp.GetRequiredService<ILogger<StockWriteEngine>>()));

    private sealed class GatedDatabase(IModuleDatabase inner, BatchGate gate) : IModuleDatabase
    {
        public string Schema => inner.Schema;
        public Type ContextType => inner.ContextType;
        public Type ContextTypeFor(DatabaseProvider provider) => inner.ContextTypeFor(provider);

        public ModuleDbContext Create(TenantInfo tenant)
        {
            gate.Pass();
            return inner.Create(tenant);
        }

        public ModuleDbContext CreateFor(DatabaseProvider provider, string connectionString, string tenantId) => inner.CreateFor(provider, connectionString, tenantId);
    }
}
