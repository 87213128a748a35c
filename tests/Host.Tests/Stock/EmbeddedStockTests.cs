using System.Text.Json.Nodes;
using Inventory.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Inventory.Host.Tests.Stock;

/// <summary>
/// The stock flows on the embedded default (a SQLite file per tenant, the in-memory bus): a tenant onboarded
/// and signed in to, levels, the ledger, reservations, a transfer, reconciliation, and concurrent reservations.
/// </summary>
public sealed class EmbeddedStockTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("inventory-stock-").FullName;

    [Fact]
    public async Task StockFlows_OnTheEmbeddedDefault()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:DataFolder", _dataFolder);
            b.UseSetting("Startup:SeedDemoData", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Authentication:Jwt:SigningKey", TestTokens.SigningKey);
        });
        var client = await OnboardAsync(factory);

        await client.QueryAsync("""mutation { createWarehouse(input: { code: "MAIN", name: "Main" }) { userErrors { code } } }""");
        await client.QueryAsync("""mutation { createWarehouse(input: { code: "WH2", name: "Second" }) { userErrors { code } } }""");
        foreach (var sku in new[] { "A", "B", "C" })
            await client.QueryAsync("mutation($sku: String!) { createProduct(input: { sku: $sku, name: $sku }) { userErrors { code } } }", new { sku });
        await Eventually.WaitAsync(async () =>
        {
            foreach (var sku in new[] { "A", "B", "C" })
            {
                var probe = await client.QueryAsync("""mutation($sku: String!) { configureStockLevel(input: { sku: $sku, warehouseCode: "MAIN" }) { userErrors { code } } }""", new { sku });
                if (probe["configureStockLevel"]!["userErrors"]!.AsArray().Count > 0)
                    return false;
            }
            return true;
        }, TimeSpan.FromSeconds(30), "Stock to learn the products");

        // Receive, and retry under the same key: applied once; the key with another request is refused.
        const string Receive = "mutation($input: ReceiveStockInput!, $key: String!) { receiveStock(input: $input, idempotencyKey: $key) { stockLevel { onHand } replayed userErrors { code field } } }";
        var received = (await client.QueryAsync(Receive, new { input = new { sku = "A", warehouseCode = "MAIN", quantity = 20, reference = "po:1" }, key = "e-1" }))["receiveStock"]!;
        Assert.Equal((20, false), (OnHand(received), received["replayed"]!.GetValue<bool>()));
        var retried = (await client.QueryAsync(Receive, new { input = new { sku = "A", warehouseCode = "MAIN", quantity = 20, reference = "po:1" }, key = "e-1" }))["receiveStock"]!;
        Assert.Equal((20, true), (OnHand(retried), retried["replayed"]!.GetValue<bool>()));
        var reused = (await client.QueryAsync(Receive, new { input = new { sku = "A", warehouseCode = "MAIN", quantity = 21 }, key = "e-1" }))["receiveStock"]!;
        Assert.Equal(["IDEMPOTENCY_KEY_REUSED"], Codes(reused));
        Assert.Equal(20, (await LevelAsync(client, "A"))["onHand"]!.GetValue<int>());

        var adjusted = (await client.QueryAsync("""
            mutation { adjustStock(input: { sku: "A", warehouseCode: "MAIN", delta: -2, reason: DAMAGED }, idempotencyKey: "e-2") { stockLevel { onHand } userErrors { code } } }
            """))["adjustStock"]!;
        Assert.Equal(18, OnHand(adjusted));

        const string Set = "mutation($from: Int!, $key: String!) { setStock(input: { sku: \"A\", warehouseCode: \"MAIN\", onHand: 15, changeFromQuantity: $from }, idempotencyKey: $key) { stockLevel { onHand } userErrors { code field } } }";
        var stale = (await client.QueryAsync(Set, new { from = 20, key = "e-3" }))["setStock"]!;
        Assert.Equal(["STALE"], Codes(stale));
        var set = (await client.QueryAsync(Set, new { from = 18, key = "e-3" }))["setStock"]!;
        Assert.Equal(15, OnHand(set));
        await ReceiveAsync(client, "B", 5);

        // Reserve several lines, all or nothing; then commit and fulfil.
        const string Reserve = "mutation($lines: [ReserveLineInput!]!, $key: String!) { reserveStock(input: { lines: $lines, ttlSeconds: 600 }, idempotencyKey: $key) { reservation { id status } userErrors { code field } } }";
        var reserved = (await client.QueryAsync(Reserve, new { lines = new[] { Line("A", 4), Line("B", 5) }, key = "e-4" }))["reserveStock"]!;
        Assert.Empty(Codes(reserved));
        var reservationId = reserved["reservation"]!["id"]!.GetValue<string>();
        var refused = (await client.QueryAsync(Reserve, new { lines = new[] { Line("A", 1), Line("B", 1) }, key = "e-5" }))["reserveStock"]!;
        Assert.Equal(["INSUFFICIENT_STOCK"], Codes(refused));
        Assert.Equal("input.lines[1].quantity", refused["userErrors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal((15, 4, 11), Quantities(await LevelAsync(client, "A"), "onHand", "reserved", "available")); // A was not half-reserved

        Assert.Equal("COMMITTED", await TransitionAsync(client, "commitReservation", "reservation", reservationId));
        Assert.Equal((15, 0, 4), Quantities(await LevelAsync(client, "A"), "onHand", "reserved", "committed"));
        Assert.Equal("FULFILLED", await TransitionAsync(client, "fulfilReservation", "reservation", reservationId));
        Assert.Equal((11, 0, 11), Quantities(await LevelAsync(client, "A"), "onHand", "committed", "available"));
        Assert.Equal((0, 0), Quantities(await LevelAsync(client, "B"), "onHand", "available"));

        // Release gives the stock back.
        var held = (await client.QueryAsync(Reserve, new { lines = new[] { Line("A", 3) }, key = "e-6" }))["reserveStock"]!;
        Assert.Equal(8, (await LevelAsync(client, "A"))["available"]!.GetValue<int>());
        Assert.Equal("RELEASED", await TransitionAsync(client, "releaseReservation", "reservation", held["reservation"]!["id"]!.GetValue<string>()));
        Assert.Equal((11, 0), Quantities(await LevelAsync(client, "A"), "available", "reserved"));

        // A transfer: in transit shows as incoming, then lands.
        var transfer = (await client.QueryAsync("""
            mutation { createTransfer(input: { fromWarehouseCode: "MAIN", toWarehouseCode: "WH2", lines: [{ sku: "A", quantity: 5 }] }, idempotencyKey: "e-7") { transfer { id status } userErrors { code } } }
            """))["createTransfer"]!;
        var transferId = transfer["transfer"]!["id"]!.GetValue<string>();
        Assert.Equal("IN_TRANSIT", await TransitionAsync(client, "shipTransfer", "transfer", transferId));
        Assert.Equal(6, (await LevelAsync(client, "A"))["onHand"]!.GetValue<int>());
        Assert.Equal((0, 5), Quantities(await LevelAsync(client, "A", "WH2"), "onHand", "incoming"));
        Assert.Equal("RECEIVED", await TransitionAsync(client, "receiveTransfer", "transfer", transferId));
        Assert.Equal((5, 0), Quantities(await LevelAsync(client, "A", "WH2"), "onHand", "incoming"));

        // The ledger, page by page: every entry once, newest first.
        const string Movements = "query($after: String) { stockMovements(first: 3, after: $after, filter: { sku: \"A\" }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id reason occurredAt } } } }";
        var seen = new List<JsonNode>();
        string? after = null;
        int total;
        while (true)
        {
            var page = (await client.QueryAsync(Movements, new { after }))["stockMovements"]!;
            total = page["totalCount"]!.GetValue<int>();
            var edges = page["edges"]!.AsArray();
            Assert.InRange(edges.Count, 1, 3);
            seen.AddRange(edges.Select(e => e!["node"]!));
            Assert.Equal(edges[^1]!["cursor"]!.GetValue<string>(), page["pageInfo"]!["endCursor"]!.GetValue<string>());
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
                break;
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        // RECEIVED, DAMAGED, CYCLE_COUNT, RESERVED, COMMITTED, SHIPPED, RESERVED, RELEASED, TRANSFER_OUT, IN_TRANSIT, TRANSFER_IN
        Assert.Equal(11, total);
        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Select(n => n["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(["TRANSFER_IN", "IN_TRANSIT", "TRANSFER_OUT", "RELEASED", "RESERVED", "SHIPPED", "COMMITTED", "RESERVED", "CYCLE_COUNT", "DAMAGED", "RECEIVED"],
            seen.Select(n => n["reason"]!.GetValue<string>()).ToArray());
        var times = seen.Select(n => DateTimeOffset.Parse(n["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t).ToList(), times);

        // Concurrent one-unit reservations against 10 units: exactly 10 succeed, the rest are told there is not enough.
        await ReceiveAsync(client, "C", 10);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.SendAsync(Reserve, new { lines = new[] { Line("C", 1) }, key = $"c-{i}" })));
        var outcomes = attempts.Select(r =>
        {
            Assert.False(r.HasErrors, r.Body?.ToJsonString());
            var codes = Codes(r.Data!["reserveStock"]!);
            return codes.Length == 0 ? "OK" : string.Join(",", codes);
        }).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["OK"] = 10, ["INSUFFICIENT_STOCK"] = 30 }, outcomes);
        Assert.Equal((10, 10, 0), Quantities(await LevelAsync(client, "C"), "onHand", "reserved", "available"));
        var held10 = (await client.QueryAsync("""{ reservations(first: 50, filter: { status: HELD }) { totalCount } }"""))["reservations"]!;
        Assert.Equal(10, held10["totalCount"]!.GetValue<int>());

        // Every level still adds up to its ledger.
        var reconciled = (await client.QueryAsync("mutation { reconcileStock { levelsChecked drifts { sku quantity recorded ledger } } }"))["reconcileStock"]!;
        Assert.Equal(4, reconciled["levelsChecked"]!.GetValue<int>()); // A, B and C at MAIN, A at WH2
        Assert.Empty(reconciled["drifts"]!.AsArray());
    }

    private static async Task<GraphQLClient> OnboardAsync(WebApplicationFactory<Program> factory)
    {
        var anonymous = new GraphQLClient(factory.CreateClient());
        var onboarded = await anonymous.QueryAsync("""
            mutation { onboardTenant(input: { slug: "stock-co", name: "Stock Co", adminEmail: "owner@stock.test", adminPassword: "Str0ng-enough!" }) {
              tenant { status } userErrors { code } } }
            """);
        Assert.Empty(onboarded["onboardTenant"]!["userErrors"]!.AsArray());
        await Eventually.WaitAsync(async () =>
            (await anonymous.QueryAsync("""{ tenant(slug: "stock-co") { status } }"""))["tenant"]!["status"]!.GetValue<string>() == "ACTIVE",
            TimeSpan.FromSeconds(60), "the tenant to be active");
        var login = await anonymous.QueryAsync("""
            mutation { login(input: { tenant: "stock-co", email: "owner@stock.test", password: "Str0ng-enough!" }) { accessToken userErrors { code } } }
            """);
        return new GraphQLClient(factory.CreateClient(), null, login["login"]!["accessToken"]!.GetValue<string>());
    }

    private static object Line(string sku, int quantity) => new { sku, warehouseCode = "MAIN", quantity };

    private static async Task ReceiveAsync(GraphQLClient client, string sku, int quantity)
    {
        var received = await client.QueryAsync(
            "mutation($sku: String!, $q: Int!, $key: String!) { receiveStock(input: { sku: $sku, warehouseCode: \"MAIN\", quantity: $q }, idempotencyKey: $key) { userErrors { code } } }",
            new { sku, q = quantity, key = Guid.NewGuid().ToString() });
        Assert.Empty(Codes(received["receiveStock"]!));
    }

    private static async Task<string> TransitionAsync(GraphQLClient client, string mutation, string payload, string id)
    {
        var result = (await client.QueryAsync($"mutation($id: ID!) {{ {mutation}(id: $id) {{ {payload} {{ status }} userErrors {{ code message }} }} }}", new { id }))[mutation]!;
        Assert.Empty(Codes(result));
        return result[payload]!["status"]!.GetValue<string>();
    }

    private static async Task<JsonNode> LevelAsync(GraphQLClient client, string sku, string warehouseCode = "MAIN") =>
        (await client.QueryAsync(
            "query($sku: String!, $wh: String!) { stockLevel(sku: $sku, warehouseCode: $wh) { onHand reserved committed damaged incoming available } }",
            new { sku, wh = warehouseCode }))["stockLevel"]!;

    private static int OnHand(JsonNode payload) => payload["stockLevel"]!["onHand"]!.GetValue<int>();

    private static (int, int) Quantities(JsonNode level, string a, string b) => (level[a]!.GetValue<int>(), level[b]!.GetValue<int>());

    private static (int, int, int) Quantities(JsonNode level, string a, string b, string c) =>
        (level[a]!.GetValue<int>(), level[b]!.GetValue<int>(), level[c]!.GetValue<int>());

    private static string[] Codes(JsonNode payload) => payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataFolder, recursive: true);
    }
}
