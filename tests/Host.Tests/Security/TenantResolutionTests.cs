using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Security;

/// <summary>The subdomain may name the tenant too; the token's tenant always wins, and a disagreeing subdomain is refused.</summary>
public sealed class TenantResolutionTests(HostFixture fixture) : HostTest(fixture)
{
    private async Task<(int Status, JsonNode? Body)> SendAsync(string host, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ products { nodes { sku } } }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = host;
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await App.CreateClient().SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Subdomain_MatchingTheToken_IsServed_AndAnotherSubdomainIsForbidden()
    {
        var globex = App.Tenants[1];
        await App.GraphQL(globex).QueryAsync("""mutation { createProduct(input: { sku: "SUB-1", name: "Sub" }) { product { id } } }""");

        var own = await SendAsync($"{globex}.{HostFixture.BaseDomain}", TestTokens.For(globex));
        var other = await SendAsync($"{globex}.{HostFixture.BaseDomain}", TestTokens.For(App.Tenants[0]));
        var unknown = await SendAsync($"nobody.{HostFixture.BaseDomain}", null);

        Assert.Equal(200, own.Status);
        Assert.Equal("SUB-1", own.Body!["data"]!["products"]!["nodes"]![0]!["sku"]!.GetValue<string>());
        Assert.Equal(403, other.Status);
        Assert.Equal("FORBIDDEN", other.Body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(404, unknown.Status);
        Assert.Equal("TENANT_NOT_FOUND", unknown.Body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
