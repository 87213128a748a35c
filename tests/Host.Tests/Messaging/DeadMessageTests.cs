using System.Text.Json.Nodes;
using Inventory.TestKit;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Messaging;

/// <summary>
/// On RabbitMQ: an event that keeps failing to leave (the broker is down through every attempt) ends DEAD, is
/// shown to administrators, and once the broker is back <c>retryOutboxMessage</c> sends it, with one effect.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class DeadMessageTests(RabbitMqHostFixture fixture) : IAsyncLifetime
{
    private const int MaxAttempts = 8; // Messaging:Outbox:MaxAttempts default

    private InventoryApp App => fixture.App;
    private string Tenant => App.Tenants[0];

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(int Status, int Attempts, string Error)> OrderPlacedAsync()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(Tenant));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status, attempts, coalesce(last_error, '') FROM orders.outbox_messages WHERE type LIKE '%OrderPlaced'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the OrderPlaced event is in the outbox");
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2));
    }

    private async Task MakeRetryDueAsync()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(Tenant));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE orders.outbox_messages SET next_attempt_at = now() at time zone 'utc' - interval '1 second' WHERE status = 0 AND type LIKE '%OrderPlaced'", connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task EventThatNeverReachesTheBroker_EndsDead_AndRetryDeliversItOnce()
    {
        await App.ProductsAsync(Tenant, "DEAD-RMQ");
        await App.ReceiveAsync(Tenant, "DEAD-RMQ", 10);
        var clerk = App.GraphQL(Tenant, "Clerk");
        var admin = App.GraphQL(Tenant, "Admin");

        string orderId;
        JsonNode dead;
        await RabbitMqBroker.StopAsync();
        try
        {
            var placed = (await clerk.QueryAsync(
                "mutation($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) { order { id status } userErrors { code } } }",
                new { input = new { customerReference = "dead-1", lines = new[] { new { sku = "DEAD-RMQ", quantity = 3 } } }, key = "dead-rmq-1" }))["placeOrder"]!;
            Assert.Empty(placed["userErrors"]!.AsArray());
            orderId = placed["order"]!["id"]!.GetValue<string>();

            // Every attempt really goes to the stopped broker and fails; the backoff is only shortened, by making
            // the next attempt due at once, until the dispatcher gives up.
            var final = await Eventually.WaitAsync(async () =>
            {
                var state = await OrderPlacedAsync();
                if (state.Status == 0)
                {
                    await MakeRetryDueAsync();
                    await App.DispatchOutboxAsync();
                }
                return state;
            }, s => s.Status == 2, TimeSpan.FromSeconds(90), "the OrderPlaced event to be given up on");
            Assert.Equal(MaxAttempts, final.Attempts);
            Assert.NotEqual("", final.Error);

            var listed = (await admin.QueryAsync("{ outboxMessages(status: DEAD) { id module type status attempts lastError } }"))["outboxMessages"]!.AsArray();
            dead = Assert.Single(listed)!;
            Assert.Equal("orders", dead["module"]!.GetValue<string>());
            Assert.EndsWith("OrderPlaced", dead["type"]!.GetValue<string>());
            Assert.Equal(MaxAttempts, dead["attempts"]!.GetValue<int>());
            Assert.Equal(final.Error, dead["lastError"]!.GetValue<string>());

            // Dead means not tried again: the sweep leaves it alone, and the order waits, PENDING, holding nothing.
            await App.DispatchOutboxAsync();
            Assert.Equal(MaxAttempts, (await OrderPlacedAsync()).Attempts);
            Assert.Equal("PENDING", (await clerk.QueryAsync("query($id: ID!) { order(id: $id) { status } }", new { id = orderId }))["order"]!["status"]!.GetValue<string>());
        }
        finally
        {
            await RabbitMqBroker.StartAsync();
        }

        var retried = (await admin.QueryAsync("mutation($id: ID!) { retryOutboxMessage(id: $id) { outboxMessage { status attempts } userErrors { code } } }",
            new { id = dead["id"]!.GetValue<string>() }))["retryOutboxMessage"]!;
        Assert.Empty(retried["userErrors"]!.AsArray());
        Assert.Equal("PENDING", retried["outboxMessage"]!["status"]!.GetValue<string>());

        // The bus reconnects on its own; the event leaves, Stock allocates, and the order is reserved once.
        await Eventually.WaitAsync(
            async () => (await clerk.QueryAsync("query($id: ID!) { order(id: $id) { status } }", new { id = orderId }))["order"]!["status"]!.GetValue<string>(),
            s => s == "RESERVED", TimeSpan.FromSeconds(60), "the order to be reserved after the retry");
        Assert.Equal(1, (await OrderPlacedAsync()).Status);
        var level = (await clerk.QueryAsync("""{ stockLevel(sku: "DEAD-RMQ", warehouseCode: "MAIN") { reserved available } }"""))["stockLevel"]!;
        Assert.Equal(3, level["reserved"]!.GetValue<int>());
        Assert.Equal(7, level["available"]!.GetValue<int>());
        var reservations = (await clerk.QueryAsync("""{ stockMovements(filter: { sku: "DEAD-RMQ", reason: RESERVED }) { totalCount } }"""))["stockMovements"]!;
        Assert.Equal(1, reservations["totalCount"]!.GetValue<int>());
        Assert.Empty((await admin.QueryAsync("{ outboxMessages(status: DEAD) { id } }"))["outboxMessages"]!.AsArray());
    }
}
