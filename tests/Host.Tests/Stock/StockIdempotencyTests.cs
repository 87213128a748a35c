using Inventory.TestKit;
using Xunit;
using static Inventory.Host.Tests.Stock.StockApi;

namespace Inventory.Host.Tests.Stock;

/// <summary>
/// Retries under one idempotency key, sent at the same time as the first request: the write is applied once and
/// every answer is its result (the others say replayed), even where applying it twice would have failed; the key
/// with another request, or on another operation, is refused.
/// </summary>
public sealed class StockIdempotencyTests(HostFixture fixture) : StockTest(fixture)
{
    private GraphQLClient[] Clients(int count) => Enumerable.Range(0, count).Select(_ => App.GraphQL(Tenant, "Clerk")).ToArray();

    [Fact]
    public async Task OneKey_ConcurrentIdenticalReservations_ApplyOnce_AndEveryAnswerIsThatReservation()
    {
        await App.ProductsAsync(Tenant, "IDEM-R");
        // Exactly what one reservation takes: were the request applied twice, the second would be refused, not answered.
        await App.ReceiveAsync(Tenant, "IDEM-R", 5);
        var clients = Clients(16);
        var variables = new { input = new { lines = new[] { new { sku = "IDEM-R", warehouseCode = "MAIN", quantity = 5 } }, reference = "cart:idem" }, key = "idem-reserve" };

        var answers = await Concurrently.RunAsync(16, 16, (worker, _) => clients[worker].MutateAsync("reserveStock", Reserve, variables));

        Assert.All(answers, a => Assert.True(Ok(a), a.ToJsonString()));
        Assert.Single(answers.Select(a => a["reservation"]!.Str("id")).Distinct());
        Assert.Equal(15, answers.Count(a => a["replayed"]!.GetValue<bool>()));
        var level = await App.LevelAsync(Tenant, "IDEM-R");
        Assert.Equal(5, level.Int("reserved"));
        Assert.Equal(1, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.reservations"));
        Assert.Equal(1, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_movements WHERE reason = 'Reserved' AND idempotency_key = 'idem-reserve'"));

        var retry = await clients[0].MutateAsync("reserveStock", Reserve, variables);
        Assert.True(retry["replayed"]!.GetValue<bool>());
        Assert.Equal(answers[0]["reservation"]!.Str("id"), retry["reservation"]!.Str("id"));

        var otherInput = await clients[0].MutateAsync("reserveStock", Reserve, new { input = ReserveInput(("IDEM-R", 4)), key = "idem-reserve" });
        Assert.Equal(["IDEMPOTENCY_KEY_REUSED"], Codes(otherInput));
        var otherOperation = await clients[0].MutateAsync("receiveStock", Receive, new { input = new { sku = "IDEM-R", warehouseCode = "MAIN", quantity = 5 }, key = "idem-reserve" });
        Assert.Equal(["IDEMPOTENCY_KEY_REUSED"], Codes(otherOperation));
        level = await App.LevelAsync(Tenant, "IDEM-R");
        Assert.Equal((5, 5), (level.Int("onHand"), level.Int("reserved")));

        // Concurrent commits of that reservation: one transition, one ledger entry per line, every answer COMMITTED.
        var id = answers[0]["reservation"]!.Str("id");
        var commits = await Concurrently.RunAsync(16, 16, (worker, i) =>
            clients[worker].MutateAsync("commitReservation", Transition("commitReservation"), new { id, key = i % 2 == 0 ? "idem-commit" : null }));
        Assert.All(commits, c => Assert.Equal("COMMITTED", c["reservation"]!.Str("status")));
        Assert.Equal(1, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_movements WHERE reason = 'Committed'"));
        level = await App.LevelAsync(Tenant, "IDEM-R");
        Assert.Equal((0, 5), (level.Int("reserved"), level.Int("committed")));
    }

    [Fact]
    public async Task OneKey_ConcurrentIdenticalReceiptsAndCounts_ApplyOnce_AndEveryAnswerIsTheFirstResult()
    {
        await App.ProductsAsync(Tenant, "IDEM-S");
        var clients = Clients(16);

        var receive = new { input = new { sku = "IDEM-S", warehouseCode = "MAIN", quantity = 7, reference = "po:7" }, key = "idem-receive" };
        var receipts = await Concurrently.RunAsync(16, 16, (worker, _) => clients[worker].MutateAsync("receiveStock", Receive, receive));
        Assert.All(receipts, r => Assert.True(Ok(r), r.ToJsonString()));
        Assert.All(receipts, r => Assert.Equal(7, r["stockLevel"]!.Int("onHand")));
        Assert.Single(receipts.Select(r => r["stockLevel"]!.Int("version")).Distinct());
        Assert.Equal(15, receipts.Count(r => r["replayed"]!.GetValue<bool>()));
        Assert.Equal(7, (await App.LevelAsync(Tenant, "IDEM-S")).Int("onHand"));
        Assert.Equal(1, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_movements WHERE idempotency_key = 'idem-receive'"));
        var reused = await clients[0].MutateAsync("receiveStock", Receive, new { input = new { sku = "IDEM-S", warehouseCode = "MAIN", quantity = 8, reference = "po:7" }, key = "idem-receive" });
        Assert.Equal(["IDEMPOTENCY_KEY_REUSED"], Codes(reused));

        // A count is compare-and-set: applied twice, the second would be STALE. Retried concurrently, it is answered.
        var count = new { input = new { sku = "IDEM-S", warehouseCode = "MAIN", onHand = 3, changeFromQuantity = 7 }, key = "idem-count" };
        var counts = await Concurrently.RunAsync(16, 16, (worker, _) => clients[worker].MutateAsync("setStock", Set, count));
        Assert.All(counts, c => Assert.True(Ok(c), c.ToJsonString()));
        Assert.All(counts, c => Assert.Equal(3, c["stockLevel"]!.Int("onHand")));
        Assert.Equal(15, counts.Count(c => c["replayed"]!.GetValue<bool>()));
        Assert.Equal(3, (await App.LevelAsync(Tenant, "IDEM-S")).Int("onHand"));
        Assert.Equal(1, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_movements WHERE idempotency_key = 'idem-count'"));
    }

    [Fact]
    public async Task OneKey_ConcurrentIdenticalShipments_ShipOnce_AndEveryAnswerIsInTransit()
    {
        await App.ProductsAsync(Tenant, "IDEM-T");
        await App.WarehouseAsync(Tenant, "WH2");
        await App.ReceiveAsync(Tenant, "IDEM-T", 10);
        var clients = Clients(16);
        var created = await clients[0].MutateAsync("createTransfer", CreateTransfer,
            new { input = new { fromWarehouseCode = "MAIN", toWarehouseCode = "WH2", lines = new[] { new { sku = "IDEM-T", quantity = 6 } } }, key = "idem-transfer" });
        var id = created["transfer"]!.Str("id");

        var answers = await Concurrently.RunAsync(16, 16, (worker, _) =>
            clients[worker].MutateAsync("shipTransfer", TransferTransition("shipTransfer"), new { id, key = "idem-ship" }));

        Assert.All(answers, a => Assert.True(Ok(a), a.ToJsonString()));
        Assert.All(answers, a => Assert.Equal("IN_TRANSIT", a["transfer"]!.Str("status")));
        Assert.Equal(15, answers.Count(a => a["replayed"]!.GetValue<bool>()));
        Assert.Equal(4, (await App.LevelAsync(Tenant, "IDEM-T")).Int("onHand"));
        Assert.Equal(6, (await App.LevelAsync(Tenant, "IDEM-T", "WH2")).Int("incoming"));
        Assert.Equal(1, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_movements WHERE reason = 'TransferOut'"));
    }
}
