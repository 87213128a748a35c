using System.Diagnostics;
using System.Text.Json;
using Inventory.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace Inventory.Host.Tests.Http;

/// <summary>
/// Runs the graphql-http audit suite (npm <c>graphql-http</c>, the GraphQL-over-HTTP spec's own conformance
/// audits, driven by tests/audit/audit.mjs) against the real host listening on a loopback TCP port.
/// Every MUST audit that fails is an error and fails this test; SHOULD/MAY audits that fail are warnings,
/// printed but accepted.
/// </summary>
public sealed class GraphQLHttpAuditTests(ITestOutputHelper output)
{
    private static readonly TimeSpan AuditTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task GraphQLOverHttp_PassesEveryRequiredAuditOfGraphQLHttp()
    {
        var auditDir = NodeScripts.Folder;
        Assert.True(Directory.Exists(Path.Combine(auditDir, "node_modules", "graphql-http")),
            $"The audit's npm packages are missing: run `npm ci` in {auditDir} (scripts/test.sh does it).");

        // Its own app and databases: this host listens on TCP (Kestrel), unlike HostFixture's in-memory TestServer.
        await using var app = new InventoryApp(new AppOptions { DatabasePrefix = "audit_tests", Tenants = ["audit"] });
        await app.DropDatabasesAsync();
        app.UseKestrel(0);
        app.StartServer();
        var url = $"{app.KestrelAddress()}/graphql";
        output.WriteLine($"auditing {url}");

        var report = await RunAuditAsync(url);

        foreach (var result in report.Results.Where(r => r.Status != "ok"))
            output.WriteLine(Describe(result));
        output.WriteLine($"graphql-http audits: {report.Ok} ok, {report.Notice} notice, {report.Warn} warn, {report.Error} error");

        Assert.NotEmpty(report.Results);
        Assert.Equal(report.Results.Count, report.Ok + report.Notice + report.Warn + report.Error);
        Assert.True(report.Error == 0,
            $"{report.Error} graphql-http audit(s) failed ({report.Ok} ok, {report.Warn} warn):\n" +
            string.Join("\n", report.Results.Where(r => r.Status is "error" or "warn").OrderBy(r => r.Status).Select(Describe)));
    }

    private static async Task<AuditReport> RunAuditAsync(string url)
    {
        var start = NodeScripts.StartInfo("audit.mjs", [url], new Dictionary<string, string>
        {
            ["AUDIT_AUTHORIZATION"] = "Bearer " + TestTokens.For("audit"),
        });

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Could not run `node` (Node.js 20+ must be on PATH for the graphql-http audit).", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(AuditTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node audit.mjs did not finish within {AuditTimeout}; stderr: {await stderr}");
            }

            var text = await stdout;
            if (process.ExitCode != 0 || string.IsNullOrWhiteSpace(text))
                throw new InvalidOperationException($"node audit.mjs exited with {process.ExitCode}; stderr: {await stderr}\nstdout: {text}");
            return JsonSerializer.Deserialize<AuditReport>(text, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw new InvalidOperationException($"node audit.mjs printed no report: {text}");
        }
    }

    private static string Describe(AuditResult r) =>
        $"  [{r.Status}] {r.Id} {r.Name}: {r.Reason}" +
        (r.Response is { } response ? $" (HTTP {response.Status} {response.ContentType}: {response.Body})" : "");

    private sealed record AuditReport(int Ok, int Notice, int Warn, int Error, List<AuditResult> Results);

    private sealed record AuditResult(string Id, string Name, string Status, string? Reason, AuditResponse? Response);

    private sealed record AuditResponse(int Status, string? ContentType, string? Body);
}
