using System.Collections.Concurrent;
using MassTransit;

namespace Inventory.Host.Tests.Messaging;

/// <summary>Counts deliveries that finished (consumed or faulted) per message id, as seen by the bus.</summary>
public sealed class ConsumeCounter : IConsumeObserver
{
    public ConcurrentDictionary<Guid, int> Consumed { get; } = new();
    public ConcurrentDictionary<Guid, int> Faulted { get; } = new();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        Consumed.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        Faulted.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public int ConsumedCount(Guid id) => Consumed.GetValueOrDefault(id);
}
