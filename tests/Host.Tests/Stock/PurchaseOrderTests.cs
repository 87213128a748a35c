using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Stock;

/// <summary>Purchase orders feed stock: ordered quantities are incoming, receipts move them to onHand, closing drops the rest.</summary>
public sealed class PurchaseOrderTests(HostFixture fixture) : StockTest(fixture)
{

    private GraphQLClient Clerk => App.GraphQL(Tenant, "Clerk");

    private static string[] Codes(JsonNode payload) => payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();

    private async Task<JsonNode> LevelAsync(string sku) =>
        (await App.GraphQL(Tenant, "Viewer").QueryAsync("query($sku: String!) { stockLevel(sku: $sku, warehouseCode: \"MAIN\") { onHand incoming available } }", new { sku }))["stockLevel"]!;

    private async Task<JsonNode> ReceiveAsync(string id, object lines, string? key = null) =>
        (await Clerk.QueryAsync("mutation($id: ID!, $lines: [PurchaseOrderLineInput!]!, $key: String) { receivePurchaseOrder(id: $id, lines: $lines, idempotencyKey: $key) { purchaseOrder { status lines { sku received remaining } } replayed userErrors { code field message } } }",
            new { id, lines, key }))["receivePurchaseOrder"]!;

    [Fact]
    public async Task PurchaseOrder_AddsIncoming_PartialReceiptsLandOnHand_AndClosingDropsTheRest()
    {
        await App.ProductsAsync(Tenant, "P-1", "P-2");
        var created = (await Clerk.QueryAsync("""
            mutation { createPurchaseOrder(input: { supplier: "ACME", warehouseCode: "MAIN", lines: [{ sku: "P-1", quantity: 50 }, { sku: "P-2", quantity: 10 }] }) {
              purchaseOrder { id status reference lines { sku quantity remaining } } userErrors { code field message } } }
            """))["createPurchaseOrder"]!;
        Assert.Empty(Codes(created));
        var id = created["purchaseOrder"]!["id"]!.GetValue<string>();
        Assert.Equal(50, (await LevelAsync("P-1"))["incoming"]!.GetValue<int>());

        var partial = await ReceiveAsync(id, new[] { new { sku = "p-1", quantity = 20 } }, "rcpt-1");
        Assert.Equal("PARTIALLY_RECEIVED", partial["purchaseOrder"]!["status"]!.GetValue<string>());
        var level = await LevelAsync("P-1");
        Assert.Equal(20, level["onHand"]!.GetValue<int>());
        Assert.Equal(30, level["incoming"]!.GetValue<int>());
        Assert.True((await ReceiveAsync(id, new[] { new { sku = "p-1", quantity = 20 } }, "rcpt-1"))["replayed"]!.GetValue<bool>()); // a retry is one receipt
        Assert.Equal(20, (await LevelAsync("P-1"))["onHand"]!.GetValue<int>());

        var over = await ReceiveAsync(id, new[] { new { sku = "P-2", quantity = 11 } });
        Assert.Equal(["OVER_RECEIPT"], Codes(over));
        Assert.Equal("lines[0].quantity", over["userErrors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(["UNKNOWN_SKU"], Codes(await ReceiveAsync(id, new[] { new { sku = "NOT-ON-IT", quantity = 1 } })));
        Assert.Equal(["INVALID_QUANTITY"], Codes(await ReceiveAsync(id, new[] { new { sku = "P-2", quantity = 0 } })));

        var closed = (await Clerk.QueryAsync($$"""mutation { closePurchaseOrder(id: "{{id}}") { purchaseOrder { status } userErrors { code } } }"""))["closePurchaseOrder"]!;
        Assert.Equal("CLOSED", closed["purchaseOrder"]!["status"]!.GetValue<string>());
        Assert.Equal(0, (await LevelAsync("P-1"))["incoming"]!.GetValue<int>());
        Assert.Equal(0, (await LevelAsync("P-2"))["incoming"]!.GetValue<int>());
        Assert.Equal(["INVALID_STATUS"], Codes(await ReceiveAsync(id, new[] { new { sku = "P-1", quantity = 1 } })));

        var ledger = (await App.GraphQL(Tenant, "Viewer").QueryAsync("query($ref: String!) { stockMovements(filter: { reference: $ref }) { nodes { reason sku } } }", new { @ref = $"po:{id}" }))["stockMovements"]!["nodes"]!.AsArray();
        Assert.Equal(["PURCHASE_CLOSED", "PURCHASE_CLOSED", "RECEIVED", "PURCHASE_ORDERED", "PURCHASE_ORDERED"], ledger.Select(n => n!["reason"]!.GetValue<string>()).ToArray());
        var drift = (await App.GraphQL(Tenant, "Admin").QueryAsync("mutation { reconcileStock { drifts { sku } } }"))["reconcileStock"]!;
        Assert.Empty(drift["drifts"]!.AsArray());
    }

    [Fact]
    public async Task OverReceipt_IsAccepted_WhenTheTenantAllowsIt_AndBadOrdersAreRefused()
    {
        await App.ProductsAsync(Tenant, "P-3");
        await App.GraphQL(Tenant, "Manager").QueryAsync("mutation { configureAllocation(input: { allowOverReceipt: true }) { userErrors { code } } }");
        var id = (await Clerk.QueryAsync("""mutation { createPurchaseOrder(input: { supplier: "S", warehouseCode: "MAIN", lines: [{ sku: "P-3", quantity: 5 }] }) { purchaseOrder { id } } }"""))
            ["createPurchaseOrder"]!["purchaseOrder"]!["id"]!.GetValue<string>();
        var received = await ReceiveAsync(id, new[] { new { sku = "P-3", quantity = 7 } });
        Assert.Equal("RECEIVED", received["purchaseOrder"]!["status"]!.GetValue<string>());
        var level = await LevelAsync("P-3");
        Assert.Equal(7, level["onHand"]!.GetValue<int>());
        Assert.Equal(0, level["incoming"]!.GetValue<int>());

        var bad = (await Clerk.QueryAsync("""
            mutation { createPurchaseOrder(input: { supplier: " ", warehouseCode: "NOWHERE", lines: [{ sku: "P-3", quantity: 0 }] }) { purchaseOrder { id } userErrors { code field } } }
            """))["createPurchaseOrder"]!;
        Assert.Equal(["VALIDATION", "INVALID_QUANTITY"], Codes(bad));
        var unknown = (await Clerk.QueryAsync("""
            mutation { createPurchaseOrder(input: { supplier: "S", warehouseCode: "NOWHERE", lines: [{ sku: "NOPE", quantity: 1 }] }) { purchaseOrder { id } userErrors { code field } } }
            """))["createPurchaseOrder"]!;
        Assert.Equal(["UNKNOWN_SKU", "UNKNOWN_WAREHOUSE"], Codes(unknown));
        Assert.Equal(1, (await App.GraphQL(Tenant, "Viewer").QueryAsync("{ purchaseOrders { totalCount } }"))["purchaseOrders"]!["totalCount"]!.GetValue<int>());
    }
}
