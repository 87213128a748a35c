using Inventory.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Inventory.Host.Tests.Messaging;

/// <summary>The same retention on the embedded default: SQLite's outbox and inbox tables are pruned in batches too.</summary>
public sealed class EmbeddedOutboxPruningTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("inventory-prune-").FullName;

    private string Database => Path.Combine(_dataFolder, "tenants", "demo.db");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    // EF Core's SQLite provider stores a DateTime as text in this format, which orders as the time does.
    private const string TwoHoursAgo = "strftime('%Y-%m-%d %H:%M:%f', 'now', '-2 hours')";

    [Fact]
    public async Task OldSentMessagesAndInboxRows_ArePruned_OnSqlite()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:DataFolder", _dataFolder);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Authentication:Jwt:SigningKey", TestTokens.SigningKey);
            b.UseSetting("Messaging:Outbox:Retention", "01:00:00");
            b.UseSetting("Messaging:Inbox:Retention", "01:00:00");
            b.UseSetting("Messaging:Outbox:PruneBatchSize", "50");
            b.UseSetting("Messaging:Outbox:PruneInterval", "00:00:01");
        });
        factory.CreateClient(); // starts the host, which seeds the demo tenant and delivers its events
        await Eventually.WaitAsync(async () => await ScalarAsync("SELECT count(*) FROM stock_products") == 5, what: "the demo products to reach Stock");
        var freshInbox = await ScalarAsync("SELECT count(*) FROM stock_inbox_messages");
        Assert.True(freshInbox >= 5);

        await ScalarAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 180)
            INSERT INTO catalog_outbox_messages (id, tenant_id, type, payload, occurred_at, status, attempts, next_attempt_at, sent_at)
            SELECT lower(hex(randomblob(16))), 'demo', 'Old.Event', 'old', {TwoHoursAgo}, CASE WHEN i <= 170 THEN 1 ELSE 2 END, 1, {TwoHoursAgo},
                   CASE WHEN i <= 170 THEN {TwoHoursAgo} END
            FROM n
            """);
        await ScalarAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
            INSERT INTO stock_inbox_messages (message_id, consumer, processed_at) SELECT lower(hex(randomblob(16))), 'Old.Consumer', {TwoHoursAgo} FROM n
            """);

        await Eventually.WaitAsync(async () =>
            await ScalarAsync("SELECT count(*) FROM catalog_outbox_messages WHERE type = 'Old.Event' AND status = 1") == 0
            && await ScalarAsync("SELECT count(*) FROM stock_inbox_messages WHERE consumer = 'Old.Consumer'") == 0,
            what: "the old rows to be pruned");
        Assert.Equal(10, await ScalarAsync("SELECT count(*) FROM catalog_outbox_messages WHERE type = 'Old.Event' AND status = 2"));
        Assert.Equal(freshInbox, await ScalarAsync("SELECT count(*) FROM stock_inbox_messages"));
        Assert.True(await ScalarAsync("SELECT count(*) FROM catalog_outbox_messages WHERE status = 1") >= 5, "the demo's fresh sent messages stay");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }
}
