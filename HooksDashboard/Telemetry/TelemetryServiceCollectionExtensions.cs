using HooksDashboard.Events;
using HooksDashboard.Health;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HooksDashboard.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard variable the OTLP exporter reads; also accepted here as the switch that turns export on.</summary>
    public const string StandardOtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of HttpClient requests in .NET 9 and later.</summary>
    public const string SystemNetHttpSource = "System.Net.Http";

    /// <summary>What the scrape path answers when the endpoint is off (404, so a misconfigured scraper sees why).</summary>
    public const string PrometheusOffMessage = "The Prometheus endpoint is off: set Telemetry:Prometheus:Enabled=true to serve metrics here.";

    /// <summary>
    /// Registers the hook metrics (always: instruments without a listener cost nothing) and, only when an exporter is
    /// configured, the OpenTelemetry SDK: traces of requests (ASP.NET Core), hook invocations
    /// (<see cref="HooksTelemetry.SourceName"/>) and their outbound HTTP calls exported by OTLP; metrics by OTLP and/or
    /// on the Prometheus endpoint. Throws for settings that cannot work (bad URL, protocol or path).
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new();
        services.AddSingleton(options);

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHookEventQueueStatsReader, SqliteHookEventQueueStatsReader>();
        services.AddSingleton<HookEventQueueSampler>();
        services.AddSingleton<HookMetrics>();

        var otlp = OtlpEndpoint(options, configuration);
        // From the standard variable the exporter reads it itself (and appends the signal's path over HTTP).
        var ownEndpoint = otlp is not null && !string.IsNullOrWhiteSpace(options.Otlp.Endpoint) ? otlp : null;
        var protocol = Protocol(options.Otlp.Protocol);
        // Checked even when off: the path then answers 404, and must not collide with a probe.
        ValidatePath(options.Prometheus.Path);
        if (otlp is null && !options.Prometheus.Enabled)
            return services;

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName));
        builder.WithMetrics(metrics =>
        {
            metrics.AddMeter(HooksTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation();
            if (otlp is not null)
                metrics.AddOtlpExporter(o => ConfigureOtlp(o, ownEndpoint, protocol, "v1/metrics"));
            if (options.Prometheus.Enabled)
                metrics.AddPrometheusExporter();
        });

        // Traces only go out by OTLP: without it no ActivityListener is attached, so no span is ever created.
        if (otlp is not null)
        {
            // Outbound HTTP spans come from .NET's own "System.Net.Http" source, not OpenTelemetry's HttpClient
            // instrumentation: that one injects traceparent/baggage into every request itself, and a hook's request
            // must carry only the headers the hook set (HttpTransport turns .NET's own propagation off for hooks).
            builder.WithTracing(tracing => tracing
                .AddSource(HooksTelemetry.SourceName, SystemNetHttpSource)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbeOrScrape(context.Request.Path, options))
                .AddOtlpExporter(o => ConfigureOtlp(o, ownEndpoint, protocol, "v1/traces")));
        }

        return services;
    }

    /// <summary>
    /// Maps the Prometheus scrape endpoint when <c>Telemetry:Prometheus:Enabled</c>, anonymous (protect it at the proxy:
    /// see README); otherwise its path answers 404 saying the endpoint is off.
    /// </summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (options.Prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(options.Prometheus.Path).AllowAnonymous().DisableAntiforgery();
        }
        else
        {
            // Without this an anonymous scraper would be redirected to the sign-in page like any unknown path.
            app.MapGet(options.Prometheus.Path, static () => Results.Text(PrometheusOffMessage, statusCode: StatusCodes.Status404NotFound))
                .AllowAnonymous().DisableAntiforgery();
        }
        return app;
    }

    // Probes and scrapes every few seconds would drown the traces of real requests.
    private static bool IsProbeOrScrape(PathString path, TelemetryOptions options) =>
        HealthServiceCollectionExtensions.IsProbe(path)
        || (options.Prometheus.Enabled && path.Equals(options.Prometheus.Path, StringComparison.OrdinalIgnoreCase));

    private static Uri? OtlpEndpoint(TelemetryOptions options, IConfiguration configuration)
    {
        var configured = options.Otlp.Endpoint;
        var key = "Telemetry:Otlp:Endpoint";
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = configuration[StandardOtlpEndpointVariable];
            key = StandardOtlpEndpointVariable;
        }
        if (string.IsNullOrWhiteSpace(configured))
            return null;
        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new InvalidOperationException($"Configuration key {key} must be an absolute http or https URL, e.g. http://otel-collector:4317; got '{configured}'.");
        return uri;
    }

    private static OtlpExportProtocol? Protocol(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException($"Configuration key Telemetry:Otlp:Protocol must be grpc or http/protobuf; got '{value}'."),
    };

    private static void ValidatePath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal)
            || HealthServiceCollectionExtensions.IsProbe(path))
            throw new InvalidOperationException($"Configuration key Telemetry:Prometheus:Path must be a path starting with / (not a health probe's), e.g. /metrics; got '{path}'.");
    }

    private static void ConfigureOtlp(OtlpExporterOptions exporter, Uri? endpoint, OtlpExportProtocol? protocol, string signalPath)
    {
        if (protocol is { } chosen)
            exporter.Protocol = chosen;
        if (endpoint is null)
            return;
        // Over HTTP the exporter posts to the URL as given when it is set in code (only the environment variable gets
        // the signal's path appended): add it, as the variable would.
        exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
            ? new Uri(endpoint, signalPath)
            : endpoint;
    }
}
