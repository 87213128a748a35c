using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Catalog;

/// <summary>The catalog's GraphQL contract end to end: HTTP, GraphQL.NET, EF Core, PostgreSQL.</summary>
public sealed class CatalogApiTests(HostFixture fixture) : HostTest(fixture)
{
    private const string Create = """
        mutation($input: CreateProductInput!) { createProduct(input: $input) {
          product { id sku name description category unitOfMeasure barcode status version attributes { key value } createdAt updatedAt }
          userErrors { code field message } } }
        """;

    private const string Update = """
        mutation($input: UpdateProductInput!) { updateProduct(input: $input) {
          product { id sku name description category unitOfMeasure barcode status version attributes { key value } }
          userErrors { code field message } } }
        """;

    private async Task<JsonNode> CreateAsync(GraphQLClient client, object input) =>
        (await client.QueryAsync(Create, new { input }))["createProduct"]!;

    private static string[] Codes(JsonNode payload) =>
        payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task CreateProduct_WithValidInput_StoresAndReturnsIt()
    {
        var client = App.GraphQL();
        var payload = await CreateAsync(client, new
        {
            sku = "  SKU-1 ", name = " Widget ", category = "tools", unitOfMeasure = "each", barcode = "4006381333931",
            attributes = new[] { new { key = "color", value = "blue" } },
        });

        Assert.Empty(payload["userErrors"]!.AsArray());
        var product = payload["product"]!;
        Assert.Equal("SKU-1", product["sku"]!.GetValue<string>());
        Assert.Equal("Widget", product["name"]!.GetValue<string>());
        Assert.Equal("ACTIVE", product["status"]!.GetValue<string>());
        Assert.Equal(1, product["version"]!.GetValue<int>());

        var read = await client.QueryAsync("""query($id: ID!) { byId: product(id: $id) { sku attributes { key value } } bySku: product(sku: "sku-1") { id } }""",
            new { id = product["id"]!.GetValue<string>() });
        Assert.Equal("SKU-1", read["byId"]!["sku"]!.GetValue<string>());
        Assert.Equal("blue", read["byId"]!["attributes"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(product["id"]!.GetValue<string>(), read["bySku"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateProduct_WhenSkuDiffersOnlyInCase_IsSkuTaken()
    {
        var client = App.GraphQL();
        await CreateAsync(client, new { sku = "ABC-1", name = "First" });

        var second = await CreateAsync(client, new { sku = "abc-1", name = "Second" });

        Assert.Equal(["SKU_TAKEN"], Codes(second));
        Assert.Equal("input.sku", second["userErrors"]![0]!["field"]!.GetValue<string>());
        Assert.Null(second["product"]);
        var total = await client.QueryAsync("{ products { totalCount } }");
        Assert.Equal(1, total["products"]!["totalCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("ünïcode")]
    [InlineData("A123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task CreateProduct_WithMalformedSku_IsInvalidSkuAndWritesNothing(string sku)
    {
        var client = App.GraphQL();
        var payload = await CreateAsync(client, new { sku, name = "Widget" });

        Assert.Contains("INVALID_SKU", Codes(payload));
        Assert.Null(payload["product"]);
        Assert.Equal(0, (await client.QueryAsync("{ products { totalCount } }"))["products"]!["totalCount"]!.GetValue<int>());
        await AssertOutboxEmptyAsync();
    }

    [Fact]
    public async Task CreateProduct_WithSeveralBadFields_ReportsEachWithItsField()
    {
        var payload = await CreateAsync(App.GraphQL(), new
        {
            sku = "OK-1", name = "", category = " ", unitOfMeasure = new string('u', 40), barcode = "12 34",
            attributes = new[] { new { key = "a", value = "1" }, new { key = "a", value = "2" } },
        });

        var fields = payload["userErrors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "input.name", "input.category", "input.unitOfMeasure", "input.barcode", "input.attributes" }, fields);
        Assert.All(Codes(payload), code => Assert.Equal("VALIDATION", code));
        await AssertOutboxEmptyAsync();
    }

    [Fact]
    public async Task CreateProduct_WithoutRequiredArgument_IsAGraphQLValidationErrorNot500()
    {
        var response = await App.GraphQL().SendAsync("mutation { createProduct(input: { name: \"x\" }) { product { id } } }");
        Assert.Equal(400, response.Status);
        Assert.True(response.HasErrors);
        Assert.Null(response.Body?["data"]);
    }

    [Fact]
    public async Task CreateProduct_ConcurrentlyWithOneSku_CreatesExactlyOne()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            CreateAsync(App.GraphQL(), new { sku = "RACE-1", name = $"Racer {i}" })));

        Assert.Equal(1, results.Count(r => r["product"] is not null));
        Assert.All(results.Where(r => r["product"] is null), r => Assert.Equal(["SKU_TAKEN"], Codes(r)));
        await using var scope = App.TenantScope();
        var count = await OutboxCountAsync();
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task UpdateProduct_ChangesOnlyTheFieldsSent_AndClearsThoseSentAsNull()
    {
        var client = App.GraphQL();
        var created = (await CreateAsync(client, new { sku = "UPD-1", name = "Before", description = "desc", category = "c1", barcode = "123" }))["product"]!;

        var payload = (await client.QueryAsync(Update, new { input = new Dictionary<string, object?>
        {
            ["sku"] = "upd-1", ["name"] = "After", ["description"] = null, ["expectedVersion"] = 1,
        } }))["updateProduct"]!;

        Assert.Empty(payload["userErrors"]!.AsArray());
        var product = payload["product"]!;
        Assert.Equal("After", product["name"]!.GetValue<string>());
        Assert.Null(product["description"]);
        Assert.Equal("c1", product["category"]!.GetValue<string>());
        Assert.Equal("123", product["barcode"]!.GetValue<string>());
        Assert.Equal(2, product["version"]!.GetValue<int>());
        Assert.Equal(created["id"]!.GetValue<string>(), product["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateProduct_WithStaleExpectedVersion_IsVersionConflictAndChangesNothing()
    {
        var client = App.GraphQL();
        await CreateAsync(client, new { sku = "V-1", name = "Original" });
        await client.QueryAsync(Update, new { input = new { sku = "V-1", name = "Second" } });

        var payload = (await client.QueryAsync(Update, new { input = new { sku = "V-1", name = "Third", expectedVersion = 1 } }))["updateProduct"]!;

        Assert.Equal(["VERSION_CONFLICT"], Codes(payload));
        var name = (await client.QueryAsync("{ product(sku: \"V-1\") { name version } }"))["product"]!;
        Assert.Equal("Second", name["name"]!.GetValue<string>());
        Assert.Equal(2, name["version"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{ sku: \"NOPE\", name: \"x\" }", "NOT_FOUND", "input.sku")]
    [InlineData("{ id: \"not-a-guid\", name: \"x\" }", "NOT_FOUND", "input.id")]
    [InlineData("{ name: \"x\" }", "VALIDATION", "input.id")]
    [InlineData("{ sku: \"EXISTS\", id: \"2b4a3f4e-0000-0000-0000-000000000000\", name: \"x\" }", "VALIDATION", "input.id")]
    [InlineData("{ sku: \"EXISTS\", name: \"  \" }", "VALIDATION", "input.name")]
    [InlineData("{ sku: \"EXISTS\", unitOfMeasure: null }", "VALIDATION", "input.unitOfMeasure")]
    [InlineData("{ sku: \"EXISTS\", expectedVersion: 0 }", "VALIDATION", "input.expectedVersion")]
    public async Task UpdateProduct_WithBadInput_ReportsTheFieldAndWritesNothing(string input, string code, string field)
    {
        var client = App.GraphQL();
        await CreateAsync(client, new { sku = "EXISTS", name = "Kept" });
        var before = await OutboxCountAsync();

        var payload = (await client.QueryAsync($"mutation {{ updateProduct(input: {input}) {{ product {{ id }} userErrors {{ code field }} }} }}"))["updateProduct"]!;

        Assert.Equal(code, payload["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(field, payload["userErrors"]![0]!["field"]!.GetValue<string>());
        Assert.Null(payload["product"]);
        Assert.Equal("Kept", (await client.QueryAsync("{ product(sku: \"EXISTS\") { name } }"))["product"]!["name"]!.GetValue<string>());
        Assert.Equal(before, await OutboxCountAsync());
    }

    [Fact]
    public async Task DiscontinueProduct_IsIdempotentAndRaisesOneEvent()
    {
        var client = App.GraphQL();
        await CreateAsync(client, new { sku = "D-1", name = "Old" });
        const string discontinue = "mutation { discontinueProduct(input: { sku: \"D-1\" }) { product { status version } userErrors { code } } }";

        var first = (await client.QueryAsync(discontinue))["discontinueProduct"]!;
        var second = (await client.QueryAsync(discontinue))["discontinueProduct"]!;

        Assert.Equal("DISCONTINUED", first["product"]!["status"]!.GetValue<string>());
        Assert.Equal("DISCONTINUED", second["product"]!["status"]!.GetValue<string>());
        Assert.Equal(2, second["product"]!["version"]!.GetValue<int>());
        Assert.Equal(2, await OutboxCountAsync()); // created + discontinued, not a second discontinued
        var unknown = (await client.QueryAsync("mutation { discontinueProduct(input: { sku: \"NONE\" }) { userErrors { code field } } }"))["discontinueProduct"]!;
        Assert.Equal(["NOT_FOUND"], Codes(unknown));
    }

    [Fact]
    public async Task Products_PagesForwardAndBackwardWithoutGapsOrRepeats()
    {
        var client = App.GraphQL();
        var skus = Enumerable.Range(1, 23).Select(i => $"P-{i:D3}").ToList();
        foreach (var sku in skus)
            await CreateAsync(client, new { sku, name = $"Product {sku}", category = int.Parse(sku[2..]) % 2 == 0 ? "even" : "odd" });

        var forward = new List<string>();
        string? after = null;
        bool hasNext;
        do
        {
            var page = (await client.QueryAsync("query($after: String) { products(first: 5, after: $after) { totalCount nodes { sku } pageInfo { hasNextPage hasPreviousPage endCursor } } }", new { after }))["products"]!;
            Assert.Equal(23, page["totalCount"]!.GetValue<int>());
            forward.AddRange(page["nodes"]!.AsArray().Select(n => n!["sku"]!.GetValue<string>()));
            hasNext = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>();
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        } while (hasNext);
        Assert.Equal(skus, forward);

        var backward = new List<string>();
        string? before = null;
        bool hasPrevious;
        do
        {
            var page = (await client.QueryAsync("query($before: String) { products(last: 7, before: $before) { edges { cursor node { sku } } pageInfo { hasPreviousPage startCursor } } }", new { before }))["products"]!;
            backward.InsertRange(0, page["edges"]!.AsArray().Select(e => e!["node"]!["sku"]!.GetValue<string>()));
            hasPrevious = page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>();
            before = page["pageInfo"]!["startCursor"]!.GetValue<string>();
        } while (hasPrevious);
        Assert.Equal(skus, backward);

        var descending = (await client.QueryAsync("{ products(first: 3, orderBy: SKU_DESC, filter: { category: \"even\" }) { totalCount nodes { sku } } }"))["products"]!;
        Assert.Equal(11, descending["totalCount"]!.GetValue<int>());
        Assert.Equal(["P-022", "P-020", "P-018"], descending["nodes"]!.AsArray().Select(n => n!["sku"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Products_FiltersBySearchCategoryAndStatus()
    {
        var client = App.GraphQL();
        await CreateAsync(client, new { sku = "BOLT-1", name = "Hex Bolt", category = "fasteners" });
        await CreateAsync(client, new { sku = "NUT-1", name = "Hex nut", category = "fasteners" });
        await CreateAsync(client, new { sku = "CAB-1", name = "Cable", category = "cables" });
        await client.QueryAsync("mutation { discontinueProduct(input: { sku: \"NUT-1\" }) { userErrors { code } } }");

        async Task<string[]> Skus(string filter) =>
            (await client.QueryAsync($"{{ products(filter: {filter}) {{ nodes {{ sku }} }} }}"))["products"]!["nodes"]!.AsArray()
                .Select(n => n!["sku"]!.GetValue<string>()).ToArray();

        Assert.Equal(["BOLT-1", "NUT-1"], await Skus("{ search: \"HEX\" }"));
        Assert.Equal(["CAB-1"], await Skus("{ search: \"cab\" }"));
        Assert.Equal(["BOLT-1", "NUT-1"], await Skus("{ category: \"fasteners\" }"));
        Assert.Equal(["NUT-1"], await Skus("{ status: DISCONTINUED }"));
        Assert.Equal(["BOLT-1"], await Skus("{ search: \"hex\", status: ACTIVE }"));
        Assert.Empty(await Skus("{ search: \"zzz\" }"));
    }

    [Theory]
    [InlineData("products(first: 101)")]
    [InlineData("products(last: -1)")]
    [InlineData("products(first: 1, last: 1)")]
    [InlineData("products(after: \"garbage\")")]
    public async Task Products_WithBadPagingArguments_IsAClearErrorNot500(string field)
    {
        var response = await App.GraphQL().SendAsync($"{{ {field} {{ totalCount }} }}");
        Assert.Equal(200, response.Status);
        Assert.Equal("VALIDATION", response.FirstErrorCode);
    }

    private async Task<int> OutboxCountAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(App.ConnectionStringFor(App.Tenants[0]));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM catalog.outbox_messages", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private async Task AssertOutboxEmptyAsync() => Assert.Equal(0, await OutboxCountAsync());
}
