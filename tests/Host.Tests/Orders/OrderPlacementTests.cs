using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Orders;

/// <summary>Orders placed through the API, allocated by Stock through integration events (outbox, in-memory bus, PostgreSQL).</summary>
public sealed class OrderPlacementTests(HostFixture fixture) : HostTest(fixture)
{
    private string Tenant => App.Tenants[0];

    private static string[] Codes(JsonNode payload) => payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();

    private const string Place = """
        mutation($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) {
          order { id status customerReference } replayed userErrors { code field message } } }
        """;

    private async Task<JsonNode> PlaceAsync(object input, string? key = null) =>
        (await App.GraphQL(Tenant, "Clerk").QueryAsync(Place, new { input, key = key ?? Guid.NewGuid().ToString() }))["placeOrder"]!;

    private async Task<JsonNode> SettledAsync(string id) =>
        await Eventually.WaitAsync(async () => (await App.GraphQL(Tenant, "Viewer").QueryAsync(
                "query($id: ID!) { order(id: $id) { id status rejectionReason reservationId holdExpiresAt lines { lineNumber sku quantity rejectionReason allocations { warehouseCode quantity } } } }",
                new { id }))["order"]!,
            o => o["status"]!.GetValue<string>() != "PENDING", what: $"order {id} to settle");

    private async Task<JsonNode> LevelAsync(string sku, string warehouse) =>
        (await App.GraphQL(Tenant, "Viewer").QueryAsync("query($sku: String!, $wh: String!) { stockLevel(sku: $sku, warehouseCode: $wh) { onHand reserved available } }",
            new { sku, wh = warehouse }))["stockLevel"]!;

    private static string Allocations(JsonNode line) =>
        string.Join(",", line["allocations"]!.AsArray().Select(a => $"{a!["warehouseCode"]}:{a["quantity"]}"));

