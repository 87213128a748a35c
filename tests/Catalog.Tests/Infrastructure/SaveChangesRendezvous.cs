using Inventory.Catalog.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Inventory.Catalog.Tests.Infrastructure;

/// <summary>
/// While armed, holds every save that adds or changes a product until the given number of them arrived:
/// two handlers then have both read (and passed their checks) before either writes, so a race that is
/// otherwise a matter of luck happens on every run.
/// </summary>
internal sealed class SaveChangesRendezvous : SaveChangesInterceptor
{
    private Gate? _gate;

    public IDisposable Arm(int parties)
    {
        Volatile.Write(ref _gate, new Gate(parties));
        return new Disarm(this);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _gate) is { } gate &&
            eventData.Context is { } context &&
            context.ChangeTracker.Entries<Product>().Any(e => e.State is EntityState.Added or EntityState.Modified))
            await gate.ArriveAsync().WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        return result;
    }

    private sealed class Gate(int parties)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) >= parties)
                _all.TrySetResult();
            return _all.Task;
        }
    }

    private sealed class Disarm(SaveChangesRendezvous owner) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref owner._gate, null);
    }
}
