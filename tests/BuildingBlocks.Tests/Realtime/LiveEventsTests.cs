using System.Collections.Concurrent;
using Inventory.BuildingBlocks.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.Realtime;

public sealed class LiveEventsTests
{
    private sealed record Changed(string Sku);

    private sealed record Other(string Sku);

    private static LiveEvents Hub(int buffer = 8) =>
        new(Options.Create(new LiveEventsOptions { BufferPerSubscriber = buffer }), NullLogger<LiveEvents>.Instance);

    private sealed class Recorder<T> : IObserver<T>
    {
        public ConcurrentQueue<T> Received { get; } = new();
        public TaskCompletionSource<Exception> Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ManualResetEventSlim Gate { get; } = new(initialState: true);

        public void OnNext(T value)
        {
            Gate.Wait(TimeSpan.FromSeconds(30));
            Received.Enqueue(value);
        }

        public void OnError(Exception error) => Failed.TrySetResult(error);

        public void OnCompleted() { }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Publish_ReachesOnlySubscribersOfTheSameTenantAndType_ThatTheirFilterAccepts()
    {
        var hub = Hub();
        var acme = new Recorder<Changed>();
        var acmeFiltered = new Recorder<Changed>();
        var globex = new Recorder<Changed>();
        var otherType = new Recorder<Other>();
        using var s1 = hub.Observe<Changed>("acme").Subscribe(acme);
        using var s2 = hub.Observe<Changed>("acme", e => e.Sku == "B").Subscribe(acmeFiltered);
        using var s3 = hub.Observe<Changed>("globex").Subscribe(globex);
        using var s4 = hub.Observe<Other>("acme").Subscribe(otherType);

        hub.Publish("acme", new Changed("A"));
        hub.Publish("acme", new Changed("B"));
        await UntilAsync(() => acme.Received.Count == 2 && acmeFiltered.Received.Count == 1);

        Assert.Equal(["A", "B"], acme.Received.Select(e => e.Sku));
        Assert.Equal(["B"], acmeFiltered.Received.Select(e => e.Sku));
        Assert.Empty(globex.Received);
        Assert.Empty(otherType.Received);
    }

    [Fact]
    public async Task ASubscriberThatDoesNotKeepUp_IsDroppedWithSubscriberTooSlow_WhileOthersStillReceive()
    {
        var hub = Hub(buffer: 4);
        var stuck = new Recorder<Changed>();
        stuck.Gate.Reset(); // its first event blocks the pump: nothing else leaves its buffer
        var healthy = new Recorder<Changed>();
        using var s1 = hub.Observe<Changed>("acme").Subscribe(stuck);
        using var s2 = hub.Observe<Changed>("acme").Subscribe(healthy);

        // One at a time, each received by the healthy subscriber before the next: only the stuck one falls behind.
        for (var i = 0; i < 10; i++)
        {
            hub.Publish("acme", new Changed($"S{i}"));
            await UntilAsync(() => healthy.Received.Count == i + 1);
        }
        Assert.Equal(1, hub.SubscriberCount("acme")); // dropped at once, while its pump is still stuck
        stuck.Gate.Set();
        var failure = await stuck.Failed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsType<SubscriberTooSlowException>(failure);
        Assert.Equal("Subscriber too slow: 4 messages buffered.", failure.Message);
        Assert.True(stuck.Received.Count <= 1 + 4, $"the stuck subscriber got {stuck.Received.Count} events");
    }

    [Fact]
    public async Task Dispose_RemovesTheSubscriber()
    {
        var hub = Hub();
        var recorder = new Recorder<Changed>();
        var subscription = hub.Observe<Changed>("acme").Subscribe(recorder);
        Assert.Equal(1, hub.SubscriberCount("acme"));

        subscription.Dispose();
        hub.Publish("acme", new Changed("A"));
        await Task.Yield();

        Assert.Equal(0, hub.SubscriberCount("acme"));
        Assert.Empty(recorder.Received);
    }
}
