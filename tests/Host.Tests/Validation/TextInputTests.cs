using System.Text.Json.Nodes;
using Inventory.TestKit;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Validation;

/// <summary>
/// Free text through the API on PostgreSQL. Data-driven from the live schema: every text field (at any depth) of
/// every mutation's input gets a NUL and a right-to-left override; each answers INVALID_CHARACTERS on that field and
/// nothing is stored. A field added tomorrow is covered the day it is added.
/// </summary>
public sealed class TextInputTests(HostFixture fixture) : HostTest(fixture)
{
    private const string Tenant = "acme";
    private static readonly string[] Refused = ["bad\u0000text", "bad\u202Etext"];

    [Fact]
    public async Task EveryTextFieldOfEveryMutationInput_RefusesNulAndBidiOverrides_WithAUserErrorOnTheField()
    {
        var schema = (await App.GraphQL(Tenant).QueryAsync(IntrospectionQuery))["__schema"]!;
        var types = schema["types"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!);
        var failures = new List<string>();
        var checkedFields = 0;

        foreach (var mutation in schema["mutationType"]!["fields"]!.AsArray())
        {
            var name = mutation!["name"]!.GetValue<string>();
            var args = mutation["args"]!.AsArray();
            var input = args.FirstOrDefault(a => a!["name"]!.GetValue<string>() == "input");
            if (input is null)
                continue;
            var payload = types[NamedType(mutation["type"]!)];
            if (payload["fields"]?.AsArray().Any(f => f!["name"]!.GetValue<string>() == "userErrors") != true)
            {
                failures.Add($"{name}: its payload has no userErrors");
                continue;
            }

            foreach (var path in TextPaths(input["type"]!, types, ""))
            {
                foreach (var bad in Refused)
                {
                    checkedFields++;
                    var variables = new JsonObject();
                    foreach (var arg in args)
                    {
                        var argName = arg!["name"]!.GetValue<string>();
                        variables[argName] = argName == "input"
                            ? With((JsonObject)Sample(arg["type"]!, types)!, path, bad)
                            : argName == "idempotencyKey" ? $"text-{Guid.NewGuid():N}" : Sample(arg["type"]!, types);
                    }
                    var definitions = string.Join(", ", args.Select(a => $"${a!["name"]}: {TypeText(a["type"]!)}"));
                    var arguments = string.Join(", ", args.Select(a => $"{a!["name"]}: ${a["name"]}"));
                    var query = $"mutation({definitions}) {{ {name}({arguments}) {{ userErrors {{ code field }} }} }}";

                    var response = await App.GraphQL(Tenant).SendAsync(query, variables);
                    if (response.FirstErrorCode == "FORBIDDEN")
                        response = await App.Operator().SendAsync(query, variables);
                    var errors = response.Data?[name]?["userErrors"]?.AsArray();
                    var field = $"input.{path}";
                    if (response.Status != 200 || response.HasErrors || errors is null
                        || !errors.Any(e => e!["code"]!.GetValue<string>() == "INVALID_CHARACTERS" && e["field"]?.GetValue<string>() == field))
                        failures.Add($"{name} {field} {Escape(bad)}: {response.Status} {response.Body?.ToJsonString()}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedFields > 60, $"only {checkedFields} text fields were tried");
        Assert.Equal(0, await RowsHoldingAsync(App.ConnectionStringFor(Tenant)));
        Assert.Equal(0, await RowsHoldingAsync(App.ConnectionStringFor("system")));
    }

    [Fact]
    public async Task MultilineFields_AcceptTabsAndLineBreaks_SingleLineFieldsDoNot()
    {
        const string text = "Line one\n\tLine two\r\nLine three";
        var client = App.GraphQL(Tenant);

        var product = await client.QueryAsync(
            "mutation($input: CreateProductInput!) { createProduct(input: $input) { product { description } userErrors { code field } } }",
            new { input = new { sku = "ML-1", name = "Multi-line", description = text } });
        Assert.Empty(product["createProduct"]!["userErrors"]!.AsArray());
        Assert.Equal(text, product["createProduct"]!["product"]!["description"]!.GetValue<string>());

        var warehouse = await client.QueryAsync(
            "mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { warehouse { address } userErrors { code field } } }",
            new { input = new { code = "ML", name = "Multi-line", address = "1 Main Street\nSpringfield" } });
        Assert.Empty(warehouse["createWarehouse"]!["userErrors"]!.AsArray());
        Assert.Equal("1 Main Street\nSpringfield", warehouse["createWarehouse"]!["warehouse"]!["address"]!.GetValue<string>());

        await App.ProductsAsync(Tenant, "ML-2");
        var received = await client.QueryAsync(
            "mutation($input: ReceiveStockInput!) { receiveStock(input: $input, idempotencyKey: \"ml-1\") { stockLevel { onHand } userErrors { code field } } }",
            new { input = new { sku = "ML-2", warehouseCode = "MAIN", quantity = 3, note = "Pallet 1\tdamaged box\nrest fine" } });
        Assert.Empty(received["receiveStock"]!["userErrors"]!.AsArray());

        // A line break in a single-line field, a bell in a multi-line one.
        var name = await client.QueryAsync(
            "mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } userErrors { code field } } }",
            new { input = new { sku = "ML-3", name = "Two\nlines" } });
        Assert.Equal("input.name", Single(name["createProduct"]!, "INVALID_CHARACTERS"));
        var bell = await client.QueryAsync(
            "mutation($input: ReceiveStockInput!) { receiveStock(input: $input, idempotencyKey: \"ml-2\") { stockLevel { onHand } userErrors { code field } } }",
            new { input = new { sku = "ML-2", warehouseCode = "MAIN", quantity = 3, note = "ring\u0007" } });
        Assert.Equal("input.note", Single(bell["receiveStock"]!, "INVALID_CHARACTERS"));
        var level = await client.QueryAsync("""{ stockLevel(sku: "ML-2", warehouseCode: "MAIN") { onHand } }""");
        Assert.Equal(3, level["stockLevel"]!["onHand"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{ products(filter: { search: "a\u0000b" }) { totalCount } }""", null)]
    [InlineData("""query($f: ProductFilterInput) { products(filter: $f) { totalCount } }""", "filter")]
    [InlineData("""query($s: String) { product(sku: $s) { id } }""", "sku")]
    [InlineData("""mutation { receiveStock(input: { sku: "X", warehouseCode: "MAIN", quantity: 1 }, idempotencyKey: "k\u0000") { userErrors { code } } }""", null)]
    public async Task NulInAnyOtherArgument_IsRefusedBeforeAnyResolver(string query, string? variable)
    {
        object? variables = variable switch
        {
            "filter" => new { f = new { search = "a\u0000b" } },
            "sku" => new { s = "SKU\u0000" },
            _ => null,
        };

        var response = await App.GraphQL(Tenant).SendAsync(query, variables);

        Assert.True(response.Status == 400, $"{response.Status} {response.Body?.ToJsonString()}");
        Assert.Equal("INVALID_CHARACTERS", response.FirstErrorCode);
        Assert.Null(response.Data);
    }

    private static string? Single(JsonNode payload, string code) =>
        payload["userErrors"]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == code)!["field"]?.GetValue<string>();

    private static string Escape(string text) => string.Concat(text.Select(c => c < 0x20 || c > 0x7e ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>Rows of any text or JSON column of any module table holding the override character.</summary>
    private static async Task<long> RowsHoldingAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.data_type IN ('text', 'character varying', 'json', 'jsonb')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        long rows = 0;
        foreach (var (schema, table, column) in columns)
        {
            await using var count = new NpgsqlCommand(
                $"""SELECT count(*) FROM "{schema}"."{table}" WHERE "{column}"::text LIKE '%' || chr(8238) || '%' OR "{column}"::text ILIKE '%\u202e%'""", connection);
            rows += (long)(await count.ExecuteScalarAsync())!;
        }
        return rows;
    }

    private static JsonObject With(JsonObject input, string path, string value)
    {
        JsonNode node = input;
        var parts = path.Replace("[0]", ".0").Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
            node = int.TryParse(parts[i], out var index) ? node[index]! : node[parts[i]]!;
        if (int.TryParse(parts[^1], out var last))
            node[last] = value;
        else
            node[parts[^1]] = value;
        return input;
    }

    /// <summary>Paths of the String fields of an input type, e.g. <c>lines[0].sku</c>.</summary>
    private static IEnumerable<string> TextPaths(JsonNode typeRef, Dictionary<string, JsonNode> types, string prefix, int depth = 0)
    {
        if (depth > 5)
            yield break;
        var (kind, name, inList) = Unwrap(typeRef);
        if (kind == "SCALAR" && name == "String")
        {
            yield return prefix + (inList ? "[0]" : "");
            yield break;
        }
        if (kind != "INPUT_OBJECT")
            yield break;
        var listed = prefix + (inList ? "[0]" : "");
        foreach (var field in types[name]["inputFields"]!.AsArray())
            foreach (var path in TextPaths(field!["type"]!, types, (listed.Length == 0 ? "" : listed + ".") + field["name"]!.GetValue<string>(), depth + 1))
                yield return path;
    }

    private static JsonNode? Sample(JsonNode typeRef, Dictionary<string, JsonNode> types, int depth = 0)
    {
        var (kind, name, inList) = Unwrap(typeRef);
        JsonNode? one = kind switch
        {
            "ENUM" => types[name]["enumValues"]![0]!["name"]!.GetValue<string>(),
            "INPUT_OBJECT" when depth < 5 => new JsonObject(types[name]["inputFields"]!.AsArray()
                .Select(f => KeyValuePair.Create(f!["name"]!.GetValue<string>(), Sample(f["type"]!, types, depth + 1)))),
            "INPUT_OBJECT" => null,
            _ => name switch
            {
                "String" => "ok",
                "ID" => Guid.NewGuid().ToString(),
                "Int" => 1,
                "Float" => 1.0,
                "Boolean" => false,
                "DateTimeOffset" or "DateTime" => DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
                _ => "ok",
            },
        };
        return inList ? new JsonArray(one) : one;
    }

    private static (string Kind, string Name, bool InList) Unwrap(JsonNode typeRef)
    {
        var inList = false;
        var node = typeRef;
        while (node!["kind"]!.GetValue<string>() is "NON_NULL" or "LIST")
        {
            if (node["kind"]!.GetValue<string>() == "LIST")
                inList = true;
            node = node["ofType"]!;
        }
        return (node["kind"]!.GetValue<string>(), node["name"]!.GetValue<string>(), inList);
    }

    private static string NamedType(JsonNode typeRef) => Unwrap(typeRef).Name;

    private static string TypeText(JsonNode typeRef) => typeRef["kind"]!.GetValue<string>() switch
    {
        "NON_NULL" => TypeText(typeRef["ofType"]!) + "!",
        "LIST" => "[" + TypeText(typeRef["ofType"]!) + "]",
        _ => typeRef["name"]!.GetValue<string>(),
    };

    private const string IntrospectionQuery = """
        {
          __schema {
            mutationType { fields { name type { ...T } args { name type { ...T } } } }
            types { kind name fields { name } inputFields { name type { ...T } } enumValues { name } }
          }
        }
        fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
        """;
}
