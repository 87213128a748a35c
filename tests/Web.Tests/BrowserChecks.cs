using System.Collections.Concurrent;
using System.Reflection;
using Xunit.Sdk;

// Every browser test fails on a Content-Security-Policy violation or a missing icon on any page it opened.
[assembly: Inventory.Web.Tests.NoBrowserProblems]

namespace Inventory.Web.Tests;

/// <summary>
/// What the browser reports while a test runs, from every context <see cref="WebFixture.NewPageAsync"/> opens:
/// <c>securitypolicyviolation</c> events (and the console's CSP messages), console errors (reported with a
/// failure, for context), and icon requests that fail. Browser tests share one collection and run one at a time,
/// so one record serves them all.
/// </summary>
public static class BrowserChecks
{
    private static readonly ConcurrentQueue<string> ProblemQueue = new();
    private static readonly ConcurrentQueue<string> ConsoleErrorQueue = new();

    public static IReadOnlyList<string> Problems => [.. ProblemQueue];
    public static IReadOnlyList<string> ConsoleErrors => [.. ConsoleErrorQueue];

    public static async Task WatchAsync(IBrowserContext context)
    {
        await context.ExposeFunctionAsync("__inventoryReportViolation", (string violation) => ProblemQueue.Enqueue("CSP violation: " + violation));
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', (e) =>
              window.__inventoryReportViolation(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} on ${location.pathname} (${e.sourceFile}:${e.lineNumber})`));
            """);
        context.Console += (_, message) =>
        {
            if (message.Type != "error")
                return;
            ConsoleErrorQueue.Enqueue(message.Text);
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                ProblemQueue.Enqueue("CSP (console): " + message.Text);
        };
        context.Response += (_, response) =>
        {
            if (IsIcon(response.Url) && response.Status >= 400)
                ProblemQueue.Enqueue($"{response.Status} for {response.Url}");
        };
        context.RequestFailed += (_, request) =>
        {
            if (IsIcon(request.Url))
                ProblemQueue.Enqueue($"request failed: {request.Url} ({request.Failure})");
        };
    }

    public static void Reset()
    {
        ProblemQueue.Clear();
        ConsoleErrorQueue.Clear();
    }

    private static bool IsIcon(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsolutePath.StartsWith("/favicon", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Fails a browser test whose pages reported a CSP violation or a missing icon (with the console's errors, for context).</summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoBrowserProblemsAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest) => BrowserChecks.Reset();

    public override void After(MethodInfo methodUnderTest)
    {
        var problems = BrowserChecks.Problems;
        if (problems.Count == 0)
            return;
        var console = BrowserChecks.ConsoleErrors;
        BrowserChecks.Reset();
        throw new XunitException(
            $"The browser reported {problems.Count} problem(s) during {methodUnderTest.DeclaringType?.Name}.{methodUnderTest.Name}:\n  "
            + string.Join("\n  ", problems)
            + (console.Count > 0 ? "\nConsole errors:\n  " + string.Join("\n  ", console) : ""));
    }
}
