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

    public TimeSpan RetryDelay(int attempts)
    {
        // The exponent is clamped before multiplying: 2^(attempts-1) overflows TimeSpan long before attempts run out.
        var exponent = Math.Clamp(attempts - 1, 0, 40);
        var milliseconds = BaseRetryDelay.TotalMilliseconds * Math.Pow(2, exponent);
        return milliseconds >= MaxRetryDelay.TotalMilliseconds ? MaxRetryDelay : TimeSpan.FromMilliseconds(milliseconds);
    }
}
