using System.Text.Json.Nodes;
using Xunit;

namespace Inventory.Host.Tests.Stock;

public sealed class WarehouseTests(HostFixture fixture) : HostTest(fixture)
{
    private const string Create = """
        mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) {
          warehouse { id code name address timeZone priority active } userErrors { code field message } } }
        """;

    private async Task<JsonNode> CreateAsync(object input, string role = "Manager") =>
        (await App.GraphQL(role: role).QueryAsync(Create, new { input }))["createWarehouse"]!;

    private static string[] Codes(JsonNode payload) => payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task CreateWarehouse_StoresItWithItsCodeInUpperCase_AndListsIt()
    {
        var payload = await CreateAsync(new { code = " wh-1 ", name = " Main hall ", timeZone = "Europe/Berlin", priority = 5, address = "Dock 3" });

        Assert.Empty(payload["userErrors"]!.AsArray());
        Assert.Equal("WH-1", payload["warehouse"]!["code"]!.GetValue<string>());
        Assert.Equal("Main hall", payload["warehouse"]!["name"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", payload["warehouse"]!["timeZone"]!.GetValue<string>());
        var list = (await App.GraphQL(role: "Viewer").QueryAsync("{ warehouses { totalCount nodes { code active } } }"))["warehouses"]!;
        Assert.Equal(1, list["totalCount"]!.GetValue<int>());

        var defaults = await CreateAsync(new { code = "WH2", name = "Second" });
        Assert.Equal("UTC", defaults["warehouse"]!["timeZone"]!.GetValue<string>());
        Assert.Equal(100, defaults["warehouse"]!["priority"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("", "INVALID_WAREHOUSE_CODE", "input.code")]
    [InlineData("has space", "INVALID_WAREHOUSE_CODE", "input.code")]
    [InlineData("-LEADING", "INVALID_WAREHOUSE_CODE", "input.code")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "INVALID_WAREHOUSE_CODE", "input.code")]
    public async Task CreateWarehouse_WithABadCode_IsRefusedAndWritesNothing(string code, string error, string field)
    {
        var payload = await CreateAsync(new { code, name = "X" });

        Assert.Equal([error], Codes(payload));
        Assert.Equal(field, payload["userErrors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(0, (await App.GraphQL().QueryAsync("{ warehouses { totalCount } }"))["warehouses"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateWarehouse_WithBadFields_ReportsEach()
    {
        var payload = await CreateAsync(new { code = "OK", name = " ", timeZone = "Mars/Olympus", priority = 1001 });

        var fields = payload["userErrors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(["input.name", "input.priority", "input.timeZone"], fields);
    }

    [Fact]
    public async Task CreateWarehouse_SameCodeIgnoringCase_IsTakenEvenConcurrently()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CreateAsync(new { code = i % 2 == 0 ? "DUP" : "dup", name = $"Dup {i}" })));

        Assert.Equal(1, results.Count(r => r["warehouse"] is not null));
        Assert.All(results.Where(r => r["warehouse"] is null), r => Assert.Equal(["WAREHOUSE_CODE_TAKEN"], Codes(r)));
    }

    [Fact]
    public async Task UpdateAndDeactivate_ChangeOnlyWhatIsSent_AndAreSafeToRetry()
    {
        await CreateAsync(new { code = "UPD", name = "Before", address = "Old street" });
        var client = App.GraphQL(role: "Manager");

        var updated = (await client.QueryAsync("""
            mutation { updateWarehouse(input: { code: "upd", name: "After", address: null }) { warehouse { name address timeZone } userErrors { code } } }
            """))["updateWarehouse"]!;
        Assert.Equal("After", updated["warehouse"]!["name"]!.GetValue<string>());
        Assert.Null(updated["warehouse"]!["address"]);
        Assert.Equal("UTC", updated["warehouse"]!["timeZone"]!.GetValue<string>());

        const string deactivate = """mutation { deactivateWarehouse(input: { code: "UPD" }) { warehouse { active } userErrors { code } } }""";
        Assert.False((await client.QueryAsync(deactivate))["deactivateWarehouse"]!["warehouse"]!["active"]!.GetValue<bool>());
        Assert.False((await client.QueryAsync(deactivate))["deactivateWarehouse"]!["warehouse"]!["active"]!.GetValue<bool>());
        var active = await client.QueryAsync("{ warehouses(filter: { active: true }) { totalCount } }");
        Assert.Equal(0, active["warehouses"]!["totalCount"]!.GetValue<int>());

        var missing = (await client.QueryAsync("""mutation { updateWarehouse(input: { code: "NOPE", name: "x" }) { userErrors { code field } } }"""))["updateWarehouse"]!;
        Assert.Equal(["NOT_FOUND"], Codes(missing));
        var badPriority = (await client.QueryAsync("""mutation { updateWarehouse(input: { code: "UPD", priority: null }) { userErrors { code field } } }"""))["updateWarehouse"]!;
        Assert.Equal("input.priority", badPriority["userErrors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Warehouses_AreConfiguredByManagers_NotClerks()
    {
        var payload = await App.GraphQL(role: "Clerk").SendAsync(Create, new { input = new { code = "CLERK", name = "No" } });

        Assert.Equal("FORBIDDEN", payload.FirstErrorCode);
        Assert.Equal(0, (await App.GraphQL().QueryAsync("{ warehouses { totalCount } }"))["warehouses"]!["totalCount"]!.GetValue<int>());
    }
}
