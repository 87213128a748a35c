using Inventory.TestKit;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Inventory.Host.Tests.Messaging;

/// <summary>
/// A host process killed after its orders were committed and before their events were published: another host
/// started afterwards sweeps the outbox and delivers them, and every order settles exactly once.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class HostKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = "kappa";
    private readonly HostProcesses _hosts = new("host_kill", [Tenant], output)
    {
        Settings =
        {
            // A killed host's claims run out quickly, and give up publishing to a stopped broker quickly.
            ["Messaging:Outbox:Lease"] = "00:00:03",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:01",
            ["Messaging:Outbox:SweepInterval"] = "00:00:01",
        },
    };

    public Task InitializeAsync() => _hosts.DropDatabasesAsync();

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_hosts.ConnectionStringFor(Tenant));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task OrdersCommittedByAHostKilledBeforePublishing_AreDeliveredByTheNextHost_Once()
    {
        var (first, process) = await _hosts.StartAsync("first");
        await HostProcesses.ProductAsync(first, Tenant, "KILL-1");
        var receipt = await HostProcesses.Client(first, Tenant, "Clerk").QueryAsync(Stock.StockApi.Receive,
            new { input = new { sku = "KILL-1", warehouseCode = "MAIN", quantity = 10 }, key = "kill-receipt" });
        Assert.Empty(receipt["receiveStock"]!["userErrors"]!.AsArray());

        var ids = new List<string>();
        await RabbitMqBroker.StopAsync();
        try
        {
            var clerk = HostProcesses.Client(first, Tenant, "Clerk");
            for (var i = 0; i < 4; i++)
            {
                var placed = (await clerk.QueryAsync(
                    "mutation($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) { order { id status } userErrors { code } } }",
                    new { input = new { customerReference = $"k-{i}", lines = new[] { new { sku = "KILL-1", quantity = 3 } } }, key = $"kill-{i}" }))["placeOrder"]!;
                Assert.Equal("PENDING", placed["order"]!["status"]!.GetValue<string>());
                ids.Add(placed["order"]!["id"]!.GetValue<string>());
            }
            Assert.Equal(4L, await ScalarAsync("SELECT count(*) FROM orders.outbox_messages WHERE status = 0 AND type LIKE '%OrderPlaced'"));
            await HostProcesses.KillAsync(process); // committed, not published
        }
        finally
        {
            await RabbitMqBroker.StartAsync();
        }

        var (second, _) = await _hosts.StartAsync("second");
        var reader = HostProcesses.Client(second, Tenant, "Viewer");
        // 10 units, four orders of 3: three reserved, one rejected, whichever arrives first.
        var statuses = await Eventually.WaitAsync(async () =>
        {
            var all = new List<string>();
            foreach (var id in ids)
                all.Add((await reader.QueryAsync("query($id: ID!) { order(id: $id) { status } }", new { id }))["order"]!["status"]!.GetValue<string>());
            return all;
        }, s => s.All(x => x != "PENDING"), TimeSpan.FromSeconds(90), "every order to settle on the second host");
        Assert.Equal(3, statuses.Count(s => s == "RESERVED"));
        Assert.Equal(1, statuses.Count(s => s == "REJECTED"));

        var level = (await reader.QueryAsync("""{ stockLevel(sku: "KILL-1", warehouseCode: "MAIN") { reserved available } }"""))["stockLevel"]!;
        Assert.Equal((9, 1), (level["reserved"]!.GetValue<int>(), level["available"]!.GetValue<int>()));
        Assert.Equal(3L, await ScalarAsync("SELECT count(*) FROM stock.stock_movements WHERE reason = 'Reserved'"));
        Assert.Equal(4L, await ScalarAsync("SELECT count(*) FROM stock.inbox_messages i JOIN orders.outbox_messages o ON o.id = i.message_id WHERE o.type LIKE '%OrderPlaced'"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM orders.outbox_messages WHERE status <> 1"));
    }
}
