namespace HooksDashboard.Telemetry;

/// <summary>
/// Configuration section <c>Telemetry</c>. Nothing is exported, and no listener is attached, unless an OTLP endpoint
/// (<c>Telemetry:Otlp:Endpoint</c>, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) or the Prometheus endpoint is
/// configured.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>The service name on every span and metric (<c>service.name</c>).</summary>
    public string ServiceName { get; set; } = "hooksdashboard";

    public OtlpTelemetryOptions Otlp { get; set; } = new();

    public PrometheusTelemetryOptions Prometheus { get; set; } = new();
}

/// <summary>OTLP export of traces and metrics.</summary>
public sealed class OtlpTelemetryOptions
{
    /// <summary>The collector's URL, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP).</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>; unset leaves the standard <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> in charge.</summary>
    public string? Protocol { get; set; }
}

/// <summary>The Prometheus scrape endpoint (metrics only).</summary>
public sealed class PrometheusTelemetryOptions
{
    public bool Enabled { get; set; }

    /// <summary>Where the endpoint answers; default <c>/metrics</c>.</summary>
    public string Path { get; set; } = "/metrics";
}
