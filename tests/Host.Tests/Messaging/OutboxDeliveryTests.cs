using Inventory.BuildingBlocks.Messaging;
using Inventory.Catalog.Contracts.IntegrationEvents;
using Inventory.TestKit;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Messaging;

/// <summary>
/// Catalog's events leave through the outbox and reach Stock over the real RabbitMQ broker; a message
/// delivered more than once (redelivery, a second publish after a crash, concurrent duplicates) has one effect.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class OutboxDeliveryTests(RabbitMqHostFixture fixture) : IAsyncLifetime
{
    private InventoryApp App => fixture.App;
    private readonly ConsumeCounter _counter = new();
    private ConnectHandle? _observer;

    public async Task InitializeAsync()
    {
        await App.ResetAsync();
        _observer = App.Services.GetRequiredService<IBus>().ConnectConsumeObserver(_counter);
    }

    public Task DisposeAsync()
    {
        _observer?.Disconnect();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CreatedProduct_ReachesStockThroughTheBroker_AndTheOutboxRowIsSent()
    {
        var client = App.GraphQL();
        await client.QueryAsync("""mutation { createProduct(input: { sku: "RMQ-1", name: "Over the wire" }) { product { id } } }""");

        var stocked = await Eventually.WaitAsync(() => ScalarAsync("SELECT count(*) FROM stock.products WHERE sku_key = 'RMQ-1'"), n => n == 1, what: "Stock to learn RMQ-1");
        Assert.Equal(1, stocked);
        await Eventually.WaitAsync(async () => await ScalarAsync("SELECT count(*) FROM catalog.outbox_messages WHERE status = 1") == 1, what: "the outbox row to be marked sent");
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM catalog.outbox_messages WHERE status <> 1"));

        await client.QueryAsync("""mutation { updateProduct(input: { sku: "RMQ-1", name: "Renamed" }) { product { version } } }""");
        await client.QueryAsync("""mutation { discontinueProduct(input: { sku: "RMQ-1" }) { product { status } } }""");
        await Eventually.WaitAsync(async () => await ScalarAsync("SELECT count(*) FROM stock.products WHERE sku_key = 'RMQ-1' AND discontinued AND name = 'Renamed' AND catalog_version = 3") == 1,
            what: "Stock to apply the update and the discontinuation");
    }

    [Fact]
    public async Task RedeliveredMessage_ConcurrentDuplicates_HaveOneEffectAndNoFault()
    {
        var bus = App.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        var message = new ProductCreated(Guid.NewGuid(), "DUP-1", "Duplicate", null, "each", 1, DateTime.UtcNow);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bus.Publish(message, ctx =>
        {
            ctx.MessageId = messageId;
            ctx.Headers.Set(TenantHeader.Name, App.Tenants[0]);
        })));

        await Eventually.WaitAsync(() => Task.FromResult(_counter.ConsumedCount(messageId)), n => n == 8, what: "all eight deliveries to be consumed");
        Assert.Equal(0, _counter.Faulted.GetValueOrDefault(messageId));
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM stock.inbox_messages WHERE message_id = '{messageId}'"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM stock.products WHERE sku_key = 'DUP-1'"));
    }

    [Fact]
    public async Task OutboxMessagePublishedAgainAfterACrash_IsAppliedOnce()
    {
        var client = App.GraphQL();
        await client.QueryAsync("""mutation { createProduct(input: { sku: "CRASH-1", name: "Published twice" }) { product { id } } }""");
        await Eventually.WaitAsync(async () => await ScalarAsync("SELECT count(*) FROM catalog.outbox_messages WHERE status = 1") == 1, what: "the first publish");
        var id = await GuidAsync("SELECT id FROM catalog.outbox_messages");
        await Eventually.WaitAsync(() => Task.FromResult(_counter.ConsumedCount(id)), n => n == 1, what: "the first delivery");

        // The host died after publishing and before recording it: the row is pending again and the sweep sends it.
        await ScalarAsync($"UPDATE catalog.outbox_messages SET status = 0, sent_at = NULL WHERE id = '{id}'");
        await App.DispatchOutboxAsync();

        await Eventually.WaitAsync(() => Task.FromResult(_counter.ConsumedCount(id)), n => n == 2, what: "the second delivery");
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM stock.inbox_messages WHERE message_id = '{id}'"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM stock.products WHERE sku_key = 'CRASH-1'"));
        Assert.Equal(0, _counter.Faulted.GetValueOrDefault(id));
    }

    [Fact]
    public async Task MessageOfUnknownTenant_IsRefusedNotApplied()
    {
        var bus = App.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        await bus.Publish(new ProductCreated(Guid.NewGuid(), "GHOST-1", "Nobody's", null, "each", 1, DateTime.UtcNow), ctx =>
        {
            ctx.MessageId = messageId;
            ctx.Headers.Set(TenantHeader.Name, "no-such-tenant");
        });

        await Eventually.WaitAsync(() => Task.FromResult(_counter.Faulted.GetValueOrDefault(messageId)), n => n >= 1, TimeSpan.FromSeconds(60), "the delivery to fault");
        foreach (var tenant in App.Tenants)
            Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM stock.products", tenant));
    }

    private async Task<int> ScalarAsync(string sql, string? tenant = null)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(tenant ?? App.Tenants[0]));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? 0 : Convert.ToInt32(result);
    }

    private async Task<Guid> GuidAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(App.Tenants[0]));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }
}
