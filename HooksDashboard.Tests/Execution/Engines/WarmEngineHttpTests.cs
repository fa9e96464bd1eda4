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
