using System.Text.Json.Nodes;

namespace Inventory.TestKit;

/// <summary>Catalog products that Stock has learned (through the catalog's events), and stock to go with them.</summary>
public static class StockTestData
{
    /// <summary>Creates the products in the catalog and waits until Stock knows every one of them.</summary>
    public static async Task ProductsAsync(this InventoryApp app, string tenant, params string[] skus)
    {
        var client = app.GraphQL(tenant, "Admin");
        await app.WarehouseAsync(tenant, "MAIN");
        foreach (var sku in skus)
        {
            var created = await client.QueryAsync(
                "mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } userErrors { code message } } }",
                new { input = new { sku, name = $"Product {sku}" } });
            if (created["createProduct"]!["userErrors"]!.AsArray().Count > 0)
                throw new InvalidOperationException($"createProduct {sku}: {created.ToJsonString()}");
        }
        await app.DispatchOutboxAsync();
        await Eventually.WaitAsync(async () =>
        {
            foreach (var sku in skus)
            {
                var probe = await client.SendAsync(
                    """mutation($sku: String!) { configureStockLevel(input: { sku: $sku, warehouseCode: "MAIN" }) { userErrors { code } } }""", new { sku });
                if (probe.Data?["configureStockLevel"]?["userErrors"] is not JsonArray { Count: 0 })
                    return false;
            }
            return true;
        }, what: $"Stock to learn {string.Join(", ", skus)}");
    }

    /// <summary>Creates a warehouse unless it exists.</summary>
    public static async Task WarehouseAsync(this InventoryApp app, string tenant, string code, int priority = 100)
    {
        var result = await app.GraphQL(tenant, "Admin").QueryAsync(
            "mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { userErrors { code } } }",
            new { input = new { code, name = $"Warehouse {code}", priority } });
        var errors = result["createWarehouse"]!["userErrors"]!.AsArray();
        if (errors.Count > 0 && errors[0]!["code"]!.GetValue<string>() != "WAREHOUSE_CODE_TAKEN")
            throw new InvalidOperationException($"createWarehouse {code}: {result.ToJsonString()}");
    }

    /// <summary>Receives stock of a SKU (under a fresh idempotency key) and returns the level's onHand.</summary>
    public static async Task<int> ReceiveAsync(this InventoryApp app, string tenant, string sku, int quantity, string warehouseCode = "MAIN")
    {
        var result = await app.GraphQL(tenant, "Clerk").QueryAsync(
            "mutation($input: ReceiveStockInput!, $key: String!) { receiveStock(input: $input, idempotencyKey: $key) { stockLevel { onHand } userErrors { code message } } }",
            new { input = new { sku, warehouseCode, quantity }, key = Guid.NewGuid().ToString() });
        var payload = result["receiveStock"]!;
        if (payload["userErrors"]!.AsArray().Count > 0)
            throw new InvalidOperationException($"receiveStock {sku}: {payload.ToJsonString()}");
        return payload["stockLevel"]!["onHand"]!.GetValue<int>();
    }
}
