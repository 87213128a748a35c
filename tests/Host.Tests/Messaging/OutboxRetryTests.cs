using Inventory.TestKit;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Messaging;

/// <summary>A message that cannot be published is retried with growing delays and finally marked dead, never lost or dropped silently.</summary>
public sealed class OutboxRetryTests(HostFixture fixture) : HostTest(fixture)
{
    private const int MaxAttempts = 8; // Messaging:Outbox:MaxAttempts default

    [Fact]
    public async Task UnpublishableMessage_IsRetriedWithBackoff_ThenMarkedDead()
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync($$"""
            INSERT INTO catalog.outbox_messages (id, tenant_id, type, payload, occurred_at, status, attempts, next_attempt_at)
            VALUES ('{{id}}', '{{App.Tenants[0]}}', 'Inventory.Unknown.Event', '{}', now() at time zone 'utc', 0, 0, now() at time zone 'utc')
            """);

        await App.DispatchOutboxAsync();

        // The periodic sweep may be the one that makes an attempt: wait for it rather than assume which.
        var (status, attempts, delay, error) = await Eventually.WaitAsync(() => ReadAsync(id), r => r.Attempts == 1, what: "the first attempt");
        Assert.Equal(0, status);
        Assert.Equal(1, attempts);
        Assert.True(delay > TimeSpan.FromMilliseconds(500), $"the next attempt waits (delay {delay})");
        Assert.Contains("Unknown integration event type", error);

        var previousDelay = delay;
        for (var attempt = 2; attempt <= MaxAttempts; attempt++)
        {
            // Make the retry due now instead of waiting for the backoff to run out.
            await ExecuteAsync($"UPDATE catalog.outbox_messages SET next_attempt_at = now() at time zone 'utc' - interval '1 second' WHERE id = '{id}'");
            await App.DispatchOutboxAsync();
            var expected = attempt;
            (status, attempts, delay, error) = await Eventually.WaitAsync(() => ReadAsync(id), r => r.Attempts == expected, what: $"attempt {attempt}");
            Assert.Equal(attempt, attempts);
            if (attempt < MaxAttempts)
            {
                Assert.Equal(0, status);
                Assert.True(delay > previousDelay, $"attempt {attempt}: delay {delay} should grow beyond {previousDelay}");
                previousDelay = delay;
            }
        }

        Assert.Equal(2, status); // dead
        await App.DispatchOutboxAsync();
        Assert.Equal(MaxAttempts, (await ReadAsync(id)).Attempts); // a dead message is not tried again
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(App.Tenants[0]));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<(int Status, int Attempts, TimeSpan Delay, string Error)> ReadAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(App.Tenants[0]));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT status, attempts, next_attempt_at - (now() at time zone 'utc'), coalesce(last_error, '') FROM catalog.outbox_messages WHERE id = '{id}'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetTimeSpan(2), reader.GetString(3));
    }
}