    [Fact]
    public async Task PlacedOrder_IsPendingAtOnce_ThenReservedThroughStock_SplitByWarehousePriority()
    {
        await App.ProductsAsync(Tenant, "O-1", "O-2");
        await App.WarehouseAsync(Tenant, "NEAR", priority: 10);
        await App.ReceiveAsync(Tenant, "O-1", 3);          // MAIN, priority 100
        await App.ReceiveAsync(Tenant, "O-1", 4, "NEAR");
        await App.ReceiveAsync(Tenant, "O-2", 5);

        var placed = await PlaceAsync(new { customerReference = "c-9", lines = new object[] { new { sku = "O-1", quantity = 6 }, new { sku = "O-2", quantity = 2 } } });
        Assert.Empty(Codes(placed));
        Assert.Equal("PENDING", placed["order"]!["status"]!.GetValue<string>());

        var order = await SettledAsync(placed["order"]!["id"]!.GetValue<string>());
        Assert.Equal("RESERVED", order["status"]!.GetValue<string>());
        Assert.NotNull(order["reservationId"]);
        Assert.Equal("NEAR:4,MAIN:2", Allocations(order["lines"]![0]!));
        Assert.Equal("MAIN:2", Allocations(order["lines"]![1]!));
        Assert.Equal(0, (await LevelAsync("O-1", "NEAR"))["available"]!.GetValue<int>());
        Assert.Equal(2, (await LevelAsync("O-1", "MAIN"))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task PreferSingleWarehouse_TakesTheWholeOrderFromOneWarehouse_WhenOneCanCoverIt()
    {
        await App.ProductsAsync(Tenant, "S-1");
        await App.WarehouseAsync(Tenant, "NEAR", priority: 10);
        await App.ReceiveAsync(Tenant, "S-1", 10);
        await App.ReceiveAsync(Tenant, "S-1", 4, "NEAR");
        var configured = (await App.GraphQL(Tenant, "Manager").QueryAsync(
            "mutation { configureAllocation(input: { preferSingleWarehouse: true }) { allocationSettings { strategy preferSingleWarehouse } userErrors { code } } }"))["configureAllocation"]!;
        Assert.True(configured["allocationSettings"]!["preferSingleWarehouse"]!.GetValue<bool>());

        var simulated = (await App.GraphQL(Tenant, "Viewer").QueryAsync(
            """{ simulateAllocation(lines: [{ sku: "S-1", quantity: 6 }]) { feasible allocations { sku warehouseCode quantity why } failures { reason } } }"""))["simulateAllocation"]!;
        Assert.True(simulated["feasible"]!.GetValue<bool>());
        Assert.Equal("MAIN", simulated["allocations"]![0]!["warehouseCode"]!.GetValue<string>());
        Assert.Equal(0, (await LevelAsync("S-1", "MAIN"))["reserved"]!.GetValue<int>()); // a dry run changes nothing

        var order = await SettledAsync((await PlaceAsync(new { customerReference = "c-1", lines = new[] { new { sku = "S-1", quantity = 6 } } }))["order"]!["id"]!.GetValue<string>());
        Assert.Equal("MAIN:6", Allocations(order["lines"]![0]!));
    }

    [Fact]
    public async Task OrderThatCannotBeCovered_IsRejectedWithAReasonPerLine_AndReservesNothing()
    {
        await App.ProductsAsync(Tenant, "R-1", "R-2");
        await App.ReceiveAsync(Tenant, "R-1", 7);
        await App.ReceiveAsync(Tenant, "R-2", 7);

        var order = await SettledAsync((await PlaceAsync(new { customerReference = "c-2", lines = new object[] {
            new { sku = "R-2", quantity = 1 }, new { sku = "R-1", quantity = 50 }, new { sku = "NOPE", quantity = 1 } } }))["order"]!["id"]!.GetValue<string>());

        Assert.Equal("REJECTED", order["status"]!.GetValue<string>());
        Assert.Equal("UNKNOWN_SKU", order["lines"]![2]!["rejectionReason"]!.GetValue<string>());
        Assert.Equal(0, (await LevelAsync("R-2", "MAIN"))["reserved"]!.GetValue<int>());

        var short_ = await SettledAsync((await PlaceAsync(new { customerReference = "c-2", lines = new object[] {
            new { sku = "R-2", quantity = 1 }, new { sku = "R-1", quantity = 50 } } }))["order"]!["id"]!.GetValue<string>());
        Assert.Equal("REJECTED", short_["status"]!.GetValue<string>());
        Assert.Equal("INSUFFICIENT_STOCK", short_["lines"]![1]!["rejectionReason"]!.GetValue<string>());
        Assert.Contains("7 available", short_["rejectionReason"]!.GetValue<string>());
        Assert.Equal(0, (await LevelAsync("R-2", "MAIN"))["reserved"]!.GetValue<int>()); // all or nothing
    }

    [Fact]
    public async Task PlaceOrder_RetriedWithItsKey_IsOneOrder_AndTheKeyWithOtherLinesIsRefused()
    {
        await App.ProductsAsync(Tenant, "K-1");
        await App.ReceiveAsync(Tenant, "K-1", 10);
        var input = new { customerReference = "c-3", lines = new[] { new { sku = "K-1", quantity = 2 } } };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PlaceAsync(input, "order-key-1")));
        Assert.Single(results.Select(r => r["order"]!["id"]!.GetValue<string>()).Distinct());
        Assert.Equal(7, results.Count(r => r["replayed"]!.GetValue<bool>()));
        var order = await SettledAsync(results[0]["order"]!["id"]!.GetValue<string>());
        Assert.Equal("RESERVED", order["status"]!.GetValue<string>());
        Assert.Equal(2, (await LevelAsync("K-1", "MAIN"))["reserved"]!.GetValue<int>());

        var reused = await PlaceAsync(new { customerReference = "c-3", lines = new[] { new { sku = "K-1", quantity = 3 } } }, "order-key-1");
        Assert.Equal(["IDEMPOTENCY_KEY_REUSED"], Codes(reused));
        var count = (await App.GraphQL(Tenant, "Viewer").QueryAsync("{ orders { totalCount } }"))["orders"]!["totalCount"]!.GetValue<int>();
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task PlaceOrder_WithBadInput_IsRefused_AndNothingIsPlaced()
    {
        var empty = await PlaceAsync(new { customerReference = " ", lines = Array.Empty<object>() });
        Assert.Equal(["VALIDATION", "TOO_MANY_LINES"], Codes(empty));
        var bad = await PlaceAsync(new { customerReference = "c", lines = new object[] { new { sku = "A", quantity = 0 }, new { sku = "a", quantity = 1 } }, holdSeconds = 0 });
        Assert.Equal(["input.lines[0].quantity", "input.lines", "input.holdSeconds"], bad["userErrors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToArray());
        Assert.Equal(["INVALID_QUANTITY", "DUPLICATE_LINE", "INVALID_HOLD"], Codes(bad));
        var blankKey = await PlaceAsync(new { customerReference = "c", lines = new[] { new { sku = "A", quantity = 1 } } }, " ");
        Assert.Equal(["INVALID_IDEMPOTENCY_KEY"], Codes(blankKey));
        Assert.Equal(0, (await App.GraphQL(Tenant, "Viewer").QueryAsync("{ orders { totalCount } }"))["orders"]!["totalCount"]!.GetValue<int>());
    }
}
