using System.Net.Http.Json;

namespace Inventory.Web.Tests;

/// <summary>
/// The UI's security headers, and every page and GraphiQL working under its Content-Security-Policy (with the icon
/// each page links served). Every other browser test is held to the same by <see cref="NoBrowserProblemsAttribute"/>.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SecurityHeadersTests(WebFixture web)
{
    private static readonly string[] Pages =
        ["/", "/products", "/warehouses", "/stock", "/ledger", "/transfers", "/reservations", "/orders", "/purchase-orders", "/users", "/no-such-page"];

    [Fact]
    public async Task PagesAssetsAndTheApi_CarryTheSecurityHeaders()
    {
        using var http = web.Http();
        var index = await http.GetAsync("/");
        var asset = System.Text.RegularExpressions.Regex.Match(await index.Content.ReadAsStringAsync(), "/assets/[^\"]+\\.js").Value;
        Assert.NotEmpty(asset);

        foreach (var path in new[] { "/", "/products", "/graphql/ui", "/login", asset, "/favicon.ico", "/favicon.svg" })
        {
            var response = await http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            var policy = Header(response, "Content-Security-Policy");
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("script-src 'self';", policy);
            Assert.DoesNotContain("unsafe-eval", policy);
            Assert.DoesNotMatch("script-src[^;]*unsafe-inline", policy);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{path}: HSTS over plain HTTP");
        }

        var icon = await http.GetAsync("/favicon.ico");
        Assert.StartsWith("image/", icon.Content.Headers.ContentType?.MediaType);

        var api = await http.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
        Assert.Equal("nosniff", Header(api, "X-Content-Type-Options"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(api, "Content-Security-Policy"));
        var health = await http.GetAsync("/health/live");
        Assert.Equal("nosniff", Header(health, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task EveryPageAndGraphiQL_RunUnderThePolicy_WithTheirIconServed()
    {
        var page = await Ui.SignedInPageAsync(web);
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToBeVisibleAsync();
            await AssertIconsServedAsync(page, path);
            Assert.True(BrowserChecks.Problems.Count == 0, $"{path}: {string.Join("; ", BrowserChecks.Problems)}");
        }

        // GraphiQL: its editor (Monaco, with its language workers and fonts) loads and runs a query.
        await page.GotoAsync("/graphql/ui");
        await Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("totalCount", new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute query" }).ClickAsync();
        await Expect(page.Locator(".graphiql-response")).ToContainTextAsync("totalCount", new() { Timeout = 30_000 });
        await AssertIconsServedAsync(page, "/graphql/ui");
        Assert.True(BrowserChecks.Problems.Count == 0, $"/graphql/ui: {string.Join("; ", BrowserChecks.Problems)}");

        // Signed out: the sign-in and sign-up pages.
        var anonymous = await web.NewPageAsync();
        foreach (var path in new[] { "/login", "/signup" })
        {
            await anonymous.GotoAsync(path);
            await Expect(anonymous.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToBeVisibleAsync();
            await AssertIconsServedAsync(anonymous, path);
        }
        Assert.True(BrowserChecks.Problems.Count == 0, string.Join("; ", BrowserChecks.Problems));
    }

    [Fact]
    public async Task TheWatch_SeesAViolation()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/login");

        // An inline script, as an injected one would be: the policy blocks it and the page reports it.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.head.appendChild(s); }");

        await Inventory.TestKit.Eventually.WaitAsync(() => Task.FromResult(BrowserChecks.Problems.Count > 0), TimeSpan.FromSeconds(10), "the violation to be reported");
        Assert.Contains(BrowserChecks.Problems, p => p.Contains("script-src"));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.injected ?? null"));
        BrowserChecks.Reset(); // this test's violation is the expected one
    }

    private static async Task AssertIconsServedAsync(IPage page, string path)
    {
        var icons = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)");
        Assert.True(icons.Length > 0, $"{path} links no icon");
        foreach (var icon in icons)
        {
            var response = await page.APIRequest.GetAsync(icon);
            Assert.True(response.Ok, $"{path}: {icon} answered {response.Status}");
            Assert.StartsWith("image/", response.Headers["content-type"]);
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}
