using System.Diagnostics;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Hooks;
using HooksDashboard.Telemetry;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HooksDashboard.Tests.Telemetry;

/// <summary>
/// Issue 14 (operability): with an OTLP endpoint configured the app traces each hook invocation and the hook's
/// outbound HTTP calls as its children. The spans are read with OpenTelemetry's in-memory exporter added to the app's
/// own tracer provider (the OTLP endpoint is a discard port; nothing needs to receive it). Activity listeners are
/// process-wide, so each test finds its spans by a hook id of its own.
/// </summary>
public sealed class HookTracingTests
{
    [Fact]
    public async Task RunEnabled_FetchAndHttpGetInHook_InvocationSpanWithAttributesAndOneChildSpanPerRequest()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var spans = new List<Activity>();
        await using var app = TracedApp(spans);
        var hook = await app.Services.GetRequiredService<IHookStore>().CreateAsync(new NewHook($"traced {Guid.NewGuid():N}"[..20], CredentialsExchangePoint.TriggerId, $$"""
            module.exports = async function (client, scope, audience, context, cb) {
              const fetched = await fetch('{{server.Url}}/echo');
              await fetched.text();
              await new Promise((resolve, reject) => require('http').get('{{server.Url}}/status/204', res => { res.resume(); res.on('end', resolve); }).on('error', reject));
              cb(null, { scope: scope });
            };
            """, Enabled: true));

        // Twice: hook worker threads are reused, and a worker started by the first invocation carries that caller's
        // context; the second shows the span is handed to the worker explicitly.
        var runner = app.Services.GetRequiredService<IHookRunner>();
        var results = new[] { await runner.RunEnabledAsync(CredentialsExchangePoint.TriggerId, SamplePayload()), await runner.RunEnabledAsync(CredentialsExchangePoint.TriggerId, SamplePayload()) };

        var invocations = Snapshot(spans).Where(s => s.Source.Name == HooksTelemetry.SourceName && (string?)s.GetTagItem(HooksTelemetry.HookIdTag) == hook.Id).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, invocations.Count);
        for (var i = 0; i < 2; i++)
        {
            var (result, invocation) = (results[i]!, invocations[i]);
            Assert.True(result.IsSuccess, result.Error?.Message);
            Assert.Equal("hook credentials-exchange", invocation.DisplayName);
            Assert.Equal(CredentialsExchangePoint.TriggerId, invocation.GetTagItem(HooksTelemetry.PointTag));
            Assert.Equal(hook.Version, invocation.GetTagItem(HooksTelemetry.HookVersionTag));
            Assert.Equal("runtime", invocation.GetTagItem(HooksTelemetry.SourceTag));
            Assert.Equal("success", invocation.GetTagItem(HooksTelemetry.OutcomeTag));
            Assert.Equal(result.DurationMs, invocation.GetTagItem(HooksTelemetry.DurationTag));
            Assert.Null(invocation.GetTagItem(HooksTelemetry.TestTag));
            Assert.NotEqual(ActivityStatusCode.Error, invocation.Status);

            var children = Snapshot(spans).Where(s => s.ParentSpanId == invocation.SpanId && s.TraceId == invocation.TraceId).OrderBy(c => c.StartTimeUtc).ToList();
            Assert.Equal(2, children.Count);
            Assert.All(children, c => Assert.Equal(ActivityKind.Client, c.Kind));
            Assert.Equal([$"{server.Url}/echo", $"{server.Url}/status/204"], children.Select(c => (string?)c.GetTagItem("url.full")));
            Assert.Equal(["200", "204"], children.Select(c => c.GetTagItem("http.response.status_code")?.ToString()));
        }
    }

    [Fact]
    public async Task RunEnabled_TracedHookRequest_SendsNoTraceHeadersToTheThirdParty()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var spans = new List<Activity>();
        await using var app = TracedApp(spans);
        await app.Services.GetRequiredService<IHookStore>().CreateAsync(new NewHook($"headers {Guid.NewGuid():N}"[..20], CredentialsExchangePoint.TriggerId, $$"""
            module.exports = async function (client, scope, audience, context, cb) {
              const echoed = await (await fetch('{{server.Url}}/echo')).json();
              cb(null, { scope: scope, 'https://example.com/headers': JSON.stringify(echoed.headers) });
            };
            """, Enabled: true));

        var result = await app.Services.GetRequiredService<IHookRunner>().RunEnabledAsync(CredentialsExchangePoint.TriggerId, SamplePayload());

        Assert.True(result!.IsSuccess, result.Error?.Message);
        var headers = (string?)result.Data!["https://example.com/headers"];
        Assert.NotNull(headers);
        Assert.DoesNotContain("traceparent", headers, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("baggage", headers, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TestPanelRun_FailingCode_SpanMarkedAsTestWithErrorStatus()
    {
        var spans = new List<Activity>();
        await using var app = TracedApp(spans);
        var hook = await app.Services.GetRequiredService<IHookStore>().CreateAsync(new NewHook($"panel {Guid.NewGuid():N}"[..20], CredentialsExchangePoint.TriggerId,
            "module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };", Enabled: false));

        var result = await app.Services.GetRequiredService<IHookRunner>().TestAsync(hook.Id,
            "module.exports = function (client, scope, audience, context, cb) { null.boom(); };", payload: null);

        Assert.False(result.IsSuccess);
        var span = Assert.Single(Snapshot(spans), s => s.Source.Name == HooksTelemetry.SourceName && (string?)s.GetTagItem(HooksTelemetry.HookIdTag) == hook.Id);
        Assert.Equal(true, span.GetTagItem(HooksTelemetry.TestTag));
        Assert.Equal("test", span.GetTagItem(HooksTelemetry.SourceTag));
        Assert.Equal(1, span.GetTagItem(HooksTelemetry.HookVersionTag));
        Assert.Equal("error", span.GetTagItem(HooksTelemetry.OutcomeTag));
        Assert.Equal("exception", span.GetTagItem(HooksTelemetry.ErrorKindTag));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("TypeError", span.StatusDescription);
    }

    [Fact]
    public async Task DefaultSettings_NoExporterConfigured_NoTracerOrMeterProviderIsRegistered()
    {
        await using var app = new AppFactory();
        using var client = app.CreateClient();

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    internal static JsonNode SamplePayload() => JsonNode.Parse("""
        {"client":{"id":"c1","name":"Traced","tenant":"t","metadata":{}},"scope":["read:x"],"audience":"https://api.example.com/","context":{}}
        """)!;

    private static AppFactory TracedApp(List<Activity> spans)
    {
        var app = new AppFactory
        {
            ConfigureTestServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)),
        };
        // Port 9 (discard): the OTLP exporter's sends fail quietly; the in-memory exporter is what the test reads.
        app.Settings["Telemetry:Otlp:Endpoint"] = "http://127.0.0.1:9";
        app.Settings["Execution:Egress:Allow:0"] = "127.0.0.1";
        return app;
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
            return [.. spans];
    }
}
