using System.Diagnostics;

namespace Inventory.Host.Tests.Http;

/// <summary>
/// Counts the PostgreSQL commands (Npgsql activities) one HTTP request causes. The request carries its own
/// W3C <c>traceparent</c>; ASP.NET Core continues that trace, and every command a resolver or DataLoader sends
/// while serving it belongs to the same trace, while background work (outbox sweep, jobs) does not.
/// </summary>
internal sealed class DatabaseCommandProbe : IDisposable
{
    private readonly ActivityListener _listener;
    private int _commands;

    public DatabaseCommandProbe()
    {
        TraceId = ActivityTraceId.CreateRandom();
        var traceId = TraceId;
        _listener = new ActivityListener
        {
            // Listening to the hosting source as well makes ASP.NET Core create the request activity (and so
            // continue our trace) whatever the host's telemetry configuration.
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == traceId)
                    Interlocked.Increment(ref _commands);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ActivityTraceId TraceId { get; }

    public int Commands => Volatile.Read(ref _commands);

    /// <summary>Makes <paramref name="request"/> part of the probed trace.</summary>
    public HttpRequestMessage Tag(HttpRequestMessage request)
    {
        request.Headers.Add("traceparent", $"00-{TraceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return request;
    }

    public void Dispose() => _listener.Dispose();
}
