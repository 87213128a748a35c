using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Inventory.BuildingBlocks.Operations;

/// <summary>The platform's own trace source and meter (modules add their spans and counters here).</summary>
public static class Telemetry
{
    public const string Name = "Inventory";
    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);
}

public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary><c>none</c>, <c>console</c> or <c>otlp</c>.</summary>
    public string Exporter { get; set; } = "none";

    public string? OtlpEndpoint { get; set; }
    public string ServiceName { get; set; } = "inventory";
}
