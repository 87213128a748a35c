using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;
using static Inventory.Host.Tests.Stock.StockApi;

namespace Inventory.Host.Tests.Stock;

/// <summary>
/// Many clients at once against the same stock: the guarded UPDATEs promise exactly what is there, never
/// more; a reservation's lines are taken all together or not at all; overlapping reservations never deadlock.
/// </summary>
public sealed class StockConcurrencyTests(HostFixture fixture) : StockTest(fixture)
{
    private GraphQLClient[] Clients(int count) => Enumerable.Range(0, count).Select(_ => App.GraphQL(Tenant, "Clerk")).ToArray();

    private static void AssertNoGraphQLErrors(IEnumerable<GraphQLResponse> responses)
    {
        var broken = responses.Where(r => r.Status != 200 || r.HasErrors).ToList();
        Assert.True(broken.Count == 0,
            $"{broken.Count} requests failed outright, e.g.:\n{string.Join("\n", broken.Take(3).Select(r => $"HTTP {r.Status} {r.Body?.ToJsonString()}"))}");
    }

    [Fact]
    public async Task HotSku_400OneUnitReservationsFrom64Clients_Against100Units_ExactlyTheStockIsPromised()
    {
        await App.ProductsAsync(Tenant, "HOT-1");
        await App.ReceiveAsync(Tenant, "HOT-1", 100);
        var clients = Clients(64);

        var responses = await Concurrently.RunAsync(400, clients.Length, (worker, i) =>
            clients[worker].SendAsync(Reserve, new { input = ReserveInput(("HOT-1", 1)), key = $"hot-{i}" }));

        AssertNoGraphQLErrors(responses);
        var payloads = responses.Select(r => r.Data!["reserveStock"]!).ToList();
        var succeeded = payloads.Where(Ok).ToList();
        Assert.Equal(100, succeeded.Count);
        Assert.Equal(100, succeeded.Select(p => p["reservation"]!.Str("id")).Distinct().Count());
        Assert.All(succeeded, p => Assert.Equal("HELD", p["reservation"]!.Str("status")));
        var refused = payloads.Where(p => !Ok(p)).ToList();
        Assert.Equal(300, refused.Count);
        Assert.All(refused, p =>
        {
            Assert.Equal(["INSUFFICIENT_STOCK"], Codes(p));
            Assert.Null(p["reservation"]);
        });

        var level = await App.LevelAsync(Tenant, "HOT-1");
        Assert.Equal(100, level.Int("onHand"));
        Assert.Equal(100, level.Int("reserved"));
        Assert.Equal(0, level.Int("available"));
        Assert.Equal(100, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.reservations WHERE status = 'Held'"));
        Assert.Equal(100, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_movements WHERE reason = 'Reserved'"));
        // No entry of the ledger ever showed more promised than there was.
        Assert.Equal(0, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_movements WHERE available_after < 0 OR reserved_after > on_hand_after"));
        // A refused write stores nothing under its key: retrying it later may succeed.
        Assert.Equal(100, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.idempotency_keys WHERE operation = 'reserveStock'"));
    }

    [Fact]
    public async Task OverlappingMultiLineReservations_InRandomLineOrder_NeverDeadlock_AndAreAllOrNothing()
    {
        var skus = Enumerable.Range(0, 8).Select(i => $"OVL-{i}").ToArray();
        await App.ProductsAsync(Tenant, skus);
        foreach (var sku in skus)
            await App.ReceiveAsync(Tenant, sku, 30);

        var random = new Random(20261128);
        var requests = Enumerable.Range(0, 120).Select(_ =>
            skus.OrderBy(_ => random.Next()).Take(random.Next(2, 6)).Select(sku => (Sku: sku, Quantity: random.Next(1, 4))).ToArray()).ToArray();
        var clients = Clients(24);

        var responses = await Concurrently.RunAsync(requests.Length, clients.Length, (worker, i) =>
            clients[worker].SendAsync(Reserve, new { input = ReserveInput(requests[i]), key = $"ovl-{i}" }));

        AssertNoGraphQLErrors(responses);
        var reservedBySku = skus.ToDictionary(s => s, _ => 0);
        var succeededIds = new List<string>();
        for (var i = 0; i < requests.Length; i++)
        {
            var payload = responses[i].Data!["reserveStock"]!;
            if (Ok(payload))
            {
                var reservation = payload["reservation"]!;
                succeededIds.Add(reservation.Str("id"));
                var lines = reservation["lines"]!.AsArray().Select(l => (l!.Str("sku"), l!.Int("quantity"))).ToArray();
                Assert.Equal(requests[i], lines);
                foreach (var (sku, quantity) in requests[i])
                    reservedBySku[sku] += quantity;
            }
            else
            {
                Assert.Equal(["INSUFFICIENT_STOCK"], Codes(payload));
                var field = payload["userErrors"]![0]!.Str("field");
                Assert.Matches($"^input\\.lines\\[[0-{requests[i].Length - 1}]\\]\\.quantity$", field);
            }
        }
        Assert.InRange(succeededIds.Count, 10, requests.Length - 10); // both outcomes happened, or the test proves little

        foreach (var sku in skus)
        {
            var level = await App.LevelAsync(Tenant, sku);
            Assert.Equal(reservedBySku[sku], level.Int("reserved"));
            Assert.InRange(level.Int("reserved"), 0, level.Int("onHand"));
        }
        // Every reservation that exists succeeded, with each of its lines in the ledger once; the refused ones left nothing.
        var stored = await App.RowsAsync(Tenant, """
            SELECT r.id::text AS id, (SELECT count(*) FROM stock.reservation_lines l WHERE l.reservation_id = r.id) AS lines,
                   (SELECT count(*) FROM stock.stock_movements m WHERE m.reservation_id = r.id AND m.reason = 'Reserved') AS entries
            FROM stock.reservations r
            """);
        Assert.Equal(succeededIds.Order(), stored.Select(r => (string)r["id"]!).Order());
        Assert.All(stored, r => Assert.Equal(r["lines"], r["entries"]));
        Assert.Equal(0, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_movements WHERE reservation_id IS NOT NULL AND reservation_id NOT IN (SELECT id FROM stock.reservations)"));
        Assert.Equal(0, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_movements WHERE available_after < 0"));
    }

    [Fact]
    public async Task ConcurrentFirstReceipts_IntoAWarehouseNeverStocked_CreateOneLevel_AndAllAddUp()
    {
        await App.ProductsAsync(Tenant, "NEW-1");
        await App.WarehouseAsync(Tenant, "WH3");
        var clients = Clients(16);

        var answers = await Concurrently.RunAsync(32, clients.Length, (worker, i) =>
            clients[worker].MutateAsync("receiveStock", Receive, new { input = new { sku = "NEW-1", warehouseCode = "WH3", quantity = i + 1 }, key = $"new-{i}" }));

        Assert.All(answers, a => Assert.True(Ok(a), a.ToJsonString()));
        // Each answer is the level just after its own receipt: all different, the last one the total.
        Assert.Equal(32, answers.Select(a => a["stockLevel"]!.Int("onHand")).Distinct().Count());
        Assert.Equal(528, answers.Max(a => a["stockLevel"]!.Int("onHand")));
        Assert.Equal(528, (await App.LevelAsync(Tenant, "NEW-1", "WH3")).Int("onHand"));
        Assert.Equal(1, await App.CountAsync(Tenant, "SELECT count(*) FROM stock.stock_levels WHERE sku_key = 'NEW-1' AND warehouse_code = 'WH3'"));
    }
}
