using System.Text.Json.Nodes;
using Inventory.TestKit;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Messaging;

/// <summary>Administrators see the tenant's outboxes across modules and send a dead message again; its effect stays single.</summary>
public sealed class OutboxAdminTests(HostFixture fixture) : HostTest(fixture)
{
    private string A => App.Tenants[0];
    private string B => App.Tenants[1];

    private async Task<long> ScalarAsync(string tenant, string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(tenant));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task<JsonArray> MessagesAsync(string tenant, string status) =>
        (await App.GraphQL(tenant, "Admin").QueryAsync($"{{ outboxMessages(status: {status}) {{ id module type status attempts lastError }} }}"))["outboxMessages"]!.AsArray();

    [Fact]
    public async Task DeadMessage_IsListedForAdmins_AndRetrySendsItAgain_WithOneEffect()
    {
        await App.ProductsAsync(A, "DEAD-1");
        await Eventually.WaitAsync(async () => await ScalarAsync(A, "SELECT count(*) FROM catalog.outbox_messages WHERE status <> 1") == 0, what: "the catalog outbox to be sent");
        // As if every attempt had failed: the dispatcher gave up on it.
        await ScalarAsync(A, "UPDATE catalog.outbox_messages SET status = 2, attempts = 10, last_error = 'broker unreachable' WHERE type LIKE '%ProductCreated' RETURNING 1");

        var dead = await MessagesAsync(A, "DEAD");
        var message = Assert.Single(dead);
        Assert.Equal("catalog", message!["module"]!.GetValue<string>());
        Assert.EndsWith("ProductCreated", message["type"]!.GetValue<string>());
        Assert.Equal("broker unreachable", message["lastError"]!.GetValue<string>());
        Assert.Empty(await MessagesAsync(B, "DEAD"));
        var forbidden = await App.GraphQL(A, "Manager").SendAsync("{ outboxMessages(status: DEAD) { id } }");
        Assert.Equal("FORBIDDEN", forbidden.FirstErrorCode);

        var id = message["id"]!.GetValue<string>();
        var retried = (await App.GraphQL(A, "Admin").QueryAsync("mutation($id: ID!) { retryOutboxMessage(id: $id) { outboxMessage { status attempts } userErrors { code } } }", new { id }))["retryOutboxMessage"]!;
        Assert.Empty(retried["userErrors"]!.AsArray());
        Assert.Equal("PENDING", retried["outboxMessage"]!["status"]!.GetValue<string>());
        await Eventually.WaitAsync(async () => await ScalarAsync(A, $"SELECT count(*) FROM catalog.outbox_messages WHERE id = '{id}' AND status = 1") == 1, what: "the message to be sent again");
        Assert.Equal(1, await ScalarAsync(A, "SELECT count(*) FROM stock.products WHERE sku_key = 'DEAD-1'")); // the inbox kept it to one effect

        var again = (await App.GraphQL(A, "Admin").QueryAsync("mutation($id: ID!) { retryOutboxMessage(id: $id) { userErrors { code } } }", new { id }))["retryOutboxMessage"]!;
        Assert.Equal("INVALID_STATUS", again["userErrors"]![0]!["code"]!.GetValue<string>());
        var fromB = (await App.GraphQL(B, "Admin").QueryAsync("mutation($id: ID!) { retryOutboxMessage(id: $id) { userErrors { code } } }", new { id }))["retryOutboxMessage"]!;
        Assert.Equal("NOT_FOUND", fromB["userErrors"]![0]!["code"]!.GetValue<string>());
    }
}
