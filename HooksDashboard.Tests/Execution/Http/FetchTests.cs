using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>fetch in a hook: the egress policy, the limits, the event loop and the recording, against a loopback server.</summary>
public sealed class FetchTests : IAsyncLifetime
{
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string CatchCause = """
        catch (e) { return [e.name, e.message, e.cause && e.cause.code, e.cause && e.cause.message]; }
        """;

    [Fact]
    public async Task Fetch_LoopbackLiteralWithDefaultPolicy_FailsWithEgressErrorAndSendsNothing()
    {
        var result = await new JintHookExecutor().RunBodyAsync($"try {{ await fetch('{_server.Url}/echo'); return 'sent'; }} {CatchCause}");

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("TypeError", (string?)data[0]);
        Assert.Equal("fetch failed", (string?)data[1]);
        Assert.Equal("EEGRESS", (string?)data[2]);
        Assert.Equal($"The egress policy refused GET {_server.Url}/echo: 127.0.0.1 is a loopback address (127.0.0.0/8)", (string?)data[3]);
        Assert.Equal(0, _server.Requests);
        var record = Assert.Single(result.Requests);
        Assert.Null(record.Status);
        Assert.StartsWith("EEGRESS: The egress policy refused GET", record.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_NameResolvingToLoopback_RefusedAtConnectTime()
    {
        var result = await new JintHookExecutor().RunBodyAsync($"try {{ await fetch('http://localhost:{_server.Port}/echo'); return 'sent'; }} {CatchCause}");

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("EEGRESS", (string?)data[2]);
        Assert.Matches(@"^The egress policy refused GET http://localhost:\d+/echo: localhost resolves to (127\.0\.0\.1|::1) is a loopback address", (string?)data[3]);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Fetch_IPv4MappedLoopbackLiteral_Refused()
    {
        var result = await HttpTestExecutors.Create().RunBodyAsync($"try {{ await fetch('http://[::ffff:127.0.0.2]:{_server.Port}/echo'); return 'sent'; }} {CatchCause}");

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("EEGRESS", (string?)data[2]);
        Assert.EndsWith("127.0.0.2 is a loopback address (127.0.0.0/8)", (string?)data[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address (169.254.169.254)")]
    [InlineData("http://10.0.0.1/", "10.0.0.1 is a private address (10.0.0.0/8)")]
    [InlineData("http://[fd00:ec2::254]/", "fd00:ec2::254 is a cloud metadata address (fd00:ec2::254)")]
    public async Task Fetch_RedirectToForbiddenAddress_RefusedOnTheHop(string target, string why)
    {
        var result = await HttpTestExecutors.Create().RunBodyAsync(
            $"try {{ await fetch('{_server.Url}/redirect?to=' + encodeURIComponent('{target}')); return 'followed'; }} {CatchCause}");

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("EEGRESS", (string?)data[2]);
        Assert.EndsWith(why, (string?)data[3], StringComparison.Ordinal);
        Assert.Equal(2, result.Requests.Count);
        Assert.Equal(302, result.Requests[0].Status);
        Assert.StartsWith("EEGRESS", result.Requests[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_ServerSlowerThanRequestTimeout_FailsWithEtimedout()
    {
        var limits = ExecutorTestExtensions.TestLimits with { HttpTimeoutMs = 200 };

        var result = await HttpTestExecutors.Create().RunBodyAsync($"try {{ await fetch('{_server.Url}/hang'); return 'answered'; }} {CatchCause}", limits);

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("fetch failed", (string?)data[1]);
        Assert.Equal("ETIMEDOUT", (string?)data[2]);
        Assert.Equal($"GET {_server.Url}/hang timed out after 200 ms, the per-request limit (Execution:Defaults:HttpTimeoutMs)", (string?)data[3]);
    }

    [Fact]
    public async Task Fetch_ResponseOverTheCapWithLength_FailsBeforeTheBody()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MaxHttpResponseBytes = 1000 };

        var result = await HttpTestExecutors.Create().RunBodyAsync($"try {{ await fetch('{_server.Url}/bytes/5000'); return 'read'; }} {CatchCause}", limits);

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("ERR_HOOKS_HTTP_RESPONSE_TOO_LARGE", (string?)data[2]);
        Assert.Contains("larger than 1000 bytes", (string?)data[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_StreamedResponseOverTheCap_BodyReadFailsAtTheCap()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MaxHttpResponseBytes = 2500 };

        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            var r = await fetch('{{_server.Url}}/chunked/20000');
            try { await r.text(); return 'read'; } catch (e) { return [r.status, e.name, e.message, e.cause.code]; }
            """, limits);

        Assert.Equal("""[200,"TypeError","terminated","ERR_HOOKS_HTTP_RESPONSE_TOO_LARGE"]""", result.AssertSuccess()!.ToJsonString());
        Assert.True(Assert.Single(result.Requests).ResponseBytes <= 2500 + 16 * 1024);
    }

    [Fact]
    public async Task Fetch_MoreRequestsThanTheLimit_LaterOnesFail()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MaxHttpRequests = 2 };

        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            var out = [];
            for (var i = 0; i < 3; i++) {
              try { out.push((await fetch('{{_server.Url}}/status/200')).status); } catch (e) { out.push(e.cause.code, e.cause.message); }
            }
            return out;
            """, limits);

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal(200, (int)data[0]!);
        Assert.Equal(200, (int)data[1]!);
        Assert.Equal("ERR_HOOKS_HTTP_LIMIT", (string?)data[2]);
        Assert.Contains("the hook already made 2 requests", (string?)data[3], StringComparison.Ordinal);
        Assert.Equal(2, _server.Requests);
    }

    [Fact]
    public async Task Fetch_RequestBodyOverTheLimit_Refused()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MaxHttpRequestBytes = 10 };

        var result = await HttpTestExecutors.Create().RunBodyAsync($"try {{ await fetch('{_server.Url}/echo', {{ method: 'POST', body: 'x'.repeat(11) }}); return 'sent'; }} {CatchCause}", limits);

        Assert.Equal("ERR_HOOKS_HTTP_REQUEST_TOO_LARGE", (string?)result.AssertSuccess()!.AsArray()[2]);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Fetch_ServerNeverAnswers_InvocationEndsAtItsLimitAndCancelsTheRequest()
    {
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 500 };

        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest(
            $"module.exports = function (cb) {{ fetch('{_server.Url}/hang').then(function () {{ cb(null, 'answered'); }}); }};", [], limits));

        Assert.Equal(ExecutionErrorKind.Timeout, result.AssertError(ExecutionErrorKind.Timeout).Kind);
        var record = Assert.Single(result.Requests);
        Assert.Equal("ECANCELED: the invocation ended before the request completed", record.Error);
        // The server sees the client go away: no request is left running after the invocation.
        for (var i = 0; i < 100 && _server.Open > 0; i++)
            await Task.Delay(50);
        Assert.Equal(0, _server.Open);
    }

    [Fact]
    public async Task Fetch_WithoutAwaitOrTimers_LoopWaitsForTheResponse()
    {
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest(
            $"module.exports = function (cb) {{ fetch('{_server.Url}/status/201').then(function (r) {{ return r.text(); }}).then(function (t) {{ cb(null, t); }}); }};",
            [], ExecutorTestExtensions.TestLimits));

        Assert.Equal("status 201", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task Fetch_UncaughtRefusal_IsTheHooksErrorNotACrash()
    {
        var result = await new JintHookExecutor().ExecuteAsync(new ExecutionRequest(
            $"module.exports = async function (cb) {{ await fetch('{_server.Url}/'); cb(null, 'x'); }};", [], ExecutorTestExtensions.TestLimits));

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("TypeError", error.Name);
        Assert.Equal("fetch failed", error.Message);
    }

    [Fact]
    public async Task Fetch_AbortSignalTimeoutNotReached_DoesNotKeepTheLoopAlive()
    {
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 3000 };

        var result = await HttpTestExecutors.Create().RunBodyAsync($"return (await fetch('{_server.Url}/status/200', {{ signal: AbortSignal.timeout(60000) }})).status;", limits);

        Assert.Equal(200, result.AssertSuccess()!.GetValue<int>());
        Assert.DoesNotContain(result.Logs, l => l.Message.Contains("still pending", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_Success_IsRecordedWithRedactedQueryAndBodies()
    {
        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            var r = await fetch('{{_server.Url}}/echo?api_key=abc123&page=2', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
            return (await r.json()).method;
            """);

        Assert.Equal("POST", result.AssertSuccess()!.GetValue<string>());
        var record = Assert.Single(result.Requests);
        Assert.Equal("POST", record.Method);
        Assert.Equal($"{_server.Url}/echo?api_key=[redacted]&page=2", record.Url);
        Assert.Equal(200, record.Status);
        Assert.Equal(7, record.RequestBytes);
        Assert.Equal("{\"a\":1}", record.RequestBody);
        Assert.True(record.ResponseBytes > 0);
        Assert.Contains("\"method\":\"POST\"", record.ResponseBody, StringComparison.Ordinal);
        Assert.False(record.Mocked);
        Assert.Null(record.Error);
        Assert.True(record.DurationMs > 0);
    }

    [Fact]
    public async Task Redacted_RequestsCarryingASecretValue_AreScrubbed()
    {
        var result = await HttpTestExecutors.Create().RunBodyAsync($"return (await fetch('{_server.Url}/echo?q=s3cr3t-value', {{ method: 'POST', body: 'token s3cr3t-value' }})).status;");
        var redacted = (result with { Redactor = SecretRedactor.For(new Dictionary<string, string> { ["KEY"] = "s3cr3t-value" }) }).Redacted();

        var record = Assert.Single(redacted.Requests);
        Assert.Equal($"{_server.Url}/echo?q=[redacted]", record.Url);
        Assert.Equal("token [redacted]", record.RequestBody);
        Assert.DoesNotContain("s3cr3t-value", record.ResponseBody, StringComparison.Ordinal);
    }
}
