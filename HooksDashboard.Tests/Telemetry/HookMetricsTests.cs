using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Events;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Telemetry;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Telemetry;

/// <summary>
/// Issue 14 (operability): the <c>HooksDashboard</c> meter read with a <see cref="MeterListener"/> limited to the test
/// host's own meter (each host's <see cref="IMeterFactory"/> creates its own), and the Prometheus scrape endpoint.
/// </summary>
public sealed class HookMetricsTests
{
    [Fact]
    public async Task Record_SuccessAndError_CountsInvocationsErrorsAndDurationsPerPointAndHook()
    {
        await using var app = new AppFactory();
        using var client = app.CreateClient();
        using var listener = Listen(app, out var measurements);
        var runner = app.Services.GetRequiredService<IHookRunner>();
        var ok = new HookInvocation(CredentialsExchangePoint.TriggerId, "module.exports = function (c, s, a, ctx, cb) { cb(null, {}); };", null, new Dictionary<string, string>(), InvocationSource.Cli) { HookId = "hook-ok" };
        var failing = ok with { Script = "module.exports = function (c, s, a, ctx, cb) { throw new Error('no'); };", HookId = "hook-bad" };

        await runner.RunAsync(ok);
        await runner.RunAsync(ok);
        await runner.RunAsync(failing);

        var invocations = measurements.Where(m => m.Name == "hooks.invocations").ToList();
        Assert.Equal(2, invocations.Count(m => m.Tags["hooks.hook_id"] == "hook-ok" && m.Tags["hooks.outcome"] == "success"));
        Assert.Single(invocations, m => m.Tags["hooks.hook_id"] == "hook-bad" && m.Tags["hooks.outcome"] == "error");
        Assert.All(invocations, m => Assert.Equal(CredentialsExchangePoint.TriggerId, m.Tags["hooks.point"]));
        Assert.All(invocations, m => Assert.Equal("cli", m.Tags["hooks.source"]));
        var error = Assert.Single(measurements, m => m.Name == "hooks.errors");
        Assert.Equal("hook-bad", error.Tags["hooks.hook_id"]);
        Assert.Equal("exception", error.Tags["hooks.error_kind"]);
        var durations = measurements.Where(m => m.Name == "hooks.invocation.duration").ToList();
        Assert.Equal(3, durations.Count);
        Assert.All(durations, d => Assert.InRange(d.Value, 0.0000001, 30));
    }

    [Fact]
    public async Task ObservableGauges_QueuedEventsAndLogWriter_ReportDepthOldestAgeBacklogAndDrops()
    {
        await using var app = new AppFactory();
        app.Settings["Events:WorkerEnabled"] = "false";
        using var client = app.CreateClient();
        var database = app.Services.GetRequiredService<SqliteDatabase>();
        var events = app.Services.GetRequiredService<IHookEventStore>();
        await using (var connection = await database.OpenConnectionAsync())
        {
            await using var transaction = SqliteDatabase.BeginWrite(connection);
            await events.EnqueueAsync(connection, transaction, PostUserRegistrationPoint.TriggerId, new JsonObject(), "req-1");
            await events.EnqueueAsync(connection, transaction, PostUserRegistrationPoint.TriggerId, new JsonObject(), "req-2");
            await transaction.CommitAsync();
        }

        using var listener = Listen(app, out var measurements);
        listener.RecordObservableInstruments();

        Assert.Equal(2, Assert.Single(measurements, m => m.Name == "hooks.events.depth").Value);
        Assert.InRange(Assert.Single(measurements, m => m.Name == "hooks.events.oldest_age").Value, 0, 120);
        Assert.InRange(Assert.Single(measurements, m => m.Name == "hooks.log.backlog").Value, 0, int.MaxValue);
        Assert.Equal(0, Assert.Single(measurements, m => m.Name == "hooks.log.dropped").Value);
    }

    [Fact]
    public async Task ObservableGauges_EmptyQueue_DepthAndAgeZero()
    {
        await using var app = new AppFactory();
        app.Settings["Events:WorkerEnabled"] = "false";
        using var client = app.CreateClient();

        using var listener = Listen(app, out var measurements);
        listener.RecordObservableInstruments();

        Assert.Equal(0, Assert.Single(measurements, m => m.Name == "hooks.events.depth").Value);
        Assert.Equal(0, Assert.Single(measurements, m => m.Name == "hooks.events.oldest_age").Value);
    }

    [Fact]
    public void Record_NoListener_AllocatesNothing()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new HookMetrics(services.GetRequiredService<IMeterFactory>());
        var invocation = new HookInvocation(CredentialsExchangePoint.TriggerId, "x", null, new Dictionary<string, string>(), InvocationSource.Runtime) { HookId = "h" };
        var result = HooksDashboard.Execution.ExecutionResult.Failure(HooksDashboard.Execution.ExecutionErrorKind.Exception, "Error", "no");
        metrics.Record(invocation, result);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            metrics.Record(invocation, result);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(null, "/metrics")]
    [InlineData("/internal/metrics", "/internal/metrics")]
    public async Task PrometheusEndpoint_Enabled_ServesTheHookCounters(string? configuredPath, string path)
    {
        await using var app = new AppFactory();
        app.Settings["Telemetry:Prometheus:Enabled"] = "true";
        if (configuredPath is not null)
            app.Settings["Telemetry:Prometheus:Path"] = configuredPath;
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var hookId = "prom-" + Guid.NewGuid().ToString("N")[..8];
        await app.Services.GetRequiredService<IHookRunner>().RunAsync(new HookInvocation(CredentialsExchangePoint.TriggerId,
            "module.exports = function (c, s, a, ctx, cb) { cb(null, {}); };", null, new Dictionary<string, string>(), InvocationSource.Cli) { HookId = hookId });

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("hooks_invocations_total{", text, StringComparison.Ordinal);
        Assert.Contains($"hooks_hook_id=\"{hookId}\"", text, StringComparison.Ordinal);
        Assert.Contains("hooks_invocation_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("hooks_events_depth", text, StringComparison.Ordinal);
        Assert.Contains("hooks_log_backlog", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrometheusEndpoint_NotEnabled_Answers404()
    {
        await using var app = new AppFactory();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(TelemetryServiceCollectionExtensions.PrometheusOffMessage, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Telemetry:Prometheus:Path", "metrics", "Telemetry:Prometheus:Path must be a path starting with /")]
    [InlineData("Telemetry:Prometheus:Path", "/readyz", "(not a health probe's)")]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4317", "Telemetry:Otlp:Endpoint must be an absolute http or https URL")]
    [InlineData("Telemetry:Otlp:Protocol", "thrift", "Telemetry:Otlp:Protocol must be grpc or http/protobuf")]
    public async Task Start_BadTelemetrySetting_FailsNamingTheKey(string key, string value, string expected)
    {
        await using var app = new AppFactory();
        app.Settings["Telemetry:Prometheus:Enabled"] = "true";
        app.Settings[key] = value;

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    internal sealed record Measurement(string Name, double Value, IReadOnlyDictionary<string, string?> Tags);

    private static MeterListener Listen(AppFactory app, out List<Measurement> measurements)
    {
        var meter = app.Services.GetRequiredService<HookMetrics>().Meter;
        var collected = new List<Measurement>();
        measurements = collected;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                    l.EnableMeasurementEvents(instrument);
            },
        };
        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, string?>();
            foreach (var tag in tags)
                copy[tag.Key] = tag.Value?.ToString();
            lock (collected)
                collected.Add(new Measurement(instrument.Name, value, copy));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        return listener;
    }
}
