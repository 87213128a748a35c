using System.Collections.Concurrent;
using System.Diagnostics;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace Inventory.Host.Tests.Operations;

/// <summary>Keeps every log line with the scope values that were active when it was written.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
    public ConcurrentQueue<(string Category, string Message, Dictionary<string, object?> Scope)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>();
            owner._scopes.ForEachScope((value, values) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, item) in pairs)
                        values[key] = item;
            }, scope);
            owner.Entries.Enqueue((category, formatter(state, exception), scope));
        }
    }
}

/// <summary>A collection the exporters may add to from any thread.</summary>
public sealed class LockedList<T> : System.Collections.ObjectModel.Collection<T>
{
    private readonly Lock _gate = new();

    protected override void InsertItem(int index, T item) { lock (_gate) base.InsertItem(index, item); }
    protected override void ClearItems() { lock (_gate) base.ClearItems(); }
    public List<T> Snapshot() { lock (_gate) return [.. this]; }
}

public sealed class TelemetryFixture() : InventoryAppFixture(new AppOptions
{
    DatabasePrefix = "host_telemetry_tests",
    Settings = new() { ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" },
    Services = services =>
    {
        services.AddSingleton<LockedList<Activity>>();
        services.AddSingleton<List<Metric>>();
        services.ConfigureOpenTelemetryTracerProvider((sp, tracing) => tracing.AddInMemoryExporter(sp.GetRequiredService<LockedList<Activity>>()));
        services.ConfigureOpenTelemetryMeterProvider((sp, metrics) => metrics.AddInMemoryExporter(sp.GetRequiredService<List<Metric>>()));
        services.AddSingleton<CapturingLoggerProvider>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<CapturingLoggerProvider>());
    },
});

/// <summary>Traces, metrics and structured logs are wired: one request is one trace, down to the SQL it ran, and its log lines carry the trace and the tenant.</summary>
public sealed class TelemetryTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>, IAsyncLifetime
{
    private InventoryApp App => fixture.App;

    public Task InitializeAsync() => App.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GraphQLRequest_IsOneTraceFromHttpToTheDatabase_AndItsLogsCarryTraceAndTenant()
    {
        var activities = App.Services.GetRequiredService<LockedList<Activity>>();
        var logs = App.Services.GetRequiredService<CapturingLoggerProvider>();
        activities.Clear();

        await App.GraphQL().QueryAsync("""{ products(first: 1, filter: { search: "telemetry-probe" }) { totalCount } }""");

        var server = await Eventually.WaitAsync(
            () => Task.FromResult(activities.Snapshot().FirstOrDefault(a => a.Kind == ActivityKind.Server && a.DisplayName.Contains("graphql", StringComparison.OrdinalIgnoreCase))),
            a => a is not null, what: "the HTTP server span");
        var database = activities.Snapshot().Where(a => a.Source.Name == "Npgsql" && a.TraceId == server!.TraceId).ToList();
        Assert.NotEmpty(database);

        var commandLogs = logs.Entries.Where(e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command"
                                                  && e.Scope.TryGetValue("TraceId", out var trace) && trace?.ToString() == server!.TraceId.ToString()).ToList();
        Assert.NotEmpty(commandLogs);
        Assert.All(commandLogs, e => Assert.Equal(App.Tenants[0], e.Scope["TenantId"]));
    }

    [Fact]
    public async Task Requests_AreMeasured()
    {
        await App.GraphQL().QueryAsync("{ __typename }");

        var metrics = App.Services.GetRequiredService<List<Metric>>();
        App.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
    }
}
