using System.Text.Json;
using Inventory.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Operations;

public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// How long a readiness answer is reused: however often load balancers (or anyone) ask, the checks (which open
    /// every active tenant database) run at most once per this period on a host.
    /// </summary>
    public TimeSpan ReadyCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a not-ready (or degraded) answer is reused, at most <see cref="ReadyCacheDuration"/>: short, so a
    /// host that is starting, or recovering, is seen ready again soon.
    /// </summary>
    public TimeSpan NotReadyCacheDuration { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The last readiness report, refreshed by one caller at a time once it is older than the cache duration.</summary>
internal sealed class ReadinessCache(HealthCheckService health, IOptions<HealthOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot? _last;

    private sealed record Snapshot(HealthReport Report, long TakenAt);

    public async Task<HealthReport> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } report)
            return report;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } other)
                return other; // another caller refreshed it while this one waited
            // Not the caller's token: a client that hangs up must not fail the report that others wait for.
            var refreshed = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), CancellationToken.None);
            _last = new Snapshot(refreshed, time.GetTimestamp());
            return refreshed;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private HealthReport? Fresh()
    {
        if (_last is not { Report: var report, TakenAt: var takenAt })
            return null;
        var o = options.Value;
        var period = report.Status == HealthStatus.Healthy ? o.ReadyCacheDuration : TimeSpan.FromTicks(Math.Min(o.ReadyCacheDuration.Ticks, o.NotReadyCacheDuration.Ticks));
        return time.GetElapsedTime(takenAt) < period ? report : null;
    }
}

/// <summary>
/// <c>/health/ready</c>: anonymous callers get the status code (200 ready, 503 not) and the overall status only;
/// the checks with their descriptions (which name tenants) need the operator key, whose wrong values count
/// against the same per-address limit as on the API.
/// </summary>
internal static class ReadinessEndpoint
{
    public static async Task HandleAsync(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        var detailed = false;
        if (OperatorKeyGuard.Presents(http))
        {
            var guard = http.RequestServices.GetRequiredService<OperatorKeyGuard>();
            var isOperator = await CallerAuthentication.AuthenticateAsync(http) && Access.IsOperator(http.User);
            if (guard.IsLimited(http, wrongKey: !isOperator, out var retryAfter))
            {
                OperatorKeyGuard.WriteRetryAfter(http, retryAfter);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return;
            }
            if (!isOperator)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            detailed = true;
        }

        var report = await http.RequestServices.GetRequiredService<ReadinessCache>().GetAsync(http.RequestAborted);
        http.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        if (detailed)
        {
            await HealthResponse.WriteAsync(http, report);
            return;
        }
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, new { status = report.Status.ToString() }, cancellationToken: http.RequestAborted);
    }
}
