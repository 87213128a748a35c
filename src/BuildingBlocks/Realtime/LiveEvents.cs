using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Realtime;

public sealed class LiveEventsOptions
{
    public const string Section = "Realtime";

    /// <summary>Events one subscriber may have waiting before it is dropped as too slow.</summary>
    public int BufferPerSubscriber { get; set; } = 256;
}

/// <summary>
/// The host's in-process hub of live events (what subscriptions push to clients). Events arrive from the bus
/// (<see cref="LiveEventRelay{TEvent}"/>, on a queue of this host's own) and are handed to this host's
/// subscribers of the same tenant and event type. <see cref="Publish"/> never waits for a subscriber: each has
/// a bounded buffer drained by its own pump, and a subscriber that lets it fill is failed with
/// <see cref="SubscriberTooSlowException"/> instead of being buffered for without limit.
/// </summary>
public sealed class LiveEvents(IOptions<LiveEventsOptions> options, ILogger<LiveEvents> logger)
{
    private readonly ConcurrentDictionary<(string Tenant, Type Type), ImmutableArray<ISubscriber>> _subscribers = new();
    private readonly int _capacity = Math.Max(1, options.Value.BufferPerSubscriber);
    private readonly ILogger _logger = logger;

    /// <summary>Hands <paramref name="evt"/> to every subscriber of its tenant and type (and whose filter accepts it).</summary>
    public void Publish(string tenantId, object evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (!_subscribers.TryGetValue((tenantId, evt.GetType()), out var subscribers))
            return;
        foreach (var subscriber in subscribers)
            subscriber.Offer(evt);
    }

    /// <summary>
    /// The events of type <typeparamref name="T"/> of one tenant, from the moment of subscription on. Only events
    /// that <paramref name="filter"/> accepts take room in the subscriber's buffer.
    /// </summary>
    public IObservable<T> Observe<T>(string tenantId, Func<T, bool>? filter = null) where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return new Stream<T>(this, tenantId, filter);
    }

    /// <summary>How many subscriptions this host holds for a tenant (all event types).</summary>
    public int SubscriberCount(string tenantId) =>
        _subscribers.Where(pair => pair.Key.Tenant == tenantId).Sum(pair => pair.Value.Length);

    private void Add((string, Type) key, ISubscriber subscriber) =>
        _subscribers.AddOrUpdate(key, _ => [subscriber], (_, existing) => existing.Add(subscriber));

    private void Remove((string, Type) key, ISubscriber subscriber)
    {
        while (_subscribers.TryGetValue(key, out var existing))
        {
            var remaining = existing.Remove(subscriber);
            if (remaining.Length == existing.Length)
                return;
            var replaced = remaining.IsEmpty
                ? _subscribers.TryRemove(new KeyValuePair<(string, Type), ImmutableArray<ISubscriber>>(key, existing))
                : _subscribers.TryUpdate(key, remaining, existing);
            if (replaced)
                return;
        }
    }

    private interface ISubscriber
    {
        void Offer(object evt);
    }

    private sealed class Stream<T>(LiveEvents hub, string tenantId, Func<T, bool>? filter) : IObservable<T> where T : class
    {
        public IDisposable Subscribe(IObserver<T> observer)
        {
            var subscriber = new Subscriber<T>(hub, (tenantId, typeof(T)), filter, observer);
            hub.Add(subscriber.Key, subscriber);
            subscriber.Start();
            return subscriber;
        }
    }

    private sealed class Subscriber<T>(LiveEvents hub, (string Tenant, Type Type) key, Func<T, bool>? filter, IObserver<T> observer)
        : ISubscriber, IDisposable where T : class
    {
        private readonly Channel<T> _buffer = Channel.CreateBounded<T>(new BoundedChannelOptions(hub._capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // only TryWrite is used: a full buffer answers false, never waits
        });
        private readonly CancellationTokenSource _stop = new();
        private int _disposed;

        public (string Tenant, Type Type) Key => key;

        public void Start() => _ = PumpAsync();

        public void Offer(object evt)
        {
            var typed = (T)evt;
            bool accepted;
            try
            {
                accepted = filter?.Invoke(typed) ?? true;
            }
            catch (Exception ex)
            {
                hub._logger.LogWarning(ex, "A live-event filter of tenant {TenantId} failed; the event is not delivered to it", key.Tenant);
                return;
            }
            if (accepted && !_buffer.Writer.TryWrite(typed) && _buffer.Writer.TryComplete(new SubscriberTooSlowException(hub._capacity)))
            {
                // The pump reports the failure once it reaches the end of what was buffered; nothing more is taken.
                hub.Remove(key, this);
                hub._logger.LogWarning("A live-event subscriber of tenant {TenantId} fell {Capacity} events behind and was dropped", key.Tenant, hub._capacity);
            }
        }

        private async Task PumpAsync()
        {
            try
            {
                await foreach (var evt in _buffer.Reader.ReadAllAsync(_stop.Token))
                    observer.OnNext(evt);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                // A full buffer completed the channel with SubscriberTooSlowException (some readers wrap it).
                var failure = ex as SubscriberTooSlowException ?? ex.InnerException as SubscriberTooSlowException ?? ex;
                if (failure is not SubscriberTooSlowException)
                    hub._logger.LogError(ex, "A live-event subscriber of tenant {TenantId} failed", key.Tenant);
                if (!_stop.IsCancellationRequested)
                    observer.OnError(failure);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
                return;
            hub.Remove(key, this);
            _buffer.Writer.TryComplete();
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}

/// <summary>A subscriber did not keep up: its bounded buffer of live events filled.</summary>
public sealed class SubscriberTooSlowException(int buffered)
    : Exception($"Subscriber too slow: {buffered} messages buffered.")
{
    public int Buffered { get; } = buffered;
}
