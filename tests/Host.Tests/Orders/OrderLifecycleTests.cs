using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Orders;

/// <summary>Confirm, ship, cancel and hold expiry: Orders moves the status, Stock follows through events.</summary>
public sealed class OrderLifecycleTests(HostFixture fixture) : HostTest(fixture)
{
    private string Tenant => App.Tenants[0];

    private static string[] Codes(JsonNode payload) => payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();

    private async Task<string> PlaceAsync(string sku, int quantity, int? holdSeconds = null)
    {
        var placed = (await App.GraphQL(Tenant, "Clerk").QueryAsync(
            "mutation($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) { order { id } userErrors { code } } }",
            new { input = new { customerReference = "c-1", lines = new[] { new { sku, quantity } }, holdSeconds }, key = Guid.NewGuid().ToString() }))["placeOrder"]!;
        Assert.Empty(Codes(placed));
        return placed["order"]!["id"]!.GetValue<string>();
    }

    private async Task<JsonNode> OrderAsync(string id) =>
        (await App.GraphQL(Tenant, "Viewer").QueryAsync("query($id: ID!) { order(id: $id) { id status rejectionReason } }", new { id }))["order"]!;

    private Task<JsonNode> StatusAsync(string id, string status) =>
        Eventually.WaitAsync(() => OrderAsync(id), o => o["status"]!.GetValue<string>() == status, what: $"order {id} to be {status}");

    private async Task<JsonNode> MoveAsync(string mutation, string id) =>
        (await App.GraphQL(Tenant, "Clerk").QueryAsync($"mutation($id: ID!) {{ {mutation}(id: $id) {{ order {{ status }} userErrors {{ code field message }} }} }}", new { id }))[mutation]!;

    private async Task<JsonNode> LevelAsync(string sku) =>
        (await App.GraphQL(Tenant, "Viewer").QueryAsync("query($sku: String!) { stockLevel(sku: $sku, warehouseCode: \"MAIN\") { onHand reserved committed available } }", new { sku }))["stockLevel"]!;

    private Task<JsonNode> LevelWhenAsync(string sku, Func<JsonNode, bool> done, string what) =>
        Eventually.WaitAsync(() => LevelAsync(sku), done, what: what);

    [Fact]
    public async Task ConfirmThenShip_CommitsThenShipsTheHeldStock_WithTheOrderAsReference()
    {
        await App.ProductsAsync(Tenant, "L-1");
        await App.ReceiveAsync(Tenant, "L-1", 10);
        var id = await PlaceAsync("L-1", 4);
        await StatusAsync(id, "RESERVED");

        Assert.Equal(["INVALID_STATUS"], Codes(await MoveAsync("shipOrder", id))); // not confirmed yet
        Assert.Equal("CONFIRMED", (await MoveAsync("confirmOrder", id))["order"]!["status"]!.GetValue<string>());
        Assert.Equal("CONFIRMED", (await MoveAsync("confirmOrder", id))["order"]!["status"]!.GetValue<string>()); // a retry is safe
        await LevelWhenAsync("L-1", l => l["committed"]!.GetValue<int>() == 4 && l["reserved"]!.GetValue<int>() == 0, "the stock to be committed");

        Assert.Equal("SHIPPED", (await MoveAsync("shipOrder", id))["order"]!["status"]!.GetValue<string>());
        var level = await LevelWhenAsync("L-1", l => l["onHand"]!.GetValue<int>() == 6, "the stock to leave");
        Assert.Equal(0, level["committed"]!.GetValue<int>());
        var shipped = (await App.GraphQL(Tenant, "Viewer").QueryAsync(
            "query($ref: String!) { stockMovements(filter: { reason: SHIPPED, reference: $ref }) { totalCount nodes { quantityDeltas { name delta } } } }",
            new { @ref = $"order:{id}" }))["stockMovements"]!;
        Assert.Equal(1, shipped["totalCount"]!.GetValue<int>());
        Assert.Equal(["INVALID_STATUS"], Codes(await MoveAsync("cancelOrder", id)));
    }

    [Fact]
    public async Task Cancel_ReleasesWhatIsHeldOrCommitted()
    {
        await App.ProductsAsync(Tenant, "C-1");
        await App.ReceiveAsync(Tenant, "C-1", 10);
        var held = await PlaceAsync("C-1", 3);
        var committed = await PlaceAsync("C-1", 2);
        await StatusAsync(held, "RESERVED");
        await StatusAsync(committed, "RESERVED");
        await MoveAsync("confirmOrder", committed);
        await LevelWhenAsync("C-1", l => l["committed"]!.GetValue<int>() == 2, "the second order to be committed");

        Assert.Equal("CANCELLED", (await MoveAsync("cancelOrder", held))["order"]!["status"]!.GetValue<string>());
        Assert.Equal("CANCELLED", (await MoveAsync("cancelOrder", committed))["order"]!["status"]!.GetValue<string>());
        var level = await LevelWhenAsync("C-1", l => l["reserved"]!.GetValue<int>() == 0 && l["committed"]!.GetValue<int>() == 0, "everything to be released");
        Assert.Equal(10, level["available"]!.GetValue<int>());
        Assert.Equal(["INVALID_STATUS"], Codes(await MoveAsync("confirmOrder", held)));
        Assert.Equal(["NOT_FOUND"], Codes(await MoveAsync("confirmOrder", Guid.NewGuid().ToString())));
    }

    [Fact]
    public async Task AnOrderLeftReservedPastItsHold_IsCancelled_AndItsStockReturns()
    {
        await App.ProductsAsync(Tenant, "H-1");
        await App.ReceiveAsync(Tenant, "H-1", 5);
        var id = await PlaceAsync("H-1", 5, holdSeconds: 1);

        var cancelled = await StatusAsync(id, "CANCELLED"); // the expiry job runs every second in these tests
        Assert.StartsWith("HOLD_EXPIRED", cancelled["rejectionReason"]!.GetValue<string>());
        await LevelWhenAsync("H-1", l => l["available"]!.GetValue<int>() == 5, "the held stock to return");
        Assert.Equal(["INVALID_STATUS"], Codes(await MoveAsync("confirmOrder", id)));
    }
}
