using System.Text.Json.Nodes;
using Inventory.TestKit;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Stock;

/// <summary>
/// Every stock mutation's bad input: each is refused with a stable code on the input field it concerns, as a
/// user error (never a GraphQL error), and writes nothing: no level, ledger entry, reservation, transfer or
/// idempotency key changes.
/// </summary>
public sealed class StockValidationTests(HostFixture fixture) : HostTest(fixture)
{
    private const string Receive = "mutation($input: ReceiveStockInput!, $key: String!) { receiveStock(input: $input, idempotencyKey: $key) { stockLevel { onHand } replayed userErrors { code field message } } }";
    private const string Adjust = "mutation($input: AdjustStockInput!, $key: String!) { adjustStock(input: $input, idempotencyKey: $key) { stockLevel { onHand } replayed userErrors { code field message } } }";
    private const string Set = "mutation($input: SetStockInput!, $key: String!) { setStock(input: $input, idempotencyKey: $key) { stockLevel { onHand } replayed userErrors { code field message } } }";
    private const string Move = "mutation($input: MoveStockInput!, $key: String!) { moveStock(input: $input, idempotencyKey: $key) { stockLevel { onHand damaged } replayed userErrors { code field message } } }";
    private const string Configure = "mutation($input: ConfigureStockLevelInput!) { configureStockLevel(input: $input) { stockLevel { reorderPoint } userErrors { code field message } } }";
    private const string Reserve = "mutation($input: ReserveStockInput!, $key: String!) { reserveStock(input: $input, idempotencyKey: $key) { reservation { id status } replayed userErrors { code field message } } }";
    private const string CreateTransfer = "mutation($input: CreateTransferInput!, $key: String!) { createTransfer(input: $input, idempotencyKey: $key) { transfer { id status } replayed userErrors { code field message } } }";
    private const string Extend = "mutation($id: ID!, $ttl: Int!, $key: String) { extendReservation(id: $id, ttlSeconds: $ttl, idempotencyKey: $key) { reservation { id status } replayed userErrors { code field message } } }";

    private static string Transition(string mutation, string payload) =>
        $"mutation($id: ID!, $key: String) {{ {mutation}(id: $id, idempotencyKey: $key) {{ {payload} {{ id status }} replayed userErrors {{ code field message }} }} }}";

    private static readonly string LongKey = new('k', 101);

    private string Tenant => App.Tenants[0];

    /// <summary>Ids of the reservations and transfers made by <see cref="WorldAsync"/> and <see cref="TransfersAsync"/>, by status.</summary>
    private readonly Dictionary<string, string> _ids = [];

