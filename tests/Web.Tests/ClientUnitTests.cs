using System.Diagnostics;
using Xunit.Abstractions;

namespace Inventory.Web.Tests;

/// <summary>
/// The web client's unit tests (vitest, src/Web/src/**/*.test.ts) as part of the .NET test run. They need the
/// npm packages the host's build installs in src/Web/node_modules.
/// </summary>
public sealed class ClientUnitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task VitestUnitTestsOfTheWebClient_Pass()
    {
        var web = Path.Combine(Screenshots.RepositoryRoot(), "src", "Web");
        var vitest = Path.Combine(web, "node_modules", "vitest", "vitest.mjs");
        Assert.True(File.Exists(vitest), $"{vitest} is missing: build src/Host (it runs npm ci in src/Web) first.");

        var start = new ProcessStartInfo("node") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { vitest, "run", "--reporter=verbose", "--color=false" })
            start.ArgumentList.Add(arg);
        start.Environment["CI"] = "true";
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        Assert.True(process.ExitCode == 0, $"vitest exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        Assert.Matches(@"Tests\s+\d+ passed", System.Text.RegularExpressions.Regex.Replace(await stdout, @"\x1b\[[0-9;]*m", ""));
    }
}
