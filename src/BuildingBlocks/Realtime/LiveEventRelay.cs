using Inventory.BuildingBlocks.Tenancy;
using MassTransit;

namespace Inventory.BuildingBlocks.Realtime;

/// <summary>
/// Forwards an integration event from the bus into this host's <see cref="LiveEvents"/>, under the tenant the
/// consume filter set from the message header. It is registered once per live event type, on a queue of this
/// host alone (see <see cref="LiveEventRelayDefinition{TEvent}"/>), so every host receives every event.
/// </summary>
internal sealed class LiveEventRelay<TEvent>(LiveEvents events, ITenantContext tenant) : IConsumer<TEvent>
    where TEvent : class
{
    public Task Consume(ConsumeContext<TEvent> context)
    {
        events.Publish(tenant.Tenant.Id, context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>The host's own identity on the bus: names its per-host (temporary) queue of live events.</summary>
public sealed class LiveEventsHost
{
    public string InstanceId { get; } =
        $"{new string([.. Environment.MachineName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20)])}-{Guid.NewGuid():N}";
}

/// <summary>
/// Puts every live-event relay of this host on one temporary endpoint: on RabbitMQ a queue that is not durable,
/// is deleted when the host disconnects, and is named after this host, so that each host gets its own copy of
/// every event (fan-out), while the modules' consumers keep competing on their shared, durable queues. A live
/// event that cannot be relayed is dropped rather than parked in an error queue: it is a notification, and the
/// state it reports stays readable through queries.
/// </summary>
internal sealed class LiveEventRelayDefinition<TEvent> : ConsumerDefinition<LiveEventRelay<TEvent>>
    where TEvent : class
{
    public const string QueueName = "live-events";

    public LiveEventRelayDefinition(LiveEventsHost host, Microsoft.Extensions.Options.IOptions<Messaging.MessagingOptions> messaging)
    {
        var prefix = messaging.Value.EndpointPrefix;
        Endpoint(e =>
        {
            e.Name = string.IsNullOrEmpty(prefix) ? QueueName : $"{prefix}-{QueueName}";
            e.InstanceId = host.InstanceId;
            e.Temporary = true;
        });
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<LiveEventRelay<TEvent>> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.DiscardFaultedMessages();
        endpointConfigurator.DiscardSkippedMessages();
    }
}
