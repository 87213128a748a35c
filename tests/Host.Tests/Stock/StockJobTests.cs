using System.Text.Json.Nodes;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using Xunit;
using static Inventory.Host.Tests.Stock.StockApi;

namespace Inventory.Host.Tests.Stock;

/// <summary>
/// Stock's scheduled jobs on the running host (the fixture runs the expiry and key cleanup every second):
/// reservations expire and give their stock back once, idempotency keys are kept for their retention,
/// and reconciliation reports a level changed behind the ledger's back.
/// </summary>
public sealed class StockJobTests(HostFixture fixture) : StockTest(fixture)
{
    private static readonly JobKey ExpiryJob = new("ReservationExpiryJob");

    private GraphQLClient Clerk => App.GraphQL(Tenant, "Clerk");

    public override async Task DisposeAsync()
    {
        // Whatever happened in the test, the expiry job runs again for the next one.
        await (await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).ResumeJob(ExpiryJob);
        await base.DisposeAsync();
    }

    private async Task<string> ReserveAsync(string sku, int quantity, int ttlSeconds, string key, string? reference = null)
    {
        var payload = await Clerk.MutateAsync("reserveStock", Reserve,
            new { input = new { lines = new[] { new { sku, warehouseCode = "MAIN", quantity } }, ttlSeconds, reference }, key });
        Assert.True(Ok(payload), payload.ToJsonString());
        return payload["reservation"]!.Str("id");
    }

    private async Task<string> StatusAsync(string id) =>
        (await App.GraphQL(Tenant, "Viewer").QueryAsync("query($id: ID!) { reservation(id: $id) { status } }", new { id }))["reservation"]!.Str("status");

