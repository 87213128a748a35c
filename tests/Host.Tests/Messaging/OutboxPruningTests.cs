using Inventory.TestKit;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Inventory.Host.Tests.Messaging;

/// <summary>
/// The scheduled pruner removes sent outbox messages and inbox rows past their retention, in batches, and
/// nothing else: fresh rows, pending and dead messages stay, and events keep flowing while it runs.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class OutboxPruningTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = "pruned";
    private readonly HostProcesses _hosts = new("outbox_prune", [Tenant], output)
    {
        Settings =
        {
            ["Messaging:Outbox:Retention"] = "01:00:00",
            ["Messaging:Inbox:Retention"] = "01:00:00",
            // Smaller than what is seeded below: the pruner must loop over batches to finish.
            ["Messaging:Outbox:PruneBatchSize"] = "100",
            ["Messaging:Outbox:PruneInterval"] = "00:00:01",
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

    private static string OldOutboxRows(int count, int status, string sentAt, string nextAttemptAt) => $"""
        INSERT INTO catalog.outbox_messages (id, tenant_id, type, payload, occurred_at, status, attempts, next_attempt_at, sent_at)
        SELECT gen_random_uuid(), '{Tenant}', 'Old.Event', 'old', now() - interval '3 hours', {status}, 1, {nextAttemptAt}, {sentAt}
        FROM generate_series(1, {count})
        """;

    [Fact]
    public async Task SentMessagesAndInboxRowsPastRetention_ArePruned_FreshPendingAndDeadOnesStay()
    {
        var (host, _) = await _hosts.StartAsync("pruner");
        await HostProcesses.ProductAsync(host, Tenant, "PRUNE-1");
        await Eventually.WaitAsync(async () => await ScalarAsync("SELECT count(*) FROM stock.inbox_messages") >= 1
            && await ScalarAsync("SELECT count(*) FROM catalog.outbox_messages WHERE status = 1") >= 1, what: "the product's event to be sent and consumed");
        var freshSent = await ScalarAsync("SELECT count(*) FROM catalog.outbox_messages WHERE status = 1");
        var freshInbox = await ScalarAsync("SELECT count(*) FROM stock.inbox_messages");

        // As if written hours ago: 350 sent (several batches), 3 dead and 2 pending in backoff, and 250 inbox proofs.
        await ScalarAsync(OldOutboxRows(350, 1, "now() - interval '2 hours'", "now() - interval '3 hours'") + " RETURNING 1");
        await ScalarAsync(OldOutboxRows(3, 2, "NULL", "now() - interval '3 hours'") + " RETURNING 1");
        await ScalarAsync(OldOutboxRows(2, 0, "NULL", "now() + interval '1 day'") + " RETURNING 1");
        await ScalarAsync("""
            INSERT INTO stock.inbox_messages (message_id, consumer, processed_at)
            SELECT gen_random_uuid(), 'Old.Consumer', now() - interval '2 hours' FROM generate_series(1, 250) RETURNING 1
            """);

        await Eventually.WaitAsync(async () =>
            await ScalarAsync("SELECT count(*) FROM catalog.outbox_messages WHERE status = 1 AND sent_at < now() - interval '1 hour'") == 0
            && await ScalarAsync("SELECT count(*) FROM stock.inbox_messages WHERE processed_at < now() - interval '1 hour'") == 0,
            what: "the old sent messages and inbox rows to be pruned");

        Assert.Equal(freshSent, await ScalarAsync("SELECT count(*) FROM catalog.outbox_messages WHERE status = 1"));
        Assert.Equal(freshInbox, await ScalarAsync("SELECT count(*) FROM stock.inbox_messages"));
        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM catalog.outbox_messages WHERE status = 2"));
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM catalog.outbox_messages WHERE status = 0 AND type = 'Old.Event'"));

        // Events still flow while the pruner runs every second.
        await HostProcesses.ProductAsync(host, Tenant, "PRUNE-2");
        await Eventually.WaitAsync(async () => await ScalarAsync("SELECT count(*) FROM stock.products WHERE sku_key = 'PRUNE-2'") == 1,
            what: "the next product to reach Stock");
    }
}
