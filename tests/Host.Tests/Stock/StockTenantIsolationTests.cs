using Inventory.TestKit;
using Xunit;
using static Inventory.Host.Tests.Stock.StockApi;

namespace Inventory.Host.Tests.Stock;

/// <summary>One tenant's stock, ledger, reservations and idempotency keys are invisible to, and untouchable by, another.</summary>
public sealed class StockTenantIsolationTests(HostFixture fixture) : StockTest(fixture)
{
    private string A => App.Tenants[0];
    private string B => App.Tenants[1];

    [Fact]
    public async Task TenantAsStockWrites_NeverShowInTenantB()
    {
        await App.ProductsAsync(A, "SHARED-1", "A-ONLY");
        await App.ProductsAsync(B, "SHARED-1");
        var clerkA = App.GraphQL(A, "Clerk");
        var clerkB = App.GraphQL(B, "Clerk");
        await clerkA.MutateAsync("receiveStock", Receive, new { input = new { sku = "SHARED-1", warehouseCode = "MAIN", quantity = 50, reference = "po:a" }, key = "shared-key" });
        await App.ReceiveAsync(A, "A-ONLY", 5);
        var reservation = await clerkA.MutateAsync("reserveStock", Reserve,
            new { input = new { lines = new[] { new { sku = "SHARED-1", warehouseCode = "MAIN", quantity = 7 } }, reference = "cart:a" }, key = "a-reserve" });
        var reservationId = reservation["reservation"]!.Str("id");

        // B uses the same key for its own request: keys are per tenant, so it is applied, not refused nor replayed.
        var receivedB = await clerkB.MutateAsync("receiveStock", Receive, new { input = new { sku = "SHARED-1", warehouseCode = "MAIN", quantity = 3 }, key = "shared-key" });
        Assert.True(Ok(receivedB), receivedB.ToJsonString());
        Assert.False(receivedB["replayed"]!.GetValue<bool>());
        Assert.Equal(3, receivedB["stockLevel"]!.Int("onHand"));

        var viewerB = App.GraphQL(B, "Viewer");
        var levels = (await viewerB.QueryAsync("{ stockLevels(first: 50) { totalCount nodes { sku warehouseCode onHand reserved } } }"))["stockLevels"]!;
        Assert.Equal(1, levels.Int("totalCount"));
        Assert.Equal("""[{"sku":"SHARED-1","warehouseCode":"MAIN","onHand":3,"reserved":0}]""", levels["nodes"]!.ToJsonString());
        Assert.Null((await viewerB.QueryAsync("""{ stockLevel(sku: "A-ONLY", warehouseCode: "MAIN") { onHand } }"""))["stockLevel"]);

        var movements = (await viewerB.QueryAsync("{ stockMovements(first: 50) { totalCount nodes { sku reason reference quantityDeltas { delta } } } }"))["stockMovements"]!;
        Assert.Equal(1, movements.Int("totalCount"));
        Assert.Equal("""[{"sku":"SHARED-1","reason":"RECEIVED","reference":null,"quantityDeltas":[{"delta":3}]}]""", movements["nodes"]!.ToJsonString());
        var byReservation = (await viewerB.QueryAsync("query($id: ID!) { stockMovements(first: 5, filter: { reservationId: $id }) { totalCount } }", new { id = reservationId }))["stockMovements"]!;
        Assert.Equal(0, byReservation.Int("totalCount"));

        Assert.Equal(0, (await viewerB.QueryAsync("{ reservations(first: 50) { totalCount } }"))["reservations"]!.Int("totalCount"));
        Assert.Null((await viewerB.QueryAsync("query($id: ID!) { reservation(id: $id) { id } }", new { id = reservationId }))["reservation"]);
        var released = await clerkB.MutateAsync("releaseReservation", Transition("releaseReservation"), new { id = reservationId });
        Assert.Equal(["NOT_FOUND"], Codes(released));

        // A's side is as A left it.
        var levelA = await App.LevelAsync(A, "SHARED-1");
        Assert.Equal((50, 7), (levelA.Int("onHand"), levelA.Int("reserved")));
        Assert.Equal(2, (await App.GraphQL(A, "Viewer").QueryAsync("{ stockLevels(first: 50) { totalCount } }"))["stockLevels"]!.Int("totalCount"));
        Assert.Equal("HELD", (await App.GraphQL(A, "Viewer").QueryAsync("query($id: ID!) { reservation(id: $id) { status } }", new { id = reservationId }))["reservation"]!.Str("status"));
        // And nothing of A's went out in B's events.
        Assert.Equal(0, await App.CountAsync(B, "SELECT count(*) FROM stock.outbox_messages WHERE payload LIKE '%A-ONLY%' OR payload LIKE '%' || $1 || '%' OR payload LIKE '%cart:a%'", reservationId));
    }
}
