using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inventory.BuildingBlocks.GraphQL.Cost;
using Inventory.Host.Tests.Http;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Cost;

/// <summary>
/// The calculated cost of requests on the real schema with the default limits (ADR 15): costly documents and too many
/// root fields are refused before any SQL runs, every answer says what it cost, and the admin UI's pages stay far
/// below the limits.
/// </summary>
public sealed class QueryCostTests(HostFixture fixture) : HostTest(fixture)
{
    private static readonly QueryCostOptions Defaults = new();

    private static string Aliased(int count, string field) =>
        "{ " + string.Join(" ", Enumerable.Range(0, count).Select(i => $"a{i}: {field}")) + " }";

    private async Task<(HttpStatusCode Status, JsonNode Body, int DatabaseCommands)> SendProbedAsync(string query, string role = "Viewer")
    {
        using var probe = new DatabaseCommandProbe();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(App.Tenants[0], role));
        using var response = await App.CreateClient().SendAsync(probe.Tag(request));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response.StatusCode, body, probe.Commands);
    }

    private static IEnumerable<string?> Codes(JsonNode body) =>
        (body["errors"] as JsonArray ?? []).Select(e => e!["extensions"]?["code"]?.GetValue<string>());

    private static int RequestedCost(JsonNode body) => body["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>();

    [Fact]
    public async Task ThousandsOfAliasedTotalCounts_AreRefusedWithTheirCost_BeforeAnySqlRuns()
    {
        // The control: two aliases are allowed, and the probe sees their queries (a page and a COUNT each).
        var (_, allowedBody, allowedCommands) = await SendProbedAsync(Aliased(2, "products { totalCount }"));
        Assert.Empty(Codes(allowedBody));
        Assert.True(allowedCommands >= 2, $"the probe saw {allowedCommands} commands for two counts");

        var (status, body, commands) = await SendProbedAsync(Aliased(2400, "products { totalCount }"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(body["data"]);
        Assert.Contains(QueryCostRule.TooManyRootFields, Codes(body));
        Assert.Contains(QueryCostRule.MaxCostExceeded, Codes(body));
        var maxCost = (body["errors"] as JsonArray)!.Single(e => e!["extensions"]!["code"]!.GetValue<string>() == QueryCostRule.MaxCostExceeded)!;
        Assert.Equal(2400 * 3, maxCost["extensions"]!["cost"]!.GetValue<int>());
        Assert.Equal(Defaults.MaxCost, maxCost["extensions"]!["maxCost"]!.GetValue<int>());
        Assert.Equal(2400 * 3, RequestedCost(body));
        Assert.Equal(0, commands);
    }

    [Fact]
    public async Task RootFields_BeyondTheCap_AreRefused_AndUpToTheCapAnswered()
    {
        var (atCapStatus, atCap, _) = await SendProbedAsync(Aliased(Defaults.MaxRootFields, "product(sku: \"NOPE\") { name }"));
        var (overStatus, over, commands) = await SendProbedAsync(Aliased(Defaults.MaxRootFields + 1, "product(sku: \"NOPE\") { name }"));

        Assert.Equal(HttpStatusCode.OK, atCapStatus);
        Assert.Empty(Codes(atCap));
        Assert.Equal(HttpStatusCode.BadRequest, overStatus);
        Assert.Equal([QueryCostRule.TooManyRootFields], Codes(over));
        Assert.Equal(0, commands);
    }

    [Fact]
    public async Task EveryAnswer_CarriesItsCostAndTheCallersBudget()
    {
        var viewer = App.GraphQL(role: "Viewer");
        var admin = App.GraphQL(role: "Admin");

        var query = await viewer.SendAsync("{ products(first: 5) { totalCount nodes { sku } } }");
        var mutation = await admin.SendAsync("""
            mutation { createProduct(input: { sku: "COST-1", name: "Cost", unitOfMeasure: "EA" }) { product { sku } userErrors { code } } }
            """);
        var typename = await viewer.SendAsync("{ __typename }");

        Assert.Equal(2 + 1 + 5, RequestedCost(query.Body!));
        Assert.Equal(Defaults.MutationCost + 1 + 1, RequestedCost(mutation.Body!));
        Assert.Equal(0, RequestedCost(typename.Body!));
        var throttle = query.Body!["extensions"]!["cost"]!["throttleStatus"]!;
        Assert.Equal(Defaults.MaximumAvailable, throttle["maximumAvailable"]!.GetValue<int>());
        Assert.Equal(Defaults.RestoreRate, throttle["restoreRate"]!.GetValue<int>());
        Assert.InRange(throttle["currentlyAvailable"]!.GetValue<int>(), 0, Defaults.MaximumAvailable);
    }

    [Fact]
    public async Task TheProductsPageOfTheAdminUi_CostsFarBelowTheLimits()
    {
        // The products list as src/Web/src/pages/ProductsPage.tsx asks for it, a page of 20.
        const string page = """
            query Products($first: Int!, $after: String, $filter: ProductFilterInput) {
              products(first: $first, after: $after, filter: $filter) {
                totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                nodes { ...ProductFields }
              }
            }
            fragment ProductFields on Product { id sku name description category unitOfMeasure barcode status version updatedAt }
            """;

        var answer = await App.GraphQL(role: "Admin").SendAsync(page, new { first = 20 });

        Assert.Null(answer.Errors);
        Assert.Equal(2 + 1 + 20, RequestedCost(answer.Body!));
        Assert.True(RequestedCost(answer.Body!) * 10 <= Defaults.MaxCost);
    }

    [Fact]
    public async Task OverWebSocket_EachOperationIsCostedLikeARequest()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(App, App.Tenants[0], "Viewer");

        await socket.SubscribeAsync("big", Aliased(2400, "products { totalCount }"));
        var refused = await socket.ReceiveForAsync("big");
        await socket.SubscribeAsync("small", "{ products(first: 2) { totalCount } }");
        var answered = await socket.ReceiveForAsync("small");

        Assert.Equal("error", refused["type"]!.GetValue<string>());
        var codes = refused["payload"]!.AsArray().Select(e => e!["extensions"]?["code"]?.GetValue<string>()).ToList();
        Assert.Contains(QueryCostRule.MaxCostExceeded, codes);
        Assert.Contains(QueryCostRule.TooManyRootFields, codes);
        Assert.Equal("next", answered["type"]!.GetValue<string>());
        Assert.Equal(3, answered["payload"]!["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
    }
}