    // ----------------------------------------------------------------------------------------------
    // receiveStock, adjustStock, setStock, moveStock, configureStockLevel
    // ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task ReceiveStock_BadInput_IsRefused()
    {
        await WorldAsync();
        await AllRefusedAsync(Receive, """{ "sku": "V-1", "warehouseCode": "MAIN", "quantity": 1 }""",
            ("""{ "quantity": 0 }""", null, "INVALID_QUANTITY", "input.quantity"),
            ("""{ "quantity": -5 }""", null, "INVALID_QUANTITY", "input.quantity"),
            ("""{ "quantity": 500000001 }""", null, "INVALID_QUANTITY", "input.quantity"),
            ("""{ "quantity": 499999995 }""", null, "QUANTITY_LIMIT", "input.quantity"),
            ("""{ "sku": "NOPE" }""", null, "UNKNOWN_SKU", "input.sku"),
            ("""{ "sku": "  " }""", null, "UNKNOWN_SKU", "input.sku"),
            ("""{ "sku": "GONE" }""", null, "PRODUCT_DISCONTINUED", "input.sku"),
            ("""{ "warehouseCode": "NOWHERE" }""", null, "UNKNOWN_WAREHOUSE", "input.warehouseCode"),
            ("""{ "warehouseCode": "" }""", null, "UNKNOWN_WAREHOUSE", "input.warehouseCode"),
            ("""{ "warehouseCode": "old" }""", null, "WAREHOUSE_INACTIVE", "input.warehouseCode"),
            ("{}", "", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            ("{}", "   ", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            ("{}", LongKey, "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"));
    }

    [Fact]
    public async Task AdjustStock_BadInput_IsRefused()
    {
        await WorldAsync();
        await AllRefusedAsync(Adjust, """{ "sku": "V-1", "warehouseCode": "MAIN", "delta": -1, "reason": "SHRINKAGE" }""",
            ("""{ "delta": 0 }""", null, "INVALID_QUANTITY", "input.delta"),
            ("""{ "delta": 500000001, "reason": "CORRECTION" }""", null, "INVALID_QUANTITY", "input.delta"),
            ("""{ "delta": -500000001 }""", null, "INVALID_QUANTITY", "input.delta"),
            ("""{ "reason": "RESERVED" }""", null, "REASON_NOT_ALLOWED", "input.reason"),
            ("""{ "reason": "CYCLE_COUNT" }""", null, "REASON_NOT_ALLOWED", "input.reason"),
            ("""{ "reason": "SHIPPED" }""", null, "REASON_NOT_ALLOWED", "input.reason"),
            ("""{ "delta": 1, "reason": "DAMAGED" }""", null, "REASON_NOT_ALLOWED", "input.reason"),
            ("""{ "delta": 1, "reason": "SHRINKAGE" }""", null, "REASON_NOT_ALLOWED", "input.reason"),
            ("""{ "delta": -1, "reason": "RETURNED" }""", null, "REASON_NOT_ALLOWED", "input.reason"),
            ("""{ "delta": -1, "reason": "RECEIVED" }""", null, "REASON_NOT_ALLOWED", "input.reason"),
            ("""{ "sku": "NOPE" }""", null, "UNKNOWN_SKU", "input.sku"),
            ("""{ "warehouseCode": "NOWHERE" }""", null, "UNKNOWN_WAREHOUSE", "input.warehouseCode"),
            // 10 on hand, 3 reserved, 2 committed: only 5 may go; what is promised is never adjusted away.
            ("""{ "delta": -6 }""", null, "INSUFFICIENT_STOCK", "input.delta"),
            ("""{ "delta": -6, "reason": "CORRECTION" }""", null, "INSUFFICIENT_STOCK", "input.delta"),
            ("""{ "delta": -11, "reason": "DAMAGED" }""", null, "INSUFFICIENT_STOCK", "input.delta"),
            ("""{ "delta": 499999991, "reason": "CORRECTION" }""", null, "QUANTITY_LIMIT", "input.delta"),
            // Received stock is inbound: not for a discontinued product or a deactivated warehouse.
            ("""{ "sku": "GONE", "delta": 1, "reason": "RECEIVED" }""", null, "PRODUCT_DISCONTINUED", "input.sku"),
            ("""{ "warehouseCode": "OLD", "delta": 1, "reason": "RECEIVED" }""", null, "WAREHOUSE_INACTIVE", "input.warehouseCode"),
            ("{}", "", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            ("{}", LongKey, "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"));
    }

    [Fact]
    public async Task SetStock_BadInput_IsRefused()
    {
        await WorldAsync();
        await AllRefusedAsync(Set, """{ "sku": "V-1", "warehouseCode": "MAIN", "onHand": 12, "changeFromQuantity": 10 }""",
            ("""{ "onHand": -1 }""", null, "INVALID_QUANTITY", "input.onHand"),
            ("""{ "onHand": 500000001 }""", null, "INVALID_QUANTITY", "input.onHand"),
            ("""{ "changeFromQuantity": -1 }""", null, "INVALID_QUANTITY", "input.changeFromQuantity"),
            ("""{ "changeFromQuantity": 500000001 }""", null, "INVALID_QUANTITY", "input.changeFromQuantity"),
            ("""{ "reason": "RECEIVED" }""", null, "REASON_NOT_ALLOWED", "input.reason"),
            ("""{ "reason": "DAMAGED" }""", null, "REASON_NOT_ALLOWED", "input.reason"),
            ("""{ "changeFromQuantity": 9 }""", null, "STALE", "input.onHand"),
            ("""{ "changeFromQuantity": 0 }""", null, "STALE", "input.onHand"),
            // Counting below what is reserved and committed (5) would take promised stock.
            ("""{ "onHand": 4 }""", null, "INSUFFICIENT_STOCK", "input.onHand"),
            ("""{ "sku": "NOPE" }""", null, "UNKNOWN_SKU", "input.sku"),
            ("""{ "warehouseCode": "NOWHERE" }""", null, "UNKNOWN_WAREHOUSE", "input.warehouseCode"),
            ("{}", "  ", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            ("{}", LongKey, "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"));
    }

    [Fact]
    public async Task MoveStock_BadInput_IsRefused()
    {
        await WorldAsync();
        await AllRefusedAsync(Move, """{ "sku": "V-1", "warehouseCode": "MAIN", "quantity": 1, "from": "AVAILABLE", "to": "DAMAGED" }""",
            ("""{ "to": "AVAILABLE" }""", null, "INVALID_MOVE", "input.to"),
            ("""{ "from": "DAMAGED" }""", null, "INVALID_MOVE", "input.to"),
            ("""{ "quantity": 0 }""", null, "INVALID_QUANTITY", "input.quantity"),
            ("""{ "quantity": -1 }""", null, "INVALID_QUANTITY", "input.quantity"),
            ("""{ "quantity": 500000001 }""", null, "INVALID_QUANTITY", "input.quantity"),
            // 5 are available (10 on hand, 3 reserved, 2 committed); nothing is damaged yet.
            ("""{ "quantity": 6 }""", null, "INSUFFICIENT_STOCK", "input.quantity"),
            ("""{ "from": "DAMAGED", "to": "AVAILABLE" }""", null, "INSUFFICIENT_STOCK", "input.quantity"),
            ("""{ "sku": "NOPE" }""", null, "UNKNOWN_SKU", "input.sku"),
            ("""{ "warehouseCode": "NOWHERE" }""", null, "UNKNOWN_WAREHOUSE", "input.warehouseCode"),
            ("{}", "", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            ("{}", LongKey, "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"));
    }

    [Fact]
    public async Task ConfigureStockLevel_BadInput_IsRefused()
    {
        await WorldAsync();
        await AllRefusedAsync(Configure, """{ "sku": "V-1", "warehouseCode": "MAIN", "reorderPoint": 3 }""",
            ("""{ "reorderPoint": -1 }""", NoKey, "INVALID_QUANTITY", "input.reorderPoint"),
            ("""{ "reorderPoint": 500000001 }""", NoKey, "INVALID_QUANTITY", "input.reorderPoint"),
            ("""{ "safetyStock": -1 }""", NoKey, "INVALID_QUANTITY", "input.safetyStock"),
            ("""{ "safetyStock": 500000001 }""", NoKey, "INVALID_QUANTITY", "input.safetyStock"),
            ("""{ "sku": "NOPE" }""", NoKey, "UNKNOWN_SKU", "input.sku"),
            ("""{ "warehouseCode": "NOWHERE" }""", NoKey, "UNKNOWN_WAREHOUSE", "input.warehouseCode"),
            ("""{ "warehouseCode": "-" }""", NoKey, "UNKNOWN_WAREHOUSE", "input.warehouseCode"));
    }

    [Fact]
    public async Task ConfigureStockLevel_TurningBackordersOff_WhileOverCommitted_IsRefused()
    {
        await WorldAsync();
        Assert.Empty(Errors(await MutateAsync(Configure, new { input = new { sku = "V-2", warehouseCode = "MAIN", allowBackorder = true } }, "Manager")));
        var backordered = await MutateAsync(Reserve, new { input = new { lines = new[] { new { sku = "V-2", warehouseCode = "MAIN", quantity = 3 } } }, key = "backorder" });
        Assert.Empty(Errors(backordered));
        Assert.Equal(-3, (await LevelAsync("V-2"))["available"]!.GetValue<int>());

        await RefusedAsync(Configure, new { input = new { sku = "V-2", warehouseCode = "MAIN", allowBackorder = false, reorderPoint = 7 } },
            "BACKORDERS_OUTSTANDING", "input.allowBackorder", role: "Manager");
        var level = await LevelAsync("V-2");
        Assert.True(level["allowBackorder"]!.GetValue<bool>());

        // Once the stock is there, backorders may go.
        await App.ReceiveAsync(Tenant, "V-2", 3);
        Assert.Empty(Errors(await MutateAsync(Configure, new { input = new { sku = "V-2", warehouseCode = "MAIN", allowBackorder = false } }, "Manager")));
        Assert.False((await LevelAsync("V-2"))["allowBackorder"]!.GetValue<bool>());
    }

    [Fact]
    public async Task WithBackordersAllowed_DamagedStock_StillNeverExceedsOnHand()
    {
        await WorldAsync();
        Assert.Empty(Errors(await MutateAsync(Configure, new { input = new { sku = "V-2", warehouseCode = "MAIN", allowBackorder = true } }, "Manager")));

        // Nothing on hand: nothing can be damaged, backorders or not.
        await RefusedAsync(Move, new { input = new { sku = "V-2", warehouseCode = "MAIN", quantity = 1, from = "AVAILABLE", to = "DAMAGED" }, key = "bo-1" },
            "INSUFFICIENT_STOCK", "input.quantity");
        await App.ReceiveAsync(Tenant, "V-2", 3);
        var damaged = await MutateAsync(Move, new { input = new { sku = "V-2", warehouseCode = "MAIN", quantity = 3, from = "AVAILABLE", to = "DAMAGED" }, key = "bo-2" });
        Assert.Empty(Errors(damaged));
        Assert.Equal(3, damaged["stockLevel"]!["damaged"]!.GetValue<int>());

        // On hand may not fall below what is damaged.
        await RefusedAsync(Adjust, new { input = new { sku = "V-2", warehouseCode = "MAIN", delta = -1, reason = "SHRINKAGE" }, key = "bo-3" }, "INSUFFICIENT_STOCK", "input.delta");
        await RefusedAsync(Set, new { input = new { sku = "V-2", warehouseCode = "MAIN", onHand = 2, changeFromQuantity = 3 }, key = "bo-4" }, "INSUFFICIENT_STOCK", "input.onHand");
        await RefusedAsync(Move, new { input = new { sku = "V-2", warehouseCode = "MAIN", quantity = 1, from = "AVAILABLE", to = "DAMAGED" }, key = "bo-5" },
            "INSUFFICIENT_STOCK", "input.quantity");

        // What backorders are for still works: reservations beyond what is available.
        var backordered = await MutateAsync(Reserve, new { input = new { lines = new[] { new { sku = "V-2", warehouseCode = "MAIN", quantity = 2 } } }, key = "bo-6" });
        Assert.Empty(Errors(backordered));
        var level = await LevelAsync("V-2");
        Assert.Equal((3, 3, 2, -2), (level["onHand"]!.GetValue<int>(), level["damaged"]!.GetValue<int>(), level["reserved"]!.GetValue<int>(), level["available"]!.GetValue<int>()));
    }

    // ----------------------------------------------------------------------------------------------
    // reserveStock
    // ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task ReserveStock_BadInput_IsRefused()
    {
        await WorldAsync();
        await App.ReceiveAsync(Tenant, "V-2", 1);
        static string Lines(params string[] lines) => $$"""{ "lines": [{{string.Join(", ", lines)}}] }""";
        static string Line(string sku, int quantity, string warehouse = "MAIN") => $$"""{ "sku": "{{sku}}", "warehouseCode": "{{warehouse}}", "quantity": {{quantity}} }""";
        await AllRefusedAsync(Reserve, Lines(Line("V-1", 1), Line("V-2", 1)),
            (Lines(Line("V-1", 1), Line("V-1", 0, "WH2")), null, "INVALID_QUANTITY", "input.lines[1].quantity"),
            (Lines(Line("V-1", 1), Line("V-1", -2, "WH2")), null, "INVALID_QUANTITY", "input.lines[1].quantity"),
            (Lines(Line("V-1", 500000001)), null, "INVALID_QUANTITY", "input.lines[0].quantity"),
            (Lines(Line("V-1", 1), Line("NOPE", 1)), null, "UNKNOWN_SKU", "input.lines[1].sku"),
            (Lines(Line("V-1", 1), Line("", 1)), null, "UNKNOWN_SKU", "input.lines[1].sku"),
            (Lines(Line("V-1", 1), Line("GONE", 1)), null, "PRODUCT_DISCONTINUED", "input.lines[1].sku"),
            (Lines(Line("V-1", 1), Line("V-1", 1, "NOWHERE")), null, "UNKNOWN_WAREHOUSE", "input.lines[1].warehouseCode"),
            (Lines(Line("V-1", 1, "OLD")), null, "WAREHOUSE_INACTIVE", "input.lines[0].warehouseCode"),
            ("""{ "ttlSeconds": 0 }""", null, "INVALID_TTL", "input.ttlSeconds"),
            ("""{ "ttlSeconds": 604801 }""", null, "INVALID_TTL", "input.ttlSeconds"),
            ("""{ "ttlSeconds": -1 }""", null, "INVALID_TTL", "input.ttlSeconds"),
            (Lines(), null, "TOO_MANY_LINES", "input.lines"),
            (Lines(Enumerable.Range(0, 101).Select(i => Line("V-1", 1)).ToArray()), null, "TOO_MANY_LINES", "input.lines"),
            (Lines(Line("V-1", 1), Line(" v-1 ", 2, "main")), null, "DUPLICATE_LINE", "input.lines"),
            // 5 of V-1 are available at MAIN; V-2 was never stocked at WH2. No line is half-reserved.
            (Lines(Line("V-2", 1), Line("V-1", 6)), null, "INSUFFICIENT_STOCK", "input.lines[1].quantity"),
            (Lines(Line("V-1", 1), Line("V-2", 1, "WH2")), null, "INSUFFICIENT_STOCK", "input.lines[1].quantity"),
            ("{}", "", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            ("{}", " ", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            ("{}", LongKey, "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"));
    }

    // ----------------------------------------------------------------------------------------------
    // releaseReservation, commitReservation, fulfilReservation, extendReservation
    // ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task ReservationTransitions_FromTheWrongStatus_UnknownOrWithABadKey_AreRefused()
    {
        await WorldAsync();
        const string Release = "releaseReservation", Commit = "commitReservation", Fulfil = "fulfilReservation";
        await AllTransitionsRefusedAsync("reservation",
            (Commit, "RELEASED", null, "INVALID_STATUS", "id"),
            (Commit, "FULFILLED", null, "INVALID_STATUS", "id"),
            (Fulfil, "HELD", null, "INVALID_STATUS", "id"),
            (Fulfil, "RELEASED", null, "INVALID_STATUS", "id"),
            (Release, "FULFILLED", null, "INVALID_STATUS", "id"),
            (Release, "not-a-guid", null, "NOT_FOUND", "id"),
            (Commit, "unknown", null, "NOT_FOUND", "id"),
            (Fulfil, "", null, "NOT_FOUND", "id"),
            (Release, "HELD", "", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            (Commit, "HELD", "   ", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            (Fulfil, "COMMITTED", LongKey, "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"));
    }

    [Fact]
    public async Task ExtendReservation_BadInput_IsRefused()
    {
        await WorldAsync();
        var cases = new (string Reservation, int Ttl, string? Key, string Code, string Field)[]
        {
            ("HELD", 0, null, "INVALID_TTL", "ttlSeconds"),
            ("HELD", 604801, null, "INVALID_TTL", "ttlSeconds"),
            ("HELD", -60, null, "INVALID_TTL", "ttlSeconds"),
            ("COMMITTED", 60, null, "INVALID_STATUS", "id"),
            ("RELEASED", 60, null, "INVALID_STATUS", "id"),
            ("not-a-guid", 60, null, "NOT_FOUND", "id"),
            ("unknown", 60, null, "NOT_FOUND", "id"),
            ("HELD", 60, "", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            ("HELD", 60, LongKey, "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
        };
        await EveryAsync(cases, c => $"extendReservation({c.Reservation}, {c.Ttl}, key '{c.Key}')",
            c => RefusedAsync(Extend, new { id = Id(c.Reservation), ttl = c.Ttl, key = c.Key }, c.Code, c.Field));
    }

    // ----------------------------------------------------------------------------------------------
    // createTransfer, shipTransfer, receiveTransfer, cancelTransfer
    // ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task CreateTransfer_BadInput_IsRefused()
    {
        await WorldAsync();
        static string Lines(params string[] lines) => $$"""{ "lines": [{{string.Join(", ", lines)}}] }""";
        static string Line(string sku, int quantity) => $$"""{ "sku": "{{sku}}", "quantity": {{quantity}} }""";
        await AllRefusedAsync(CreateTransfer, """{ "fromWarehouseCode": "MAIN", "toWarehouseCode": "WH2", "lines": [{ "sku": "V-1", "quantity": 1 }] }""",
            ("""{ "toWarehouseCode": "main" }""", null, "SAME_WAREHOUSE", "input.toWarehouseCode"),
            (Lines(Line("V-1", 1), Line("V-2", 0)), null, "INVALID_QUANTITY", "input.lines[1].quantity"),
            (Lines(Line("V-1", -1)), null, "INVALID_QUANTITY", "input.lines[0].quantity"),
            (Lines(Line("V-1", 500000001)), null, "INVALID_QUANTITY", "input.lines[0].quantity"),
            (Lines(Line("V-1", 1), Line("NOPE", 1)), null, "UNKNOWN_SKU", "input.lines[1].sku"),
            (Lines(Line("GONE", 1)), null, "PRODUCT_DISCONTINUED", "input.lines[0].sku"),
            ("""{ "fromWarehouseCode": "NOWHERE" }""", null, "UNKNOWN_WAREHOUSE", "input.fromWarehouseCode"),
            ("""{ "toWarehouseCode": "NOWHERE" }""", null, "UNKNOWN_WAREHOUSE", "input.toWarehouseCode"),
            ("""{ "toWarehouseCode": "OLD" }""", null, "WAREHOUSE_INACTIVE", "input.toWarehouseCode"),
            ("""{ "fromWarehouseCode": "OLD" }""", null, "WAREHOUSE_INACTIVE", "input.fromWarehouseCode"),
            (Lines(), null, "TOO_MANY_LINES", "input.lines"),
            (Lines(Enumerable.Range(0, 101).Select(i => Line($"V-{i}", 1)).ToArray()), null, "TOO_MANY_LINES", "input.lines"),
            (Lines(Line("V-1", 1), Line("v-1 ", 2)), null, "DUPLICATE_LINE", "input.lines"),
            ("{}", "", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            ("{}", LongKey, "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"));
    }

    [Fact]
    public async Task TransferTransitions_FromTheWrongStatus_UnknownOrWithABadKey_AreRefused()
    {
        await WorldAsync();
        await TransfersAsync();
        const string Ship = "shipTransfer", ReceiveTransfer = "receiveTransfer", Cancel = "cancelTransfer";
        await AllTransitionsRefusedAsync("transfer",
            (Ship, "T:RECEIVED", null, "INVALID_STATUS", "id"),
            (Ship, "T:CANCELLED", null, "INVALID_STATUS", "id"),
            (ReceiveTransfer, "T:DRAFT", null, "INVALID_STATUS", "id"),
            (ReceiveTransfer, "T:CANCELLED", null, "INVALID_STATUS", "id"),
            (Cancel, "T:RECEIVED", null, "INVALID_STATUS", "id"),
            // 5 of the 10 on hand at MAIN are reserved or committed: a transfer of 6 cannot ship.
            (Ship, "T:TOO_BIG", null, "INSUFFICIENT_STOCK", "id"),
            (Ship, "not-a-guid", null, "NOT_FOUND", "id"),
            (ReceiveTransfer, "unknown", null, "NOT_FOUND", "id"),
            (Cancel, "HELD", null, "NOT_FOUND", "id"),
            (Ship, "T:DRAFT", "", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            (ReceiveTransfer, "T:IN_TRANSIT", " ", "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
            (Cancel, "T:DRAFT", LongKey, "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"));
    }

    [Fact]
    public async Task ShipTransfer_ChecksAgainWhatCreatingItDid_ButStockInTransitStillLands()
    {
        await WorldAsync();
        await App.WarehouseAsync(Tenant, "WH3");
        await App.ReceiveAsync(Tenant, "V-2", 5);
        var draft = await TransferToAsync("WH3", 1);
        var inTransit = await TransferToAsync("WH3", 1, "shipTransfer");
        var draftOfV2 = (await MutateAsync(CreateTransfer, new
        {
            input = new { fromWarehouseCode = "MAIN", toWarehouseCode = "WH2", lines = new[] { new { sku = "V-2", quantity = 1 } } },
            key = Guid.NewGuid().ToString(),
        }))["transfer"]!["id"]!.GetValue<string>();

        var admin = App.GraphQL(Tenant, "Admin");
        await admin.QueryAsync("""mutation { deactivateWarehouse(input: { code: "WH3" }) { userErrors { code } } }""");
        await admin.QueryAsync("""mutation { discontinueProduct(input: { sku: "V-2" }) { userErrors { code } } }""");
        await App.DispatchOutboxAsync();
        await Eventually.WaitAsync(async () => Errors(await MutateAsync(Reserve, new
        {
            input = new { lines = new[] { new { sku = "V-2", warehouseCode = "MAIN", quantity = 1000 } } },
            key = Guid.NewGuid().ToString(),
        })).SequenceEqual([("PRODUCT_DISCONTINUED", "input.lines[0].sku")]), what: "Stock to learn that V-2 is discontinued");

        // Into a warehouse deactivated since the draft was made, or of a product discontinued since: nothing ships.
        await RefusedAsync(Transition("shipTransfer", "transfer"), new { id = draft, key = "ship-1" }, "WAREHOUSE_INACTIVE", "id");
        await RefusedAsync(Transition("shipTransfer", "transfer"), new { id = draftOfV2, key = "ship-2" }, "PRODUCT_DISCONTINUED", "id");

        // What is already on its way lands; drafts can still be cancelled.
        Assert.Empty(Errors(await MutateAsync(Transition("receiveTransfer", "transfer"), new { id = inTransit, key = (string?)null })));
        Assert.Equal(1, (await LevelAsync("V-1", "WH3"))["onHand"]!.GetValue<int>());
        Assert.Empty(Errors(await MutateAsync(Transition("cancelTransfer", "transfer"), new { id = draft, key = (string?)null })));
        Assert.Empty(Errors(await MutateAsync(Transition("cancelTransfer", "transfer"), new { id = draftOfV2, key = (string?)null })));
    }

    // ----------------------------------------------------------------------------------------------
    // Idempotency keys of failed writes, and roles
    // ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task AFailedWrite_StoresNoKey_SoTheSameKeyWithCorrectedInputSucceeds()
    {
        await WorldAsync();
        await TransfersAsync();
        var keys = await KeyCountAsync();

        // Refused by the guard in the write itself: nothing is stored under the key...
        await RefusedAsync(Transition("shipTransfer", "transfer"), new { id = Id("T:TOO_BIG"), key = "fix-1" }, "INSUFFICIENT_STOCK", "id");
        // ...nor when validation or the targets refuse it.
        await RefusedAsync(Receive, new { input = new { sku = "V-1", warehouseCode = "MAIN", quantity = 0 }, key = "fix-2" }, "INVALID_QUANTITY", "input.quantity");
        await RefusedAsync(Receive, new { input = new { sku = "NOPE", warehouseCode = "MAIN", quantity = 5 }, key = "fix-2" }, "UNKNOWN_SKU", "input.sku");
        var received = await MutateAsync(Receive, new { input = new { sku = "V-1", warehouseCode = "MAIN", quantity = 5 }, key = "fix-2" });
        Assert.Empty(Errors(received));
        Assert.False(received["replayed"]!.GetValue<bool>());
        Assert.Equal(15, received["stockLevel"]!["onHand"]!.GetValue<int>());

        // Now the stock is there, the transfer ships under the key it was refused under.
        var shipped = await MutateAsync(Transition("shipTransfer", "transfer"), new { id = Id("T:TOO_BIG"), key = "fix-1" });
        Assert.Empty(Errors(shipped));
        Assert.Equal("IN_TRANSIT", shipped["transfer"]!["status"]!.GetValue<string>());
        Assert.False(shipped["replayed"]!.GetValue<bool>());

        // 9 on hand, 3 reserved, 2 committed: 4 available.
        await RefusedAsync(Reserve, new { input = new { lines = new[] { new { sku = "V-1", warehouseCode = "MAIN", quantity = 5 } } }, key = "fix-3" },
            "INSUFFICIENT_STOCK", "input.lines[0].quantity");
        var reserved = await MutateAsync(Reserve, new { input = new { lines = new[] { new { sku = "V-1", warehouseCode = "MAIN", quantity = 4 } } }, key = "fix-3" });
        Assert.Empty(Errors(reserved));
        Assert.Equal("HELD", reserved["reservation"]!["status"]!.GetValue<string>());

        await RefusedAsync(Adjust, new { input = new { sku = "V-1", warehouseCode = "MAIN", delta = -1, reason = "SHRINKAGE" }, key = "fix-4" }, "INSUFFICIENT_STOCK", "input.delta");
        await RefusedAsync(Transition("releaseReservation", "reservation"), new { id = Id("FULFILLED"), key = "fix-4" }, "INVALID_STATUS", "id");
        var released = await MutateAsync(Transition("releaseReservation", "reservation"), new { id = reserved["reservation"]!["id"]!.GetValue<string>(), key = "fix-4" });
        Assert.Equal("RELEASED", released["reservation"]!["status"]!.GetValue<string>());

        Assert.Equal(keys + 4, await KeyCountAsync());
    }

    [Fact]
    public async Task AViewer_CannotWriteStock_AndAClerk_CannotConfigureLevelsOrReconcile()
    {
        await WorldAsync();
        await TransfersAsync();
        var writes = new[]
        {
            """mutation { receiveStock(input: { sku: "V-1", warehouseCode: "MAIN", quantity: 1 }, idempotencyKey: "role-1") { userErrors { code } } }""",
            """mutation { adjustStock(input: { sku: "V-1", warehouseCode: "MAIN", delta: 1, reason: CORRECTION }, idempotencyKey: "role-2") { userErrors { code } } }""",
            """mutation { setStock(input: { sku: "V-1", warehouseCode: "MAIN", onHand: 11, changeFromQuantity: 10 }, idempotencyKey: "role-3") { userErrors { code } } }""",
            """mutation { moveStock(input: { sku: "V-1", warehouseCode: "MAIN", quantity: 1, from: AVAILABLE, to: DAMAGED }, idempotencyKey: "role-4") { userErrors { code } } }""",
            """mutation { configureStockLevel(input: { sku: "V-1", warehouseCode: "MAIN", reorderPoint: 4 }) { userErrors { code } } }""",
            """mutation { reserveStock(input: { lines: [{ sku: "V-1", warehouseCode: "MAIN", quantity: 1 }] }, idempotencyKey: "role-5") { userErrors { code } } }""",
            """mutation { releaseReservation(id: "{HELD}") { userErrors { code } } }""",
            """mutation { commitReservation(id: "{HELD}") { userErrors { code } } }""",
            """mutation { fulfilReservation(id: "{COMMITTED}") { userErrors { code } } }""",
            """mutation { extendReservation(id: "{HELD}", ttlSeconds: 600) { userErrors { code } } }""",
            """mutation { createTransfer(input: { fromWarehouseCode: "MAIN", toWarehouseCode: "WH2", lines: [{ sku: "V-1", quantity: 1 }] }, idempotencyKey: "role-6") { userErrors { code } } }""",
            """mutation { shipTransfer(id: "{T:DRAFT}") { userErrors { code } } }""",
            """mutation { receiveTransfer(id: "{T:IN_TRANSIT}") { userErrors { code } } }""",
            """mutation { cancelTransfer(id: "{T:DRAFT}") { userErrors { code } } }""",
            """mutation { reconcileStock { levelsChecked } }""",
        };
        var clerkRefused = new[]
        {
            """mutation { configureStockLevel(input: { sku: "V-1", warehouseCode: "MAIN", reorderPoint: 4 }) { userErrors { code } } }""",
            """mutation { configureStockLevel(input: { sku: "V-1", warehouseCode: "MAIN", allowBackorder: true }) { userErrors { code } } }""",
            """mutation { reconcileStock { levelsChecked } }""",
            """{ stockDrift { levelsChecked } }""",
        };
        await EveryAsync(writes.Select(q => ("Viewer", q)).Concat(clerkRefused.Select(q => ("Clerk", q))), c => $"{c.Item1}: {c.Item2}",
            c => ForbiddenAsync(c.Item1, c.Item2));
    }

    // ----------------------------------------------------------------------------------------------
    // The world each test starts from
    // ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Products V-1, V-2 and GONE (discontinued); warehouses MAIN, WH2 and OLD (deactivated, holding 4 of V-1).
    /// V-1 at MAIN: 10 on hand, 3 reserved (a HELD reservation), 2 committed (a COMMITTED one), so 5 available;
    /// a RELEASED and a FULFILLED reservation of it exist too (the fulfilled one took 1 more: 11 were received).
    /// </summary>
    private async Task WorldAsync()
    {
        await App.ProductsAsync(Tenant, "V-1", "V-2", "GONE");
        await App.WarehouseAsync(Tenant, "WH2");
        await App.WarehouseAsync(Tenant, "OLD");
        await App.ReceiveAsync(Tenant, "V-1", 11);
        await App.ReceiveAsync(Tenant, "V-1", 4, "OLD");
        await App.ReceiveAsync(Tenant, "GONE", 4);
        var admin = App.GraphQL(Tenant, "Admin");
        await admin.QueryAsync("""mutation { deactivateWarehouse(input: { code: "OLD" }) { userErrors { code } } }""");
        await admin.QueryAsync("""mutation { discontinueProduct(input: { sku: "GONE" }) { userErrors { code } } }""");

        _ids["HELD"] = await ReserveAsync(3);
        _ids["COMMITTED"] = await ReserveAsync(2, "commitReservation");
        _ids["RELEASED"] = await ReserveAsync(1, "releaseReservation");
        _ids["FULFILLED"] = await ReserveAsync(1, "commitReservation", "fulfilReservation");
        _ids["unknown"] = Guid.NewGuid().ToString();
        _ids["not-a-guid"] = "not-a-guid";

        // Stock learns of the discontinuation through an event: wait until a write that fails either way names it.
        await App.DispatchOutboxAsync();
        await Eventually.WaitAsync(async () =>
        {
            var probe = await MutateAsync(Reserve, new { input = new { lines = new[] { new { sku = "GONE", warehouseCode = "MAIN", quantity = 1000 } } }, key = Guid.NewGuid().ToString() });
            return Errors(probe).SequenceEqual([("PRODUCT_DISCONTINUED", "input.lines[0].sku")]);
        }, what: "Stock to learn that GONE is discontinued");

        var level = await LevelAsync("V-1");
        Assert.Equal((10, 3, 2, 5), (level["onHand"]!.GetValue<int>(), level["reserved"]!.GetValue<int>(), level["committed"]!.GetValue<int>(), level["available"]!.GetValue<int>()));
    }

    /// <summary>Transfers of V-1 from MAIN to WH2: DRAFT, IN_TRANSIT, RECEIVED, CANCELLED, and a draft too big to ship (TOO_BIG).</summary>
    private async Task TransfersAsync()
    {
        _ids["T:DRAFT"] = await TransferAsync(1);
        _ids["T:IN_TRANSIT"] = await TransferAsync(1, "shipTransfer");
        _ids["T:RECEIVED"] = await TransferAsync(1, "shipTransfer", "receiveTransfer");
        _ids["T:CANCELLED"] = await TransferAsync(1, "cancelTransfer");
        _ids["T:TOO_BIG"] = await TransferAsync(6);
        await App.ReceiveAsync(Tenant, "V-1", 2); // back to 10 on hand at MAIN, 5 available
    }

    private async Task<string> ReserveAsync(int quantity, params string[] then)
    {
        var reserved = await MutateAsync(Reserve, new { input = new { lines = new[] { new { sku = "V-1", warehouseCode = "MAIN", quantity } } }, key = Guid.NewGuid().ToString() });
        Assert.Empty(Errors(reserved));
        var id = reserved["reservation"]!["id"]!.GetValue<string>();
        foreach (var step in then)
            Assert.Empty(Errors(await MutateAsync(Transition(step, "reservation"), new { id, key = (string?)null })));
        return id;
    }

    private Task<string> TransferAsync(int quantity, params string[] then) => TransferToAsync("WH2", quantity, then);

    private async Task<string> TransferToAsync(string to, int quantity, params string[] then)
    {
        var created = await MutateAsync(CreateTransfer, new
        {
            input = new { fromWarehouseCode = "MAIN", toWarehouseCode = to, lines = new[] { new { sku = "V-1", quantity } } },
            key = Guid.NewGuid().ToString(),
        });
        Assert.Empty(Errors(created));
        var id = created["transfer"]!["id"]!.GetValue<string>();
        foreach (var step in then)
            Assert.Empty(Errors(await MutateAsync(Transition(step, "transfer"), new { id, key = (string?)null })));
        return id;
    }

    // ----------------------------------------------------------------------------------------------
    // Helpers
    // ----------------------------------------------------------------------------------------------

    /// <summary>A case's key for a mutation that takes none (configureStockLevel): sent without a key, by a Manager.</summary>
    private const string NoKey = "(none)";

    /// <summary>
    /// Runs every case of one mutation (<paramref name="baseInput"/> with the case's top-level fields replaced),
    /// under the case's key (a fresh one when null; none at all for <see cref="NoKey"/>), and reports all that fail.
    /// </summary>
    private Task AllRefusedAsync(string mutation, string baseInput, params (string Overrides, string? Key, string Code, string Field)[] cases) =>
        EveryAsync(cases, c => $"{c.Overrides} key '{c.Key}' -> {c.Code} {c.Field}", c =>
        {
            var input = With(baseInput, c.Overrides);
            object variables = c.Key == NoKey ? new { input } : new { input, key = c.Key ?? Guid.NewGuid().ToString() };
            return RefusedAsync(mutation, variables, c.Code, c.Field, role: c.Key == NoKey ? "Manager" : "Clerk");
        });

    private Task AllTransitionsRefusedAsync(string payload, params (string Mutation, string Target, string? Key, string Code, string Field)[] cases) =>
        EveryAsync(cases, c => $"{c.Mutation}({c.Target}) key '{c.Key}' -> {c.Code}",
            c => RefusedAsync(Transition(c.Mutation, payload), new { id = Id(c.Target), key = c.Key ?? Guid.NewGuid().ToString() }, c.Code, c.Field));

    /// <summary>Checks every case (one at a time), then fails with all the cases that did not hold.</summary>
    private static async Task EveryAsync<T>(IEnumerable<T> cases, Func<T, string> describe, Func<T, Task> check)
    {
        var failures = new List<string>();
        foreach (var c in cases)
        {
            try
            {
                await check(c);
            }
            catch (Xunit.Sdk.XunitException ex)
            {
                failures.Add($"{describe(c)}:\n{ex.Message}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} case(s) failed:\n\n{string.Join("\n\n", failures)}");
    }

    private string Id(string name) => _ids.TryGetValue(name, out var id) ? id : name;

    private static JsonNode With(string baseInput, string overrides)
    {
        var input = JsonNode.Parse(baseInput)!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(overrides)!.AsObject())
            input[name] = value?.DeepClone();
        return input;
    }

    private static (string Code, string? Field)[] Errors(JsonNode payload) =>
        payload["userErrors"]!.AsArray().Select(e => (e!["code"]!.GetValue<string>(), e["field"]?.GetValue<string>())).ToArray();

    /// <summary>Runs a mutation that must answer without GraphQL errors; returns its payload.</summary>
    private async Task<JsonNode> MutateAsync(string mutation, object variables, string role = "Clerk")
    {
        var response = await App.GraphQL(Tenant, role).SendAsync(mutation, variables);
        Assert.True(response.Status == 200 && !response.HasErrors, $"HTTP {response.Status}: {response.Body?.ToJsonString()}");
        return response.Data!.AsObject().Single().Value!;
    }

    /// <summary>The mutation is refused with exactly this user error, answers no result, and changes nothing.</summary>
    private async Task RefusedAsync(string mutation, object variables, string code, string field, string role = "Clerk")
    {
        var before = await StateAsync();
        var payload = await MutateAsync(mutation, variables, role);
        Assert.Equal(new[] { (code, (string?)field) }, Errors(payload));
        Assert.All(payload.AsObject().Where(p => p.Key is not ("userErrors" or "replayed")), p => Assert.Null(p.Value));
        if (payload["replayed"] is { } replayed)
            Assert.False(replayed.GetValue<bool>());
        Assert.Equal(before, await StateAsync());
    }

    private async Task ForbiddenAsync(string role, string query)
    {
        var before = await StateAsync();
        foreach (var (name, id) in _ids)
            query = query.Replace($"{{{name}}}", id, StringComparison.Ordinal);
        var response = await App.GraphQL(Tenant, role).SendAsync(query);
        Assert.Equal("FORBIDDEN", response.FirstErrorCode);
        Assert.Null(response.Body?["data"]);
        Assert.Equal(before, await StateAsync());
    }

    /// <summary>Everything a stock write could change: levels, the ledger, reservations, transfers, idempotency keys, reconciliations.</summary>
    private async Task<string> StateAsync()
    {
        var data = await App.GraphQL(Tenant, "Admin").QueryAsync("""
            { stockLevels(first: 100) { totalCount nodes { sku warehouseCode onHand reserved committed damaged safetyStock incoming reorderPoint allowBackorder alertState version updatedAt } }
              stockMovements(first: 1) { totalCount nodes { id } }
              reservations(first: 100) { totalCount nodes { id status expiresAt updatedAt } }
              transfers(first: 100) { totalCount nodes { id status shippedAt receivedAt } }
              stockDrift { checkedAt } }
            """);
        return $"{data.ToJsonString()} keys: {await KeyCountAsync()}";
    }

    private async Task<long> KeyCountAsync()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(Tenant));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM stock.idempotency_keys", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<JsonNode> LevelAsync(string sku, string warehouseCode = "MAIN") =>
        (await App.GraphQL(Tenant, "Viewer").QueryAsync(
            "query($sku: String!, $wh: String!) { stockLevel(sku: $sku, warehouseCode: $wh) { onHand reserved committed damaged available allowBackorder } }",
            new { sku, wh = warehouseCode }))["stockLevel"]!;
}
