using System.Net;
using System.Text;

namespace Inventory.Web.Tests;

/// <summary>What the host answers where: the app for client routes, never for the API or operations.</summary>
[Collection(WebCollection.Name)]
public sealed class HostRoutesTests(WebFixture web)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/products")]
    [InlineData("/signup")]
    [InlineData("/purchase-orders/123")]
    public async Task ClientRoutes_AnswerTheAppsIndex(string path)
    {
        using var http = web.Http();
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"root\"></div>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GraphqlUi_IsGraphiQL_WhileGetAndPostGraphql_StayTheApi()
    {
        using var http = web.Http();

        var ui = await http.GetAsync("/graphql/ui");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("<div id=\"graphiql\"></div>", await ui.Content.ReadAsStringAsync());

        var get = await http.GetAsync("/graphql?query=%7B__typename%7D");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("\"__typename\":\"Query\"", await get.Content.ReadAsStringAsync());

        var post = await http.PostAsync("/graphql", new StringContent("{\"query\":\"{ __typename }\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("\"__typename\":\"Query\"", await post.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/graphql/unknown")]
    [InlineData("/health/unknown")]
    [InlineData("/assets/missing.js")]
    public async Task ServerPathsAndMissingFiles_AreNotFound_NeverTheApp(string path)
    {
        using var http = web.Http();
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<div id=\"root\">", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HashedAssets_AreCachedForever_AndPagesAreRevalidated()
    {
        using var http = web.Http();
        var index = await http.GetAsync("/");
        Assert.True(index.Headers.CacheControl?.NoCache, "index.html must be revalidated");
        var html = await index.Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        var asset = await http.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString());
    }
}
