using Inventory.TestKit;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Messaging;

/// <summary>
/// Orders over RabbitMQ when a host dies after publishing and before recording it: every event of an order's
/// life is sent a second time, and the order and its stock change once.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class OrderRedeliveryTests(RabbitMqHostFixture fixture) : IAsyncLifetime
{
    private InventoryApp App => fixture.App;
    private string Tenant => App.Tenants[0];
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

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(Tenant));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task EveryOrderEvent_PublishedAgainAfterACrash_ChangesTheOrderAndItsStockOnce()
    {
        await App.ProductsAsync(Tenant, "RE-1");
        await App.ReceiveAsync(Tenant, "RE-1", 10);
        var client = App.GraphQL(Tenant, "Clerk");
        var id = (await client.QueryAsync("""
            mutation { placeOrder(input: { customerReference: "c", lines: [{ sku: "RE-1", quantity: 4 }] }, idempotencyKey: "re-1") { order { id } } }
            """))["placeOrder"]!["order"]!["id"]!.GetValue<string>();
        await Eventually.WaitAsync(async () => (await client.QueryAsync($$"""{ order(id: "{{id}}") { status } }"""))["order"]!["status"]!.GetValue<string>() == "RESERVED",
            what: "the order to be reserved");
        await client.QueryAsync($$"""mutation { confirmOrder(id: "{{id}}") { order { status } } }""");
        await Eventually.WaitAsync(async () => await ScalarAsync("SELECT committed FROM stock.stock_levels WHERE sku_key = 'RE-1'") == 4, what: "the stock to be committed");
        await Eventually.WaitAsync(async () => await ScalarAsync("SELECT count(*) FROM orders.outbox_messages WHERE status <> 1") + await ScalarAsync("SELECT count(*) FROM stock.outbox_messages WHERE status <> 1") == 0,
            what: "both outboxes to be sent");
        var consumedBefore = _counter.Consumed.Values.Sum();

        // The host died after publishing each of these and before recording it: they are pending again and sent again.
        var resent = await ScalarAsync("""
            WITH o AS (UPDATE orders.outbox_messages SET status = 0, sent_at = NULL WHERE type LIKE '%OrderPlaced' OR type LIKE '%OrderConfirmed' RETURNING 1),
                 s AS (UPDATE stock.outbox_messages SET status = 0, sent_at = NULL WHERE type LIKE '%StockAllocated' RETURNING 1)
            SELECT (SELECT count(*) FROM o) + (SELECT count(*) FROM s)
            """);
        Assert.Equal(3, resent);
        await App.DispatchOutboxAsync();
        await Eventually.WaitAsync(() => Task.FromResult(_counter.Consumed.Values.Sum() - consumedBefore), n => n >= 3, what: "the three events to be delivered again");

        var order = (await client.QueryAsync($$"""{ order(id: "{{id}}") { status lines { allocations { warehouseCode quantity } } } }"""))["order"]!;
        Assert.Equal("CONFIRMED", order["status"]!.GetValue<string>());
        Assert.Single(order["lines"]![0]!["allocations"]!.AsArray());
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM stock.reservations WHERE reference = 'order:{id}'"));
        Assert.Equal(4, await ScalarAsync("SELECT committed FROM stock.stock_levels WHERE sku_key = 'RE-1'"));
        Assert.Equal(0, await ScalarAsync("SELECT reserved FROM stock.stock_levels WHERE sku_key = 'RE-1'"));
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM stock.stock_movements WHERE sku_key = 'RE-1' AND reason IN ('Reserved', 'Committed')"));
    }
}
