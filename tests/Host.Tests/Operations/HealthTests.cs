using System.Net;
using System.Text.Json.Nodes;
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
    public async Task Ready_ChecksEveryTenantDatabaseAndTheBus()
    {
        var response = await App.CreateClient().GetAsync("/health/ready");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var checks = JsonNode.Parse(text)!["checks"]!.AsArray();
        var tenantDatabases = checks.Single(c => c!["name"]!.GetValue<string>() == "tenant-databases")!;
        Assert.Equal("Healthy", tenantDatabases["status"]!.GetValue<string>());
        Assert.Contains($"{App.Tenants.Count} tenant database(s)", tenantDatabases["description"]!.GetValue<string>());
        Assert.Contains(checks, c => c!["name"]!.GetValue<string>().Contains("masstransit", StringComparison.OrdinalIgnoreCase)
                                     || c["tags"]!.AsArray().Any(t => t!.GetValue<string>() == "masstransit"));
    }
}
