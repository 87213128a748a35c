using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inventory.BuildingBlocks.GraphQL.Cost;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Cost;

/// <summary>Each caller's budget of cost points (ADR 15): spent by what requests cost, refused as THROTTLED, refilled over time.</summary>
public sealed class QueryBudgetTests(CostFixture fixture) : CostTest(fixture)
{
    // Two pages of 100 products with their attributes: 2 x (2 + 100 x 2) = 404 points, under MaxCost (1,000) but
    // more than what is left of a 500-point bucket after it ran once (it takes 12 s at 25 a second to come back).
    private const string Costly = """
        { a: products(first: 100) { nodes { attributes { key } } } b: products(first: 100) { nodes { attributes { key } } } }
        """;
    private const int CostlyCost = 404;

    private static async Task<(HttpStatusCode Status, RetryConditionHeaderValue? RetryAfter, JsonNode Body)> SendAsync(InventoryApp app, string token, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await app.CreateClient().SendAsync(request);
        return (response.StatusCode, response.Headers.RetryAfter, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static JsonNode Throttle(JsonNode body) => body["extensions"]!["cost"]!["throttleStatus"]!;

    [Fact]
    public async Task ACallerWhoseBudgetIsSpent_IsThrottledWith429_OthersAreNot_AndTheBudgetRefills()
    {
        var caller = TestTokens.For("acme", "Viewer");

        var first = await SendAsync(App, caller, Costly);
        var second = await SendAsync(App, caller, Costly);
        var someoneElse = await SendAsync(App, TestTokens.For("acme", "Viewer"), Costly);

        Assert.True(first.Status == HttpStatusCode.OK, first.Body.ToJsonString());
        Assert.Equal(CostlyCost, first.Body["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        Assert.True(Throttle(first.Body)["currentlyAvailable"]!.GetValue<int>() < CostlyCost);
        Assert.Equal(CostFixture.MaximumAvailable, Throttle(first.Body)["maximumAvailable"]!.GetValue<int>());
        Assert.Equal(CostFixture.RestoreRate, Throttle(first.Body)["restoreRate"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.NotNull(second.RetryAfter?.Delta);
        Assert.True(second.RetryAfter!.Delta!.Value >= TimeSpan.FromSeconds(1));
        Assert.Null(second.Body["data"]);
        var error = Assert.Single(second.Body["errors"]!.AsArray());
        Assert.Equal(QueryCostRule.Throttled, error!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(CostlyCost, second.Body["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        Assert.True(Throttle(second.Body)["currentlyAvailable"]!.GetValue<int>() < CostlyCost);

        Assert.Equal(HttpStatusCode.OK, someoneElse.Status);

        // Refused requests take nothing: as the bucket refills, the same request goes through.
        var later = await Eventually.WaitAsync(() => SendAsync(App, caller, Costly), a => a.Status == HttpStatusCode.OK,
            timeout: TimeSpan.FromSeconds(90), what: "the caller's budget to refill");
        Assert.Equal(CostlyCost, later.Body["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
    }

    [Fact]
    public async Task OverWebSocket_AnOperationCostingMoreThanTheBudgetHolds_IsThrottled()
    {
        var caller = TestTokens.For("acme", "Viewer");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(App, caller, Costly)).Status);
        await using var socket = await GraphQLSocket.OpenAsync(App);
        await socket.InitAsync(new { authorization = "Bearer " + caller });

        await socket.SubscribeAsync("q", Costly);
        var refused = await socket.ReceiveForAsync("q");

        Assert.Equal("error", refused["type"]!.GetValue<string>());
        Assert.Equal(QueryCostRule.Throttled, refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
