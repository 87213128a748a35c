using System.Net;
using System.Text.Json.Nodes;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace Inventory.Host.Tests.Operations;

public sealed class HealthTests(HostFixture fixture) : HostTest(fixture)
{
    [Fact]
    public async Task Live_AnswersHealthyWithoutCheckingDependencies()
    {
        var response = await App.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Empty(body["checks"]!.AsArray());
    }

    [Fact]
    public async Task Ready_Anonymously_AnswersOnlyUpOrDown()
    {
        var response = await App.CreateClient().GetAsync("/health/ready");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["status"], body.Select(p => p.Key));
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        foreach (var secret in App.Tenants.Append("tenant").Append("masstransit").Append("database"))
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ready_WithTheOperatorKey_ChecksEveryTenantDatabaseAndTheBus()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Add("X-Operator-Key", TestTokens.OperatorKey);
        var response = await App.CreateClient().SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var checks = JsonNode.Parse(text)!["checks"]!.AsArray();
        var tenantDatabases = checks.Single(c => c!["name"]!.GetValue<string>() == "tenant-databases")!;
        Assert.Equal("Healthy", tenantDatabases["status"]!.GetValue<string>());
        Assert.Contains($"{App.Tenants.Count} tenant database(s)", tenantDatabases["description"]!.GetValue<string>());
        Assert.Contains(checks, c => c!["name"]!.GetValue<string>().Contains("masstransit", StringComparison.OrdinalIgnoreCase)
                                     || c["tags"]!.AsArray().Any(t => t!.GetValue<string>() == "masstransit"));
    }

    [Fact]
    public async Task Ready_WithAWrongOperatorKey_IsRefusedAndRevealsNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Add("X-Operator-Key", "not-the-operator-key-0123456789abcdef0123");
        var response = await App.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// Readiness is cached: however many callers ask (at once, or one after the other, anonymously or with the key),
/// the checks run once per cache period. Counted with a check of its own, on a host whose cache lasts an hour.
/// </summary>
public sealed class ReadinessCacheTests : IAsyncLifetime
{
    private readonly CountingCheck _counter = new();
    private readonly InventoryApp _app;

    public ReadinessCacheTests()
    {
        _app = new InventoryApp(new AppOptions
        {
            DatabasePrefix = "ready_cache",
            Tenants = ["solo"],
            Settings = new() { ["Health:ReadyCacheDuration"] = "01:00:00" },
            Services = services => services.AddHealthChecks().AddCheck("counting", _counter, tags: ["ready"]),
        });
    }

    public Task InitializeAsync() => _app.InitializeAsync(); // polls /health/ready until the host is ready

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Ready_WithinTheCachePeriod_DoesNotRunTheChecksAgain()
    {
        var runs = _counter.Runs;
        Assert.True(runs >= 1);

        using var client = _app.CreateClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/health/ready")));
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        using var detailed = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        detailed.Headers.Add("X-Operator-Key", TestTokens.OperatorKey);
        var detail = await client.SendAsync(detailed);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Contains("counting", await detail.Content.ReadAsStringAsync());
        Assert.Equal(runs, _counter.Runs);
    }

    private sealed class CountingCheck : IHealthCheck
    {
        private int _runs;
        public int Runs => Volatile.Read(ref _runs);

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _runs);
            return Task.FromResult(HealthCheckResult.Healthy("counted"));
        }
    }
}
