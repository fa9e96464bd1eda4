using HooksDashboard.Execution;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>
/// https requests with their own TLS settings, as Node's agents hand them to <c>tls.connect</c>: <c>ca</c> (on the request,
/// an agent or the global agent), <c>rejectUnauthorized: false</c>, and the errors of a refused certificate with Node's
/// codes (<c>UNABLE_TO_VERIFY_LEAF_SIGNATURE</c>, <c>ERR_TLS_CERT_ALTNAME_INVALID</c>) for https and fetch. The server's
/// certificate (DNS:localhost) is signed by a test authority nobody trusts by default. Compared with node where present.
/// </summary>
public sealed class HttpsTlsOptionsTests
{
    private static readonly string Ca = TestCertificateAuthority.RootPem.ReplaceLineEndings("\\n");

    private static async Task<(string Output, ExecutionResult Result)> RunAsync(string script)
    {
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest(
            script + "\nmodule.exports = function (cb) { run(function (out) { cb(null, JSON.stringify(out)); }); };", [], ExecutorTestExtensions.TestLimits));
        var output = result.AssertSuccess()!.GetValue<string>();
        if (NodeOracle.RunScript(script + "\nrun(function (out) { console.log(JSON.stringify(out)); });") is { } node)
            Assert.Equal(node.Trim(), output);
        return (output, result);
    }

    [Fact]
    public async Task HttpsRequest_CaAgentsAndRejectUnauthorized_AsNode()
    {
        await using var server = await RecordingHttpServer.StartHttpsAsync(_ => new CannedResponse(200, "text/plain", "ok"), "localhost");

        var (output, result) = await RunAsync($$"""
            const https = require('https');
            const CA = "{{Ca}}";
            function get(url, options, out, next) {
              https.get(url, options, (res) => {
                let body = '';
                res.on('data', (d) => body += d);
                res.on('end', () => { out.push([res.statusCode, body]); next(); });
              }).on('error', (e) => { out.push(['error', e.code, e.message]); next(); });
            }
            function run(done) {
              const out = [];
              const url = 'https://localhost:{{server.Port}}/x';
              const steps = [
                (next) => get(url, {}, out, next),
                (next) => get(url, { ca: CA }, out, next),
                (next) => get(url, { ca: [Buffer.from(CA)] }, out, next),
                (next) => get(url, { agent: new https.Agent({ ca: CA }) }, out, next),
                (next) => get(url, { agent: new https.Agent({ rejectUnauthorized: false }) }, out, next),
                (next) => get(url, { rejectUnauthorized: false }, out, next),
                (next) => get('https://127.0.0.1:{{server.Port}}/x', { ca: CA }, out, next),
                (next) => get('https://127.0.0.1:{{server.Port}}/x', { ca: CA, rejectUnauthorized: false }, out, next),
                (next) => { https.globalAgent.options.ca = CA; get(url, {}, out, () => { delete https.globalAgent.options.ca; next(); }); },
                (next) => get(url, {}, out, next),
              ];
              let i = 0;
              (function step() { if (i < steps.length) steps[i++](step); else done(out); })();
            }
            """);

        Assert.Equal("""[["error","UNABLE_TO_VERIFY_LEAF_SIGNATURE","unable to verify the first certificate"],[200,"ok"],[200,"ok"],[200,"ok"],[200,"ok"],[200,"ok"],["error","ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: "],[200,"ok"],[200,"ok"],["error","UNABLE_TO_VERIFY_LEAF_SIGNATURE","unable to verify the first certificate"]]""", output);
        Assert.Equal(10, result.Requests.Count);
        Assert.Equal(7, result.Requests.Count(r => r.Error is null));
        Assert.Equal("UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate", result.Requests[0].Error);
    }

    [Fact]
    public async Task Fetch_UntrustedCertificate_FailsWithNodesCause()
    {
        await using var server = await RecordingHttpServer.StartHttpsAsync(_ => new CannedResponse(200, "text/plain", "ok"), "localhost");

        var (output, _) = await RunAsync($$"""
            function run(done) {
              fetch('https://localhost:{{server.Port}}/x').then((r) => done(['status', r.status]),
                (e) => done([e.name, e.message, e.cause && e.cause.code, e.cause && e.cause.message]));
            }
            """);

        Assert.Equal("""["TypeError","fetch failed","UNABLE_TO_VERIFY_LEAF_SIGNATURE","unable to verify the first certificate"]""", output);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task RejectUnauthorizedFromTheEnvironment_AppliesToHttpsAndFetch()
    {
        // Node warns on stderr (with its pid) when the variable is used, so this one is not compared with node's output.
        await using var server = await RecordingHttpServer.StartHttpsAsync(_ => new CannedResponse(200, "text/plain", "ok"), "localhost");
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            module.exports = async function (cb) {
              process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
              const r = await fetch('https://localhost:{{server.Port}}/f');
              const viaHttps = await new Promise((resolve) => require('https').get('https://localhost:{{server.Port}}/h', (res) => resolve(res.statusCode)).on('error', (e) => resolve(e.code)));
              delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
              const strict = await fetch('https://localhost:{{server.Port}}/s').then(() => 'ok', (e) => e.cause.code);
              cb(null, [r.status, await r.text(), viaHttps, strict]);
            };
            """, [], ExecutorTestExtensions.TestLimits));

        Assert.Equal("""[200,"ok",200,"UNABLE_TO_VERIFY_LEAF_SIGNATURE"]""", result.AssertSuccess()!.ToJsonString());
        Assert.Equal(["/f", "/h"], server.Requests.Select(r => r.Target));
    }
}
