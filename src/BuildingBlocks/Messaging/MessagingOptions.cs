namespace Inventory.BuildingBlocks.Messaging;

public enum MessageTransport { InMemory, RabbitMq }

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public MessageTransport Transport { get; set; } = MessageTransport.InMemory;

    /// <summary>For RabbitMQ: <c>amqp://user:password@host:port/vhost</c>.</summary>
    public string RabbitMqUri { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Prefix of the queue and exchange names, so that two deployments can share one broker without seeing each other's events.</summary>
    public string? EndpointPrefix { get; set; }

    public OutboxOptions Outbox { get; set; } = new();

    public InboxOptions Inbox { get; set; } = new();
}

public sealed class InboxOptions
{
    /// <summary>
    /// How long a consumer's proof of an applied message is kept. A copy of the message redelivered after this
    /// would be applied again, so it must outlast any redelivery: the broker's retries take minutes, a dead
    /// message retried by an administrator is resent within days. Never less than one hour.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

public sealed class OutboxOptions
{
    public int BatchSize { get; set; } = 100;
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a sent message is kept (for operators and audits) before the pruner removes it. Pending and dead messages are never pruned.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Rows removed per DELETE: each batch is its own short transaction, so the dispatcher never waits behind the pruner.</summary>
    public int PruneBatchSize { get; set; } = 1000;

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RetryDelay(int attempts)
    {
        // The exponent is clamped before multiplying: 2^(attempts-1) overflows TimeSpan long before attempts run out.
        var exponent = Math.Clamp(attempts - 1, 0, 40);
        var milliseconds = BaseRetryDelay.TotalMilliseconds * Math.Pow(2, exponent);
        return milliseconds >= MaxRetryDelay.TotalMilliseconds ? MaxRetryDelay : TimeSpan.FromMilliseconds(milliseconds);
    }
}
