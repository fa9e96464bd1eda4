using System.Text.Json.Nodes;
using HooksDashboard.Cli;
using HooksDashboard.Logs;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Cli;

/// <summary><c>run-hook --http-mock</c>: outbound requests answered from a file, no network, recorded in the JSON.</summary>
public sealed class RunHookHttpMockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hd-cli-mock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string DataDirectory => Path.Combine(_folder, "data");

    private Task<int> RunAsync(StringWriter stdout, StringWriter stderr, params string[] args) =>
        CliApp.RunAsync(args, stdout, stderr, new Dictionary<string, string?> { ["DataDirectory"] = DataDirectory });

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private const string SlackHook = """
        module.exports = async function (user, context, cb) {
          var r = await fetch('https://hooks.slack.com/services/T1/B2/secretpart?token=abc', {
            method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'New user ' + user.email })
          });
          var out = [r.status, r.headers.get('x-mocked'), await r.text()];
          try { await fetch('https://api.example.com/crm', { method: 'POST', body: 'x' }); } catch (e) { out.push(e.message, e.cause.code, e.cause.message); }
          cb(null, { out: out });
        };
        """;

    [Fact]
    public async Task RunHook_HttpMockFile_AnswersMatchingRequestsAndFailsOthers()
    {
        var mocks = File("mocks.json", """
            {
              // comments are allowed
              "rules": [
                { "method": "POST", "url": "https://hooks.slack.com/services/*", "status": 200, "headers": { "x-mocked": "yes" }, "body": "ok", "delayMs": 5 },
              ],
              "passThrough": false
            }
            """);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await RunAsync(stdout, stderr, "run-hook", "--trigger", "post-user-registration", "--script", File("hook.js", SlackHook), "--http-mock", mocks, "--secret", "SLACK=secretpart");

        Assert.Equal("", stderr.ToString());
        Assert.Equal(0, exit);
        var json = JsonNode.Parse(stdout.ToString())!;
        Assert.Equal("""[200,"yes","ok","fetch failed","ERR_HOOKS_HTTP_NO_MOCK","no mock for POST https://api.example.com/crm"]""", json["data"]!["out"]!.ToJsonString());
        var requests = json["requests"]!.AsArray();
        Assert.Equal(2, requests.Count);
        Assert.Equal("POST", (string?)requests[0]!["method"]);
        // Printed as the hook's own run (the author's secrets stay); secret-looking query values are always redacted.
        Assert.Equal("https://hooks.slack.com/services/T1/B2/secretpart?token=[redacted]", (string?)requests[0]!["url"]);
        Assert.Equal(200, (int)requests[0]!["status"]!);
        Assert.True((bool)requests[0]!["mocked"]!);
        Assert.Equal("ok", (string?)requests[0]!["responseBody"]);
        Assert.StartsWith("{\"text\":\"New user ", (string?)requests[0]!["requestBody"], StringComparison.Ordinal);
        Assert.Equal("ERR_HOOKS_HTTP_NO_MOCK: no mock for POST https://api.example.com/crm", (string?)requests[1]!["error"]);

        // The execution log keeps the same list, with the hook's secret values scrubbed.
        await using var services = StorageFixture.BuildServices(DataDirectory);
        var record = Assert.Single((await services.GetRequiredService<IExecutionLogQuery>().ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First())).Items);
        Assert.Equal(2, record.Requests.Count);
        Assert.Equal("https://hooks.slack.com/services/T1/B2/[redacted]?token=[redacted]", record.Requests[0].Url);
        Assert.Equal(200, record.Requests[0].Status);
        Assert.True(record.Requests[0].Mocked);
        Assert.Null(record.Requests[1].Status);
    }

    [Theory]
    [InlineData("""{ "rules": [ { "url": "" } ] }""", "HTTP mock rule 1 (* ): \"url\" is required")]
    [InlineData("""{ "rules": [ { "url": "https://x/*", "status": 42 } ] }""", "\"status\" 42 must be between 200 and 599")]
    [InlineData("""{ "rulez": [] }""", "The HTTP mocks are not valid")]
    [InlineData("""[1]""", "The HTTP mocks are not valid")]
    public async Task RunHook_InvalidHttpMockFile_ExitsWithUsageErrorNamingTheProblem(string content, string expected)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await RunAsync(stdout, stderr, "run-hook", "--trigger", "post-user-registration", "--script", File("hook.js", SlackHook), "--http-mock", File("bad.json", content));

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
    }
}
