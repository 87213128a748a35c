using System.Text.Json.Nodes;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
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
        // The live schema, as the host serves it (introspection of every input type exceeds the complexity limit).
        var schema = App.Services.GetRequiredService<InventorySchema>();
        schema.Initialize();
        var failures = new List<string>();
        var checkedFields = 0;

        foreach (var mutation in schema.Mutation!.Fields)
        {
            var args = mutation.Arguments?.ToList() ?? [];
            var input = args.FirstOrDefault(a => a.Name == "input");
            if (input is null)
                continue;
            if (Named(mutation.ResolvedType!) is not IComplexGraphType payload || !payload.HasField("userErrors"))
            {
                failures.Add($"{mutation.Name}: its payload has no userErrors");
                continue;
            }

            foreach (var path in TextPaths(input.ResolvedType!, ""))
            {
                foreach (var bad in Refused)
                {
                    checkedFields++;
                    var response = await SendWithAsync(mutation, args, path, bad);
                    var errors = response.Data?[mutation.Name]?["userErrors"]?.AsArray();
                    var field = $"input.{path}";
                    if (response.Status != 200 || response.HasErrors || errors is null
                        || !errors.Any(e => e!["code"]!.GetValue<string>() == "INVALID_CHARACTERS" && e["field"]?.GetValue<string>() == field))
                        failures.Add($"{mutation.Name} {field} {Escape(bad)}: {response.Status} {response.Body?.ToJsonString()}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedFields > 60, $"only {checkedFields} text fields were tried");
        Assert.Equal(0, await RowsHoldingAsync(App.ConnectionStringFor(Tenant)));
        Assert.Equal(0, await RowsHoldingAsync(App.ConnectionStringFor("system")));
    }

    [Fact]
    public async Task EveryTextFieldOfEveryMutationInput_TooLong_IsNeverAnInternalError()
    {
        var schema = App.Services.GetRequiredService<InventorySchema>();
        schema.Initialize();
        var failures = new List<string>();
        var tried = 0;
        var tooLong = new string('x', 20_000);

        foreach (var mutation in schema.Mutation!.Fields)
        {
            var args = mutation.Arguments?.ToList() ?? [];
            if (args.FirstOrDefault(a => a.Name == "input") is not { } input || Named(mutation.ResolvedType!) is not IComplexGraphType payload || !payload.HasField("userErrors"))
                continue;
            foreach (var path in TextPaths(input.ResolvedType!, ""))
            {
                tried++;
                var response = await SendWithAsync(mutation, args, path, tooLong);
                // Refused with a user error (TOO_LONG, or whatever the sample input is refused for) or accepted: never a
                // database error, an internal error or a status other than 200.
                if (response.Status != 200 || response.HasErrors || response.Data?[mutation.Name]?["userErrors"] is null)
                    failures.Add($"{mutation.Name} input.{path}: {response.Status} {response.Body?.ToJsonString()[..Math.Min(300, response.Body?.ToJsonString().Length ?? 0)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(tried > 60, $"only {tried} text fields were tried");
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

    // Half of a surrogate pair, spelled as an escape inside the document (JSON variables cannot carry one: the request
    // is refused as unreadable before GraphQL). Once it reached the database driver, which cannot encode it as UTF-8.
    [Theory]
    [InlineData("""mutation { createProduct(input: { sku: "SUR-1", name: "bad\uD800text" }) { userErrors { code field } } }""", "createProduct")]
    [InlineData("""mutation { createProduct(input: { sku: "SUR-2", name: "tail\uDC00" }) { userErrors { code field } } }""", "createProduct")]
    [InlineData("""mutation { createWarehouse(input: { code: "SUR", name: "bad\uD83Dtext" }) { userErrors { code field } } }""", "createWarehouse")]
    [InlineData("""mutation { createApiKey(input: { name: "bad\uDE00", role: VIEWER }) { userErrors { code field } } }""", "createApiKey")]
    public async Task HalfASurrogatePairInAMutationInput_IsAUserErrorOnTheField_AndNothingIsStored(string mutation, string field)
    {
        var response = await App.GraphQL(Tenant).SendAsync(mutation);

        Assert.True(response.Status == 200 && !response.HasErrors, $"{response.Status} {response.Body?.ToJsonString()}");
        Assert.Equal("input.name", Single(response.Data![field]!, "INVALID_CHARACTERS"));
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(Tenant));
        await connection.OpenAsync();
        await using var stored = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM catalog.products WHERE sku_key LIKE 'SUR-%') + (SELECT count(*) FROM stock.warehouses WHERE code = 'SUR')", connection);
        Assert.Equal(0L, (long)(await stored.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task ASurrogatePair_IsOneCharacter_AndIsStored()
    {
        var product = await App.GraphQL(Tenant).QueryAsync("""mutation { createProduct(input: { sku: "SUR-OK", name: "Box \uD83D\uDCE6" }) { product { name } userErrors { code } } }""");
        Assert.Empty(product["createProduct"]!["userErrors"]!.AsArray());
        Assert.Equal("Box \U0001F4E6", product["createProduct"]!["product"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task HalfASurrogatePairInAnyOtherArgument_IsRefusedBeforeAnyResolver()
    {
        var response = await App.GraphQL(Tenant).SendAsync("""{ product(sku: "X\uD800") { id } }""");

        Assert.True(response.Status == 400, $"{response.Status} {response.Body?.ToJsonString()}");
        Assert.Equal("INVALID_CHARACTERS", response.FirstErrorCode);
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

    [Fact]
    public async Task NulInAnArgument_OverWebSocket_IsRefusedTheSameWay()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(App, Tenant);

        await socket.SubscribeAsync("q1", "query($s: String) { products(filter: { search: $s }) { totalCount } }", new { s = "a\u0000b" });
        var answer = await socket.ReceiveForAsync("q1");

        Assert.Equal("error", answer["type"]!.GetValue<string>());
        Assert.Equal("INVALID_CHARACTERS", answer["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    /// <summary>
    /// Sends <paramref name="mutation"/> with a sample of every argument and <paramref name="value"/> at
    /// <paramref name="path"/> of its input, as the tenant's administrator or, for operator fields, as the operator.
    /// </summary>
    private async Task<GraphQLResponse> SendWithAsync(FieldType mutation, List<QueryArgument> args, string path, string value)
    {
        var variables = new JsonObject();
        foreach (var arg in args)
        {
            variables[arg.Name] = arg.Name == "input"
                ? With((JsonObject)Sample(arg.ResolvedType!)!, path, value)
                : arg.Name == "idempotencyKey" ? $"text-{Guid.NewGuid():N}" : Sample(arg.ResolvedType!);
        }
        var definitions = string.Join(", ", args.Select(a => $"${a.Name}: {TypeText(a.ResolvedType!)}"));
        var arguments = string.Join(", ", args.Select(a => $"{a.Name}: ${a.Name}"));
        var query = $"mutation({definitions}) {{ {mutation.Name}({arguments}) {{ userErrors {{ code field }} }} }}";

        var response = await App.GraphQL(Tenant).SendAsync(query, variables);
        return response.FirstErrorCode == "FORBIDDEN" ? await App.Operator().SendAsync(query, variables) : response;
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
    private static IEnumerable<string> TextPaths(IGraphType type, string prefix, int depth = 0)
    {
        if (depth > 5)
            yield break;
        var (named, inList) = Unwrap(type);
        var here = prefix + (inList ? "[0]" : "");
        if (named is StringGraphType)
        {
            yield return here;
            yield break;
        }
        if (named is not IInputObjectGraphType input)
            yield break;
        foreach (var field in input.Fields)
            foreach (var path in TextPaths(field.ResolvedType!, (here.Length == 0 ? "" : here + ".") + field.Name, depth + 1))
                yield return path;
    }

    private static JsonNode? Sample(IGraphType type, int depth = 0)
    {
        var (named, inList) = Unwrap(type);
        JsonNode? one = named switch
        {
            EnumerationGraphType e => e.Values.First().Name,
            IInputObjectGraphType input when depth < 5 => new JsonObject(input.Fields.Select(f => KeyValuePair.Create(f.Name, Sample(f.ResolvedType!, depth + 1)))),
            IInputObjectGraphType => null,
            StringGraphType => "ok",
            IdGraphType => Guid.NewGuid().ToString(),
            IntGraphType => 1,
            FloatGraphType => 1.0,
            BooleanGraphType => false,
            _ when named.Name.StartsWith("DateTime", StringComparison.Ordinal) => DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
            _ => "ok",
        };
        return inList ? new JsonArray(one) : one;
    }

    private static (IGraphType Named, bool InList) Unwrap(IGraphType type)
    {
        var inList = false;
        while (type is IProvideResolvedType wrapper)
        {
            inList |= type is ListGraphType;
            type = wrapper.ResolvedType!;
        }
        return (type, inList);
    }

    private static IGraphType Named(IGraphType type) => Unwrap(type).Named;

    private static string TypeText(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => TypeText(nonNull.ResolvedType!) + "!",
        ListGraphType list => "[" + TypeText(list.ResolvedType!) + "]",
        _ => type.Name,
    };
}