    [Fact]
    public async Task ReservationPastItsTimeToLive_IsExpiredByTheJob_ItsStockReturnedOnce_BySystem()
    {
        await App.ProductsAsync(Tenant, "EXP-1");
        await App.ReceiveAsync(Tenant, "EXP-1", 10);
        var id = await ReserveAsync("EXP-1", 3, ttlSeconds: 1, "exp-1", reference: "cart:exp");
        Assert.Equal(3, (await App.LevelAsync(Tenant, "EXP-1")).Int("reserved"));

        await Eventually.WaitAsync(() => StatusAsync(id), s => s == "EXPIRED", what: "the expiry job to expire the reservation");

        var level = await App.LevelAsync(Tenant, "EXP-1");
        Assert.Equal((10, 0, 10), (level.Int("onHand"), level.Int("reserved"), level.Int("available")));
        var ledger = (await App.GraphQL(Tenant, "Viewer").QueryAsync("""
            query($id: ID!) { stockMovements(first: 10, filter: { reservationId: $id }) { nodes { reason actor reference quantityDeltas { name delta } reservedAfter } } }
            """, new { id }))["stockMovements"]!["nodes"]!.AsArray();
        Assert.Equal(["EXPIRED", "RESERVED"], ledger.Select(n => n!.Str("reason")).ToArray());
        Assert.Equal("system", ledger[0]!.Str("actor"));
        Assert.Equal("cart:exp", ledger[0]!.Str("reference"));
        Assert.Equal("""[{"name":"reserved","delta":-3}]""", ledger[0]!["quantityDeltas"]!.ToJsonString());
        Assert.Equal(0, ledger[0]!.Int("reservedAfter"));

        var expired = Assert.Single(await App.EventsAsync(Tenant, "ReservationExpired"));
        Assert.Equal(id, expired.Str("reservationId"));
        Assert.Equal("cart:exp", expired.Str("reference"));
        Assert.Equal("""[{"sku":"EXP-1","warehouseCode":"MAIN","quantity":3}]""", expired["lines"]!.ToJsonString());

        // Afterwards: releasing changes nothing, committing is refused.
        var released = await Clerk.MutateAsync("releaseReservation", Transition("releaseReservation"), new { id });
        Assert.True(Ok(released));
        Assert.Equal("EXPIRED", released["reservation"]!.Str("status"));
        var committed = await Clerk.MutateAsync("commitReservation", Transition("commitReservation"), new { id });
        Assert.Equal(["INVALID_STATUS"], Codes(committed));
        Assert.Equal(0, (await App.LevelAsync(Tenant, "EXP-1")).Int("reserved"));
        Assert.Equal(2, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_movements WHERE reservation_id = $1::uuid", id));
        Assert.Empty(await App.EventsAsync(Tenant, "ReservationReleased"));
    }

    [Fact]
    public async Task CommitOfAHeldReservationPastItsTimeToLive_IsRefusedAsExpired_BeforeTheJobGetsToIt()
    {
        await App.ProductsAsync(Tenant, "EXP-2");
        await App.ReceiveAsync(Tenant, "EXP-2", 10);
        string id;
        await using (await PauseExpiryJobAsync())
        {
            id = await ReserveAsync("EXP-2", 4, ttlSeconds: 1, "exp-2");
            await Eventually.WaitAsync(async () => await App.CountAsync(Tenant, "SELECT count(*) FROM stock.reservations WHERE expires_at < now()") == 1,
                what: "the time to live to pass");

            var committed = await Clerk.MutateAsync("commitReservation", Transition("commitReservation"), new { id });
            Assert.Equal(["RESERVATION_EXPIRED"], Codes(committed));
            var extended = await Clerk.MutateAsync("extendReservation",
                """mutation($id: ID!) { extendReservation(id: $id, ttlSeconds: 600) { reservation { status } userErrors { code } } }""", new { id });
            Assert.Equal(["RESERVATION_EXPIRED"], Codes(extended));
            Assert.Equal("HELD", await StatusAsync(id));
            var level = await App.LevelAsync(Tenant, "EXP-2");
            Assert.Equal((4, 0), (level.Int("reserved"), level.Int("committed")));
        }

        await Eventually.WaitAsync(() => StatusAsync(id), s => s == "EXPIRED", what: "the expiry job, resumed, to expire it");
        Assert.Equal(0, (await App.LevelAsync(Tenant, "EXP-2")).Int("reserved"));
    }

    [Fact]
    public async Task ReleasesRacingTheExpiryJob_ReturnEachReservationsStockOnce()
    {
        const int count = 24;
        await App.ProductsAsync(Tenant, "EXP-3");
        await App.ReceiveAsync(Tenant, "EXP-3", 100);
        await ReserveAsync("EXP-3", 7, ttlSeconds: 3600, "exp-3-anchor"); // stays held: a double return would eat into it
        var ids = new List<string>();
        var paused = await PauseExpiryJobAsync();
        for (var i = 0; i < count; i++)
            ids.Add(await ReserveAsync("EXP-3", 1, ttlSeconds: 1, $"exp-3-{i}"));
        await Eventually.WaitAsync(async () => await App.CountAsync(Tenant, "SELECT count(*) FROM stock.reservations WHERE status = 'Held' AND expires_at < now()") == count,
            what: "the time to live to pass");

        // The job resumes and is fired at once, expiring the oldest first, while clients release from the newest:
        // they meet somewhere in the middle.
        var clients = Enumerable.Range(0, 8).Select(_ => App.GraphQL(Tenant, "Clerk")).ToArray();
        await paused.DisposeAsync();
        await (await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).TriggerJob(ExpiryJob);
        var answers = await Concurrently.RunAsync(count, clients.Length, (worker, i) =>
            clients[worker].MutateAsync("releaseReservation", Transition("releaseReservation"), new { id = ids[count - 1 - i] }));

        Assert.All(answers, a => Assert.True(Ok(a), a.ToJsonString()));
        Assert.All(answers, a => Assert.Contains(a["reservation"]!.Str("status"), new[] { "RELEASED", "EXPIRED" }));
        await Eventually.WaitAsync(async () => await App.CountAsync(Tenant, "SELECT count(*) FROM stock.reservations WHERE status = 'Held'") == 1,
            what: "every short reservation to be released or expired");
        var returns = await App.RowsAsync(Tenant, """
            SELECT r.id::text AS id, count(m.id) AS returns
            FROM stock.reservations r LEFT JOIN stock.stock_movements m ON m.reservation_id = r.id AND m.reason IN ('Released', 'Expired')
            WHERE r.idempotency_key LIKE 'exp-3-%' AND r.idempotency_key <> 'exp-3-anchor'
            GROUP BY r.id
            """);
        Assert.Equal(count, returns.Count);
        Assert.All(returns, r => Assert.Equal(1L, r["returns"]));
        var level = await App.LevelAsync(Tenant, "EXP-3");
        Assert.Equal((100, 7, 93), (level.Int("onHand"), level.Int("reserved"), level.Int("available")));
        var announced = (await App.EventsAsync(Tenant, "ReservationReleased")).Concat(await App.EventsAsync(Tenant, "ReservationExpired"))
            .Select(e => e.Str("reservationId")).ToList();
        Assert.Equal(ids.Order(), announced.Order());
    }

    [Fact]
    public async Task ExtensionCommittedAfterTheJobPickedTheReservation_WinsOverTheExpiry()
    {
        await App.ProductsAsync(Tenant, "EXP-4");
        await App.ReceiveAsync(Tenant, "EXP-4", 10);
        var paused = await PauseExpiryJobAsync();
        var id = await ReserveAsync("EXP-4", 2, ttlSeconds: 1, "exp-4");
        await Eventually.WaitAsync(async () => await App.CountAsync(Tenant, "SELECT count(*) FROM stock.reservations WHERE expires_at < now()") == 1,
            what: "the time to live to pass");

        // An extension in flight (its time taken just before the reservation was due): written, not yet committed,
        // when the job lists the reservation as due and goes to expire it.
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(Tenant));
        await connection.OpenAsync();
        await using var extension = await connection.BeginTransactionAsync();
        await using (var extend = new NpgsqlCommand("UPDATE stock.reservations SET expires_at = now() + interval '10 minutes', updated_at = now() WHERE id = $1", connection, extension))
        {
            extend.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(id) });
            Assert.Equal(1, await extend.ExecuteNonQueryAsync());
        }
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await paused.DisposeAsync();
        await scheduler.TriggerJob(ExpiryJob);
        await Eventually.WaitAsync(async () => await App.CountAsync(Tenant,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            + " AND (query ILIKE 'UPDATE%reservations%' OR query ILIKE '%FROM stock.reservations%FOR UPDATE%')") == 1,
            what: "the job to wait for the reservation's row");
        var blockedRun = Assert.Single((await scheduler.QueryFireInstances(new FireInstanceQuery { Job = ExpiryJob })).Items).FireInstanceId;
        await extension.CommitAsync();
        await Eventually.WaitAsync(async () => (await scheduler.QueryFireInstances(new FireInstanceQuery { Job = ExpiryJob })).Items.All(f => f.FireInstanceId != blockedRun),
            what: "the job's run to end");

        Assert.Equal("HELD", await StatusAsync(id));
        Assert.Equal(2, (await App.LevelAsync(Tenant, "EXP-4")).Int("reserved"));
        Assert.Equal(0, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_movements WHERE reason = 'Expired'"));
        Assert.Empty(await App.EventsAsync(Tenant, "ReservationExpired"));
    }

    [Fact]
    public async Task LevelChangedBehindTheLedger_IsReportedAsDrift_WithAnEvent()
    {
        await App.ProductsAsync(Tenant, "DRIFT-1", "DRIFT-2");
        await App.ReceiveAsync(Tenant, "DRIFT-1", 10);
        await App.ReceiveAsync(Tenant, "DRIFT-2", 4);
        Assert.Equal(1, await App.ExecuteAsync(Tenant, "UPDATE stock.stock_levels SET on_hand = on_hand + 5 WHERE sku_key = 'DRIFT-1'"));
        var admin = App.GraphQL(Tenant, "Admin");
        try
        {
            var run = (await admin.QueryAsync("mutation { reconcileStock { levelsChecked drifts { sku warehouseCode quantity recorded ledger } } }"))["reconcileStock"]!;
            Assert.Equal(2, run.Int("levelsChecked"));
            var drift = Assert.Single(run["drifts"]!.AsArray())!;
            Assert.Equal("""{"sku":"DRIFT-1","warehouseCode":"MAIN","quantity":"onHand","recorded":15,"ledger":10}""", drift.ToJsonString());

            var latest = (await admin.QueryAsync("{ stockDrift { levelsChecked drifts { sku warehouseCode quantity recorded ledger } } }"))["stockDrift"]!;
            Assert.Equal(2, latest.Int("levelsChecked"));
            Assert.Equal(run["drifts"]!.ToJsonString(), latest["drifts"]!.ToJsonString());
            var forbidden = await App.GraphQL(Tenant, "Manager").SendAsync("{ stockDrift { levelsChecked } }");
            Assert.Equal("FORBIDDEN", forbidden.FirstErrorCode);

            var detected = Assert.Single(await App.EventsAsync(Tenant, "StockDriftDetected"));
            Assert.Equal((2, 1), (detected.Int("levelsChecked"), detected.Int("driftCount")));
        }
        finally
        {
            // Put the row back as the ledger has it: the after-test check then proves the books balance again.
            await App.ExecuteAsync(Tenant, "UPDATE stock.stock_levels SET on_hand = on_hand - 5 WHERE sku_key = 'DRIFT-1'");
        }
        var clean = (await admin.QueryAsync("mutation { reconcileStock { drifts { sku } } }"))["reconcileStock"]!;
        Assert.Empty(clean["drifts"]!.AsArray());
        Assert.Single(await App.EventsAsync(Tenant, "StockDriftDetected"));
    }

    [Fact]
    public async Task IdempotencyKeys_OlderThanTheRetention_AreRemoved_YoungerOnesKept()
    {
        await App.ProductsAsync(Tenant, "KEYS-1");
        await App.ReceiveAsync(Tenant, "KEYS-1", 1); // a real key, just made
        foreach (var (key, age) in new[] { ("old-1", "25 hours"), ("old-2", "30 days"), ("young-1", "23 hours"), ("fresh-1", "0 seconds") })
            await App.ExecuteAsync(Tenant,
                "INSERT INTO stock.idempotency_keys (key, operation, request_hash, result, created_at) VALUES ($1, 'receiveStock', 'x', '{}', now() - $2::interval)", key, age);

        var young = await App.RowsAsync(Tenant, "SELECT key FROM stock.idempotency_keys WHERE key NOT LIKE 'old-%' ORDER BY key");
        Assert.Equal(3, young.Count); // the receipt's own key, young-1 and fresh-1

        await Eventually.WaitAsync(async () => await App.CountAsync(Tenant, "SELECT count(*) FROM stock.idempotency_keys WHERE key LIKE 'old-%'") == 0,
            what: "the cleanup job to remove the old keys");

        Assert.Equal(young.Select(r => r["key"]), (await App.RowsAsync(Tenant, "SELECT key FROM stock.idempotency_keys ORDER BY key")).Select(r => r["key"]));

        // A removed key is free again: the request it names is applied as new.
        var reused = await Clerk.MutateAsync("receiveStock", Receive, new { input = new { sku = "KEYS-1", warehouseCode = "MAIN", quantity = 2 }, key = "old-1" });
        Assert.True(Ok(reused));
        Assert.False(reused["replayed"]!.GetValue<bool>());
        Assert.Equal(3, reused["stockLevel"]!.Int("onHand"));
    }

    /// <summary>Pauses the expiry job (and waits out a run in progress) until disposed.</summary>
    private async Task<IAsyncDisposable> PauseExpiryJobAsync()
    {
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.PauseJob(ExpiryJob);
        await Eventually.WaitAsync(async () => (await scheduler.QueryFireInstances(new FireInstanceQuery { Job = ExpiryJob })).Items.Count == 0,
            what: "the expiry job's run in progress to end");
        return new Resume(scheduler);
    }

    private sealed class Resume(IScheduler scheduler) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await scheduler.ResumeJob(ExpiryJob);
    }
}
