using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inventory.BuildingBlocks.GraphQL.Cost;
using Inventory.BuildingBlocks.GraphQL.Documents;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inventory.Host.Tests.Cost;

/// <summary>
/// The parsed-document cache (ADR 20) skips only what depends on the document alone: a cached text still gets every
/// check that depends on the caller, the variables or a budget, over both transports, and the cache stays bounded.
/// Each test asserts that the document was in the cache before the request under test, so it exercises the cached path.
/// </summary>
public sealed class DocumentCacheTests(CostFixture fixture) : CostTest(fixture)
{
    private ParsedDocumentCache Cache => App.Services.GetRequiredService<ParsedDocumentCache>();

    private async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(string? token, string query, object? variables = null, string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables, operationName }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await App.CreateClient().SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string[] ErrorCodes(JsonNode body) =>
        [.. (body["errors"] as JsonArray ?? []).Select(e => e!["extensions"]?["code"]?.GetValue<string>() ?? "")];

    // A unique text per test: the cache lives as long as the host, which the tests of this collection share.
    private static string Unique(string query) => query + " # " + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ACachedMutation_IsStillRefusedToACallerWithoutTheRole_AndToAnAnonymousOne()
    {
        // Quantity 0 fails the input's validation: a user error, nothing written, but the operation executed.
        var mutation = Unique("""
            mutation { reserveStock(input: { lines: [{ sku: "NONE-1", warehouseCode: "MAIN", quantity: 0 }], ttlSeconds: 900 }, idempotencyKey: "cache-k1") { userErrors { code } } }
            """);

        var clerk = await SendAsync(TestTokens.For("acme", "Clerk"), mutation);
        Assert.True(clerk.Status == HttpStatusCode.OK, clerk.Body.ToJsonString());
        Assert.NotNull(Cache.Get(mutation, null));

        var viewer = await SendAsync(TestTokens.For("acme", "Viewer"), mutation);
        var anonymous = await SendAsync(null, mutation);

        Assert.Equal(HttpStatusCode.BadRequest, viewer.Status);
        Assert.Equal(["FORBIDDEN"], ErrorCodes(viewer.Body));
        Assert.Null(viewer.Body["data"]);
        Assert.Equal(["UNAUTHENTICATED"], ErrorCodes(anonymous.Body));
        Assert.Null(anonymous.Body["data"]);
    }

    [Fact]
    public async Task OverWebSocket_ACachedDocument_IsStillRefusedToACallerWithoutTheRole()
    {
        var mutation = Unique("""
            mutation { reserveStock(input: { lines: [{ sku: "NONE-2", warehouseCode: "MAIN", quantity: 0 }], ttlSeconds: 900 }, idempotencyKey: "cache-k2") { userErrors { code } } }
            """);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(TestTokens.For("acme", "Admin"), mutation)).Status);
        Assert.NotNull(Cache.Get(mutation, null));

        await using var socket = await GraphQLSocket.OpenAsync(App);
        await socket.InitAsync(new { authorization = "Bearer " + TestTokens.For("acme", "Viewer") });
        await socket.SubscribeAsync("m", mutation);
        var refused = await socket.ReceiveForAsync("m");

        Assert.Equal("error", refused["type"]!.GetValue<string>());
        Assert.Equal("FORBIDDEN", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACachedDocument_StillCostsEachRequestWithItsVariables_AndDrainsTheBudget()
    {
        var caller = TestTokens.For("acme", "Viewer");
        var query = Unique("query($n: Int) { a: products(first: $n) { nodes { attributes { key } } } b: products(first: $n) { nodes { attributes { key } } } }");

        var small = await SendAsync(caller, query, new { n = 1 });
        Assert.True(small.Status == HttpStatusCode.OK, small.Body.ToJsonString());
        Assert.NotNull(Cache.Get(query, null));

        // Cached now: the same text with 100 per page costs 2 x (2 + 100 x 2) = 404, and twice that is more than the
        // 500-point bucket holds.
        var first = await SendAsync(caller, query, new { n = 100 });
        var second = await SendAsync(caller, query, new { n = 100 });

        Assert.Equal(2 * (2 + 1 * 2), small.Body["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(404, first.Body["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.Equal([QueryCostRule.Throttled], ErrorCodes(second.Body));
    }

    [Fact]
    public async Task ACachedDocument_StillRefusesNulInItsVariables()
    {
        var caller = TestTokens.For("acme", "Viewer");
        var query = Unique("query($sku: String!) { product(sku: $sku) { sku } }");

        var clean = await SendAsync(caller, query, new { sku = "WID-001" });
        Assert.True(clean.Status == HttpStatusCode.OK, clean.Body.ToJsonString());
        Assert.NotNull(Cache.Get(query, null));

        var withNul = await SendAsync(caller, query, new { sku = "WID\u0000001" });

        Assert.Equal(HttpStatusCode.BadRequest, withNul.Status);
        Assert.Equal(["INVALID_CHARACTERS"], ErrorCodes(withNul.Body));
    }

    [Fact]
    public async Task MaxPerRequest_StillHolds_ForAnOperationOfACachedText()
    {
        // One text, two operations: One signs in once and gets cached; Two signs in twice (MaxPerRequest is 1), which
        // the field limits refuse whether or not the text is cached.
        const string login = "login(input: $input) { accessToken userErrors { code } }";
        var text = Unique($"mutation One($input: LoginInput!) {{ {login} }} mutation Two($input: LoginInput!) {{ a: {login} b: {login} }}");
        var input = new { tenant = "acme", email = "nobody@acme.test", password = "Wrong-Password-1" };

        var one = await SendAsync(null, text, new { input }, "One");
        Assert.True(one.Status == HttpStatusCode.OK, one.Body.ToJsonString());
        Assert.NotNull(Cache.Get(text, "One"));

        var two = await SendAsync(null, text, new { input }, "Two");

        Assert.Equal(HttpStatusCode.BadRequest, two.Status);
        Assert.Equal(["MAX_PER_REQUEST"], ErrorCodes(two.Body));
        Assert.Null(two.Body["data"]);
    }

    [Fact]
    public async Task ManyDistinctDocuments_DoNotGrowTheCachePastItsBounds()
    {
        for (var i = 0; i < CostFixture.DocumentCacheEntries * 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(null, Unique($"{{ t{i}: __typename }}"))).Status);

        Assert.InRange(Cache.Count, 1, CostFixture.DocumentCacheEntries);
    }
}
