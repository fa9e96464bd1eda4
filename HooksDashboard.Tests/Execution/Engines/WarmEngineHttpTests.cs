using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Engines;
using HooksDashboard.Tests.Execution.Http;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Engines;

/// <summary>
/// Outbound HTTP on a warm engine: every run has its own HTTP session (requests, limits, recording), while the
/// <c>http</c>/<c>https</c> modules and <c>fetch</c> built by the first run stay in the engine; what a run kept in module
/// state (an AbortController) never reaches a later run's requests.
/// </summary>
public sealed class WarmEngineHttpTests : IAsyncLifetime
{
    private static readonly WarmEngineScope Scope = new("http-hook", "v1");

    private readonly JintHookExecutor _executor = new(HttpTestExecutors.LoopbackAllowed, new WarmEngineOptions());
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync();

    public async Task DisposeAsync()
    {
        _executor.WarmEngines.Clear();
        await _server.DisposeAsync();
    }

    private Task<ExecutionResult> RunAsync(string script, JsonNode? input = null) =>
        _executor.ExecuteAsync(new ExecutionRequest(script, [input ?? new JsonObject()], ExecutorTestExtensions.TestLimits) { EngineScope = Scope });

    [Fact]
    public async Task ExecuteAsync_WarmEngineRunsHttpAndFetchAgain_EachRunRecordsItsOwnRequests()
    {
        var script = $$"""
            var http = require('http');
            var runs = 0;
            module.exports = async function (input, cb) {
              runs++;
              var viaHttp = await new Promise(function (resolve, reject) {
                http.get('{{_server.Url}}/status/201', function (res) { res.resume(); res.on('end', function () { resolve(res.statusCode); }); }).on('error', reject);
              });
              var viaFetch = (await fetch('{{_server.Url}}/status/202')).status;
              cb(null, { runs: runs, http: viaHttp, fetch: viaFetch });
            };
            """;

        for (var run = 1; run <= 3; run++)
        {
            var result = await RunAsync(script);

            var data = result.AssertSuccess()!;
            Assert.Equal(run, (int)data["runs"]!);
            Assert.Equal(201, (int)data["http"]!);
            Assert.Equal(202, (int)data["fetch"]!);
            Assert.Equal(2, result.Requests.Count);
        }
    }

    [Fact]
    public async Task ExecuteAsync_RunLeavingAConnectionOpen_NextRunGetsAFreshEngineAndItsOwnConnection()
    {
        // A client kept in module state, as hooks keep a pg pool: the run ends (closing it), so the engine is not reused —
        // a later run on it would write to a connection that is gone. A run that closes its connection keeps the engine.
        await using var server = SocketTestServer.Start(SocketTestMode.Echo);
        var script = $$"""
            var net = require('net');
            var runs = 0, kept;
            module.exports = function (input, cb) {
              runs++;
              var fresh = !kept || kept.destroyed;
              if (fresh) kept = net.connect({{server.Port}}, '127.0.0.1');
              kept.once('data', function (d) {
                if (input.close) kept.destroy();
                cb(null, { runs: runs, fresh: fresh, got: String(d) });
              });
              if (!fresh) kept.write('again\n');
            };
            """;

        var first = (await RunAsync(script)).AssertSuccess()!;
        var second = (await RunAsync(script, new JsonObject { ["close"] = true })).AssertSuccess()!;
        var third = (await RunAsync(script)).AssertSuccess()!;

        Assert.Equal("""{"runs":1,"fresh":true,"got":"hello\n"}""", first.ToJsonString());
        Assert.Equal("""{"runs":1,"fresh":true,"got":"hello\n"}""", second.ToJsonString());
        Assert.Equal("""{"runs":2,"fresh":true,"got":"hello\n"}""", third.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_AbortControllerKeptFromEarlierRun_DoesNotAbortLaterRunsRequest()
    {
        // Run 1 fetches with a controller it keeps; run 2 starts a slow fetch, then aborts run 1's (finished) controller.
        var script = $$"""
            var kept;
            module.exports = async function (input, cb) {
              if (!kept) {
                kept = new AbortController();
                var first = await fetch('{{_server.Url}}/status/200', { signal: kept.signal });
                return cb(null, 'first ' + first.status);
              }
              var pending = fetch('{{_server.Url}}/slow/200');
              kept.abort();
              try { cb(null, 'second ' + (await pending).status); } catch (e) { cb(null, 'second failed: ' + e.name); }
            };
            """;

        Assert.Equal("first 200", (string?)(await RunAsync(script)).AssertSuccess());
        Assert.Equal("second 200", (string?)(await RunAsync(script)).AssertSuccess());
    }
}
