using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Messaging;

/// <summary>The host on PostgreSQL and the real RabbitMQ broker of the run.</summary>
public sealed class RabbitMqHostFixture() : InventoryAppFixture(new AppOptions { DatabasePrefix = "host_rmq_tests", UseRabbitMq = true });

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqHostFixture>
{
    public const string Name = "host-rabbitmq";
}
