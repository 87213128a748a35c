using Inventory.TestKit;

namespace Inventory.Web.Tests;

/// <summary>
/// Stock changes made through the API over HTTP (as another user or an integration would), for the pages that
/// show them: the test tenant's administrator acting on warehouse MAIN.
/// </summary>
public sealed class StockApi(WebFixture web)
{
    private readonly GraphQLClient _api = web.Api(TestTokens.For(WebFixture.Tenant));

    public GraphQLClient Client => _api;

    /// <summary>A new product (SKU <paramref name="prefix"/> plus a random part) that Stock knows, with <paramref name="onHand"/> received.</summary>
    public async Task<string> StockedSkuAsync(string prefix, int onHand)
    {
        var sku = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)].ToUpperInvariant();
        await web.App.ProductsAsync(WebFixture.Tenant, sku);
        await ReceiveAsync(sku, onHand);
        return sku;
    }

    public Task ReceiveAsync(string sku, int quantity) =>
        MutateAsync("receiveStock", """
            mutation($input: ReceiveStockInput!, $key: String!) { receiveStock(input: $input, idempotencyKey: $key) { stockLevel { onHand } userErrors { code message } } }
            """, new { input = new { sku, warehouseCode = "MAIN", quantity, reference = "web-test" }, key = Guid.NewGuid().ToString() });

    public Task ReserveAsync(string sku, int quantity, string reference = "web-test") =>
        MutateAsync("reserveStock", """
            mutation($input: ReserveStockInput!, $key: String!) { reserveStock(input: $input, idempotencyKey: $key) { reservation { id } userErrors { code message } } }
            """, new { input = new { lines = new[] { new { sku, warehouseCode = "MAIN", quantity } }, ttlSeconds = 900, reference }, key = Guid.NewGuid().ToString() });

    public Task SetReorderPointAsync(string sku, int reorderPoint) =>
        MutateAsync("configureStockLevel", """
            mutation($input: ConfigureStockLevelInput!) { configureStockLevel(input: $input) { stockLevel { reorderPoint } userErrors { code message } } }
            """, new { input = new { sku, warehouseCode = "MAIN", reorderPoint } });

    private async Task MutateAsync(string field, string mutation, object variables)
    {
        var data = await _api.QueryAsync(mutation, variables);
        Assert.Empty(data[field]!["userErrors"]!.AsArray());
    }
}
