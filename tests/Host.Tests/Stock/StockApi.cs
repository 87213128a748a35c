using System.Text.Json.Nodes;
using Inventory.TestKit;
using Npgsql;
using Xunit.Sdk;

namespace Inventory.Host.Tests.Stock;

/// <summary>The stock operations the tests send, as a client would, and direct reads of a tenant's stock tables.</summary>
internal static class StockApi
{
    public const string Reserve = """
        mutation($input: ReserveStockInput!, $key: String!) { reserveStock(input: $input, idempotencyKey: $key) {
          reservation { id status expiresAt lines { sku warehouseCode quantity } } replayed userErrors { code field message } } }
        """;

    public const string Receive = """
        mutation($input: ReceiveStockInput!, $key: String!) { receiveStock(input: $input, idempotencyKey: $key) {
          stockLevel { onHand reserved available version } replayed userErrors { code field message } } }
        """;

    public const string Adjust = """
        mutation($input: AdjustStockInput!, $key: String!) { adjustStock(input: $input, idempotencyKey: $key) {
          stockLevel { onHand version } replayed userErrors { code field message } } }
        """;

    public const string Set = """
        mutation($input: SetStockInput!, $key: String!) { setStock(input: $input, idempotencyKey: $key) {
          stockLevel { onHand version } replayed userErrors { code field message } } }
        """;

    public const string Move = """
        mutation($input: MoveStockInput!, $key: String!) { moveStock(input: $input, idempotencyKey: $key) {
          stockLevel { onHand damaged version } replayed userErrors { code field message } } }
        """;

    public const string Configure = """
        mutation($input: ConfigureStockLevelInput!) { configureStockLevel(input: $input) { stockLevel { reorderPoint safetyStock allowBackorder version } userErrors { code field message } } }
        """;

    public const string CreateTransfer = """
        mutation($input: CreateTransferInput!, $key: String!) { createTransfer(input: $input, idempotencyKey: $key) {
          transfer { id status } replayed userErrors { code field message } } }
        """;

    public const string Level = """
        query($sku: String!, $wh: String!) { stockLevel(sku: $sku, warehouseCode: $wh) {
          sku warehouseCode onHand reserved committed damaged safetyStock incoming available reorderPoint alertState version } }
        """;

    /// <summary>A reservation transition (releaseReservation, commitReservation, fulfilReservation).</summary>
    public static string Transition(string field) =>
        $$"""mutation($id: ID!, $key: String) { {{field}}(id: $id, idempotencyKey: $key) { reservation { id status } replayed userErrors { code field message } } }""";

    /// <summary>A transfer transition (shipTransfer, receiveTransfer, cancelTransfer).</summary>
    public static string TransferTransition(string field) =>
        $$"""mutation($id: ID!, $key: String) { {{field}}(id: $id, idempotencyKey: $key) { transfer { id status } replayed userErrors { code field message } } }""";

    public static object ReserveInput(params (string Sku, int Quantity)[] lines) =>
        new { lines = lines.Select(l => new { sku = l.Sku, warehouseCode = "MAIN", quantity = l.Quantity }).ToArray() };

    /// <summary>Sends a mutation and returns its payload; a GraphQL error or a status other than 200 fails the test.</summary>
    public static async Task<JsonNode> MutateAsync(this GraphQLClient client, string field, string query, object? variables = null)
    {
        var response = await client.SendAsync(query, variables);
        if (response.Status != 200 || response.HasErrors || response.Data?[field] is not { } payload)
            throw new XunitException($"{field}: HTTP {response.Status} {response.Body?.ToJsonString()}");
        return payload;
    }

    public static string[] Codes(JsonNode payload) => payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();

    public static bool Ok(JsonNode payload) => payload["userErrors"]!.AsArray().Count == 0;

    public static async Task<JsonNode> LevelAsync(this InventoryApp app, string tenant, string sku, string warehouseCode = "MAIN") =>
        (await app.GraphQL(tenant, "Viewer").QueryAsync(Level, new { sku, wh = warehouseCode }))["stockLevel"]
            ?? throw new XunitException($"no level {sku} in {warehouseCode}");

    public static int Int(this JsonNode node, string name) => node[name]!.GetValue<int>();

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();

    // ---- direct SQL on a tenant's database ----

    public static async Task<long> CountAsync(this InventoryApp app, string tenant, string sql, params object[] parameters) =>
        Convert.ToInt64(await app.ScalarAsync(tenant, sql, parameters));

    public static async Task<object?> ScalarAsync(this InventoryApp app, string tenant, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionStringFor(tenant));
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public static async Task<int> ExecuteAsync(this InventoryApp app, string tenant, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionStringFor(tenant));
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The rows of a query, each as column name to value.</summary>
    public static async Task<List<Dictionary<string, object?>>> RowsAsync(this InventoryApp app, string tenant, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionStringFor(tenant));
        await connection.OpenAsync();
        return await RowsAsync(connection, sql, parameters);
    }

    public static async Task<List<Dictionary<string, object?>>> RowsAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The stock events in the outbox of one type (short name, e.g. StockAlertRaised), oldest first, as their JSON payloads.</summary>
    public static async Task<List<JsonNode>> EventsAsync(this InventoryApp app, string tenant, string type)
    {
        var rows = await app.RowsAsync(tenant,
            "SELECT payload FROM stock.outbox_messages WHERE type = $1 ORDER BY occurred_at, id",
            $"Inventory.Stock.Contracts.IntegrationEvents.{type}");
        return rows.Select(r => JsonNode.Parse((string)r["payload"]!)!).ToList();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return command;
    }
}
