using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Messaging;

/// <summary>
/// With RabbitMQ stopped, orders are still accepted (their events wait in the outbox); once it is back, every
/// event is delivered and every order settles, each exactly once.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class BrokerOutageTests(RabbitMqHostFixture fixture) : IAsyncLifetime
{
    private InventoryApp App => fixture.App;
    private string Tenant => App.Tenants[0];

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long> PendingOrderEventsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(App.ConnectionStringFor(Tenant));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orders.outbox_messages WHERE status = 0 AND type LIKE '%OrderPlaced'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task OrdersPlacedWhileTheBrokerIsDown_AreAccepted_AndAllSettleOnceItIsBack()
    {
        await App.ProductsAsync(Tenant, "OUT-1");
        await App.ReceiveAsync(Tenant, "OUT-1", 10);
        var client = App.GraphQL(Tenant, "Clerk");

        var ids = new List<string>();
        await RabbitMqBroker.StopAsync();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var placed = (await client.QueryAsync(
                    "mutation($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) { order { id status } userErrors { code } } }",
                    new { input = new { customerReference = $"c-{i}", lines = new[] { new { sku = "OUT-1", quantity = 3 } } }, key = $"outage-{i}" }))["placeOrder"]!;
                Assert.Equal("PENDING", placed["order"]!["status"]!.GetValue<string>());
                ids.Add(placed["order"]!["id"]!.GetValue<string>());
            }
            // Nothing left: the events wait in the Orders outbox.
            Assert.Equal(5L, await PendingOrderEventsAsync());
        }
        finally
        {
            await RabbitMqBroker.StartAsync();
        }

        // 10 units, five orders of 3: three are reserved, two rejected, whatever order they arrive in.
        var settled = await Eventually.WaitAsync(async () =>
        {
            var statuses = new List<string>();
            foreach (var id in ids)
                statuses.Add((await client.QueryAsync("query($id: ID!) { order(id: $id) { status } }", new { id }))["order"]!["status"]!.GetValue<string>());
            return statuses;
        }, s => s.All(x => x != "PENDING"), TimeSpan.FromSeconds(90), "every order to settle after the broker is back");
        Assert.Equal(3, settled.Count(s => s == "RESERVED"));
        Assert.Equal(2, settled.Count(s => s == "REJECTED"));
        var level = (await client.QueryAsync("""{ stockLevel(sku: "OUT-1", warehouseCode: "MAIN") { reserved available } }"""))["stockLevel"]!;
        Assert.Equal(9, level["reserved"]!.GetValue<int>());
        Assert.Equal(1, level["available"]!.GetValue<int>());
        Assert.Equal(0L, await PendingOrderEventsAsync());
    }
}
