using System.Text.Json.Nodes;
using System.Xml.Linq;
using HooksDashboard.Cli;
using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Cli;

/// <summary><c>hooks test</c> against a loopback server and <c>run-hook --cases</c> on a folder; JUnit XML read back.</summary>
public sealed class TestCasesCommandTests : IClassFixture<CliServerFixture>, IDisposable
{
    private const string Script = "module.exports = function (client, scope, audience, context, cb) {\n  console.log('scope ' + scope.join(','));\n  cb(null, { scope: scope });\n};\n";
    private readonly KestrelAppFactory _app;
    private readonly TempDataDirectory _files = new();
    private readonly Dictionary<string, string?> _environment;

    public TestCasesCommandTests(CliServerFixture server)
    {
        _app = server.App;
        _environment = new() { ["HOOKS_DOMAIN"] = _app.Address, ["HOOKS_TOKEN"] = server.Issuer.AllScopes("cli-app") };
    }

    public void Dispose() => _files.Dispose();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        return args[0] == "run-hook"
            ? await CliRun.CaptureWithSettingsAsync(args, new Dictionary<string, string?> { ["DataDirectory"] = Path.Combine(_files.Path, "data") })
            : await CliRun.CaptureAsync(["hooks", .. args], k => _environment.GetValueOrDefault(k));
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(_files.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private async Task<Hook> HookWithCasesAsync()
    {
        var hook = await _app.Services.GetRequiredService<IHookStore>().CreateAsync(new NewHook($"Cases {Guid.NewGuid():N}"[..18], "credentials-exchange", Script, false));
        var cases = _app.Services.GetRequiredService<ITestCaseStore>();
        await cases.CreateAsync(hook.Id, TestCaseJson.Parse("""{"name":"keeps scope","expect":{"outcome":"success","applied":{"scope":["read:connections"]},"console":["scope read:connections"]}}"""));
        await cases.CreateAsync(hook.Id, TestCaseJson.Parse("""{"name":"wrong <scope> & more","expect":{"outcome":"success","applied":{"scope":["write:all"]}}}"""));
        return hook;
    }

    [Fact]
    public async Task HooksTest_OneFailing_Exit1TableAndJUnitWithFailureDiff()
    {
        var hook = await HookWithCasesAsync();
        var junit = Path.Combine(_files.Path, "report.xml");

        var (exit, output, error) = await RunAsync("test", hook.Name, "--junit", junit);

        Assert.Equal(1, exit);
        Assert.Contains("PASS  keeps scope", output, StringComparison.Ordinal);
        Assert.Contains("FAIL  wrong <scope> & more", output, StringComparison.Ordinal);
        Assert.Contains("applied: expected \"write:all\" at $.scope[0], got \"read:connections\"", output, StringComparison.Ordinal);
        Assert.Contains("1 of 2 test cases failed", error, StringComparison.Ordinal);

        var xml = XDocument.Load(junit);
        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal("testsuites", xml.Root.Name.LocalName);
        Assert.Equal(hook.Name, (string)suite.Attribute("name")!);
        Assert.Equal("2", (string)suite.Attribute("tests")!);
        Assert.Equal("1", (string)suite.Attribute("failures")!);
        var failed = suite.Elements("testcase").Single(c => (string)c.Attribute("name")! == "wrong <scope> & more");
        var failure = failed.Element("failure")!;
        Assert.Equal("applied: expected \"write:all\" at $.scope[0], got \"read:connections\"", (string)failure.Attribute("message")!);
        Assert.Contains("- applied: expected", failure.Value, StringComparison.Ordinal);
        var passed = suite.Elements("testcase").Single(c => (string)c.Attribute("name")! == "keeps scope");
        Assert.Null(passed.Element("failure"));
        Assert.Equal("[log] scope read:connections", passed.Element("system-out")!.Value);
    }

    [Fact]
    public async Task HooksTest_OneCaseByName_Exit0Json()
    {
        var hook = await HookWithCasesAsync();

        var (exit, output, error) = await RunAsync("test", hook.Id, "--case", "keeps scope", "--json");

        Assert.True(exit == 0, error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(1, (int)report["total"]!);
        Assert.Equal("keeps scope", (string)report["results"]![0]!["name"]!);
    }

    [Fact]
    public async Task HooksTest_UnknownCase_Exit1Named()
    {
        var hook = await HookWithCasesAsync();

        var (exit, _, error) = await RunAsync("test", hook.Id, "--case", "nope");

        Assert.Equal(1, exit);
        Assert.Contains("Test case not found: 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HooksUpdate_RunTestsOnLiveHook_RefusedWithTheDiff()
    {
        var hook = await HookWithCasesAsync();
        await _app.Services.GetRequiredService<IHookStore>().UpdateAsync(hook.Id, new HookUpdate(Enabled: true));
        var script = File("broken.js", "module.exports = function (c, s, a, ctx, cb) { cb(new Error('nope')); };");

        var (exit, _, error) = await RunAsync("update", hook.Id, "--script", script, "--run-tests");

        Assert.Equal(1, exit);
        Assert.Contains("Not saved: 2 of 2 test cases failed", error, StringComparison.Ordinal);
        Assert.Contains("expected success, got error: Error: nope", error, StringComparison.Ordinal);
        Assert.Equal(Script, (await _app.Services.GetRequiredService<IHookStore>().GetAsync(hook.Id))!.Script);
        await _app.Services.GetRequiredService<IHookStore>().UpdateAsync(hook.Id, new HookUpdate(Enabled: false));
    }

    [Fact]
    public async Task RunHookCases_FolderOfCaseFiles_ReportJUnitAndExitCode()
    {
        var script = File("hook.js", Script);
        File("cases/a-passes.json", """{"expect":{"outcome":"success","result":{"scope":["x"]}},"payload":{"audience":"a","client":{"id":"c"},"scope":["x"]}}""");
        File("cases/b-fails.json", """{"name":"needs secret","secrets":{"KEY":"v"},"expect":{"outcome":"error","errorMessage":"denied"}}""");
        var junit = Path.Combine(_files.Path, "cases.xml");

        var (exit, output, error) = await RunAsync("run-hook", "--trigger", "credentials-exchange", "--script", script,
            "--cases", Path.Combine(_files.Path, "cases"), "--junit", junit);

        Assert.Equal(1, exit);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(["a-passes", "needs secret"], report["results"]!.AsArray().Select(r => (string)r!["name"]!));
        Assert.Equal([true, false], report["results"]!.AsArray().Select(r => (bool)r!["passed"]!));
        Assert.Contains("FAIL  needs secret", error, StringComparison.Ordinal);
        Assert.Contains("expected an error, got success", error, StringComparison.Ordinal);
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.Equal("hook.js", (string)suite.Attribute("name")!);
        Assert.Equal("1", (string)suite.Attribute("failures")!);
    }

    [Fact]
    public async Task RunHookCases_InvalidCaseFile_Exit2NamingTheFile()
    {
        var script = File("hook.js", Script);
        File("bad/broken.json", """{"name":"x","expect":{"outcome":"perhaps"}}""");

        var (exit, _, error) = await RunAsync("run-hook", "--trigger", "credentials-exchange", "--script", script, "--cases", Path.Combine(_files.Path, "bad"));

        Assert.Equal(2, exit);
        Assert.Contains("broken.json", error, StringComparison.Ordinal);
        Assert.Contains("expect.outcome must be \"success\" or \"error\"", error, StringComparison.Ordinal);
    }
}
