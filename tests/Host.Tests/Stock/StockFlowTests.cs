using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Stock;

/// <summary>The stock contract end to end on PostgreSQL: levels, the ledger, reservations, transfers.</summary>
public sealed class StockFlowTests(HostFixture fixture) : StockTest(fixture)
{
    private GraphQLClient Clerk => App.GraphQL(Tenant, "Clerk");

    private static string[] Codes(JsonNode payload) => payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();

    private async Task<JsonNode> LevelAsync(string sku, string warehouseCode = "MAIN") =>
        (await App.GraphQL(Tenant, "Viewer").QueryAsync(
            "query($sku: String!, $wh: String!) { stockLevel(sku: $sku, warehouseCode: $wh) { sku warehouseCode onHand reserved committed damaged safetyStock incoming available reorderPoint version updatedAt } }",
            new { sku, wh = warehouseCode }))["stockLevel"]!;

    [Fact]
    public async Task ReceiveAdjustSet_ChangeTheLevel_AndEachLeavesALedgerEntry()
    {
        await App.ProductsAsync(Tenant, "SKU-1");

        var received = (await Clerk.QueryAsync("""
            mutation { receiveStock(input: { sku: "sku-1", warehouseCode: "main", quantity: 100, reference: "po:42" }, idempotencyKey: "k1") {
              stockLevel { onHand available version } replayed userErrors { code field message } } }
            """))["receiveStock"]!;
        Assert.Empty(Codes(received));
        Assert.Equal(100, received["stockLevel"]!["onHand"]!.GetValue<int>());

        var adjusted = (await Clerk.QueryAsync("""
            mutation { adjustStock(input: { sku: "SKU-1", warehouseCode: "MAIN", delta: -3, reason: DAMAGED }, idempotencyKey: "k2") {
              stockLevel { onHand available version } userErrors { code field message } } }
            """))["adjustStock"]!;
        Assert.Equal(97, adjusted["stockLevel"]!["onHand"]!.GetValue<int>());

        var stale = (await Clerk.QueryAsync("""
            mutation { setStock(input: { sku: "SKU-1", warehouseCode: "MAIN", onHand: 95, changeFromQuantity: 100, reason: CYCLE_COUNT }, idempotencyKey: "k3") { stockLevel { onHand } userErrors { code field } } }
            """))["setStock"]!;
        Assert.Equal(["STALE"], Codes(stale));

        var set = (await Clerk.QueryAsync("""
            mutation { setStock(input: { sku: "SKU-1", warehouseCode: "MAIN", onHand: 95, changeFromQuantity: 97, reason: CYCLE_COUNT }, idempotencyKey: "k4") { stockLevel { onHand } userErrors { code } } }
            """))["setStock"]!;
        Assert.Equal(95, set["stockLevel"]!["onHand"]!.GetValue<int>());

        var ledger = (await App.GraphQL(Tenant, "Viewer").QueryAsync("""
            { stockMovements(first: 10, filter: { sku: "SKU-1" }) { totalCount nodes { sku warehouseCode reason reference quantityDeltas { name delta } onHandAfter availableAfter actor idempotencyKey occurredAt } } }
            """))["stockMovements"]!;
        Assert.Equal(3, ledger["totalCount"]!.GetValue<int>());
        var nodes = ledger["nodes"]!.AsArray();
        Assert.Equal(["CYCLE_COUNT", "DAMAGED", "RECEIVED"], nodes.Select(n => n!["reason"]!.GetValue<string>()).ToArray());
        Assert.Equal(-2, nodes[0]!["quantityDeltas"]![0]!["delta"]!.GetValue<int>());
        Assert.Equal("po:42", nodes[2]!["reference"]!.GetValue<string>());
        Assert.Equal("k1", nodes[2]!["idempotencyKey"]!.GetValue<string>());
        Assert.StartsWith("user:", nodes[2]!["actor"]!.GetValue<string>());
        Assert.Equal(95, nodes[0]!["onHandAfter"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reserve_CommitFulfil_And_Release_MoveTheNamedQuantities()
    {
        await App.ProductsAsync(Tenant, "A", "B");
        await App.ReceiveAsync(Tenant, "A", 10);
        await App.ReceiveAsync(Tenant, "B", 5);

        var reserved = (await Clerk.QueryAsync("""
            mutation { reserveStock(input: { lines: [{ sku: "A", warehouseCode: "MAIN", quantity: 4 }, { sku: "B", warehouseCode: "MAIN", quantity: 5 }], ttlSeconds: 900, reference: "cart:7" }, idempotencyKey: "r1") {
              reservation { id status expiresAt lines { sku warehouseCode quantity } } userErrors { code field message } } }
            """))["reserveStock"]!;
        Assert.Empty(Codes(reserved));
        var id = reserved["reservation"]!["id"]!.GetValue<string>();
        Assert.Equal("HELD", reserved["reservation"]!["status"]!.GetValue<string>());
        Assert.Equal(6, (await LevelAsync("A"))["available"]!.GetValue<int>());

        var tooMuch = (await Clerk.QueryAsync("""
            mutation { reserveStock(input: { lines: [{ sku: "A", warehouseCode: "MAIN", quantity: 1 }, { sku: "B", warehouseCode: "MAIN", quantity: 1 }] }, idempotencyKey: "r2") {
              reservation { id } userErrors { code field } } }
            """))["reserveStock"]!;
        Assert.Equal(["INSUFFICIENT_STOCK"], Codes(tooMuch));
        Assert.Equal("input.lines[1].quantity", tooMuch["userErrors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(6, (await LevelAsync("A"))["available"]!.GetValue<int>()); // line A was not half-applied

        var committed = (await Clerk.QueryAsync($$"""mutation { commitReservation(id: "{{id}}") { reservation { status } userErrors { code } } }"""))["commitReservation"]!;
        Assert.Equal("COMMITTED", committed["reservation"]!["status"]!.GetValue<string>());
        var level = await LevelAsync("A");
        Assert.Equal(0, level["reserved"]!.GetValue<int>());
        Assert.Equal(4, level["committed"]!.GetValue<int>());

        var fulfilled = (await Clerk.QueryAsync($$"""mutation { fulfilReservation(id: "{{id}}") { reservation { status } userErrors { code } } }"""))["fulfilReservation"]!;
        Assert.Equal("FULFILLED", fulfilled["reservation"]!["status"]!.GetValue<string>());
        level = await LevelAsync("A");
        Assert.Equal(6, level["onHand"]!.GetValue<int>());
        Assert.Equal(0, level["committed"]!.GetValue<int>());

        var again = (await Clerk.QueryAsync($$"""mutation { releaseReservation(id: "{{id}}") { reservation { status } userErrors { code } } }"""))["releaseReservation"]!;
        Assert.Equal(["INVALID_STATUS"], Codes(again));
    }

    [Fact]
    public async Task Transfer_ShowsInTransitAsIncoming_ThenLandsAtTheDestination()
    {
        await App.ProductsAsync(Tenant, "T-1");
        await App.WarehouseAsync(Tenant, "WH2");
        await App.ReceiveAsync(Tenant, "T-1", 20);

        var created = (await Clerk.QueryAsync("""
            mutation { createTransfer(input: { fromWarehouseCode: "MAIN", toWarehouseCode: "WH2", lines: [{ sku: "T-1", quantity: 8 }] }, idempotencyKey: "t1") {
              transfer { id status } userErrors { code field message } } }
            """))["createTransfer"]!;
        Assert.Empty(Codes(created));
        var id = created["transfer"]!["id"]!.GetValue<string>();

        var shipped = (await Clerk.QueryAsync($$"""mutation { shipTransfer(id: "{{id}}") { transfer { status } userErrors { code message } } }"""))["shipTransfer"]!;
        Assert.Equal("IN_TRANSIT", shipped["transfer"]!["status"]!.GetValue<string>());
        Assert.Equal(12, (await LevelAsync("T-1"))["onHand"]!.GetValue<int>());
        Assert.Equal(8, (await LevelAsync("T-1", "WH2"))["incoming"]!.GetValue<int>());

        var received = (await Clerk.QueryAsync($$"""mutation { receiveTransfer(id: "{{id}}") { transfer { status } userErrors { code } } }"""))["receiveTransfer"]!;
        Assert.Equal("RECEIVED", received["transfer"]!["status"]!.GetValue<string>());
        var destination = await LevelAsync("T-1", "WH2");
        Assert.Equal(8, destination["onHand"]!.GetValue<int>());
        Assert.Equal(0, destination["incoming"]!.GetValue<int>());

        var drift = (await App.GraphQL(Tenant, "Admin").QueryAsync("mutation { reconcileStock { levelsChecked drifts { sku } } }"))["reconcileStock"]!;
        Assert.Equal(2, drift["levelsChecked"]!.GetValue<int>());
        Assert.Empty(drift["drifts"]!.AsArray());
    }
}
