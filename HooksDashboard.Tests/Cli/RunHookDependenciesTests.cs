using System.Text.Json.Nodes;
using HooksDashboard.Cli;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Cli;

/// <summary><c>run-hook</c> installs what its script needs from the configured registry before it runs.</summary>
public sealed class RunHookDependenciesTests : IAsyncLifetime, IDisposable
{
    private readonly TempDataDirectory _temp = new();
    private LoopbackNpmRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        _registry = await LoopbackNpmRegistry.StartAsync();
        _registry.Publish("greet", "1.0.0");
        _registry.Publish("greet", "1.1.0");
        _registry.Publish("pinned", "2.0.0");
        _registry.Publish("pinned", "2.5.0");
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        return await CliRun.CaptureWithSettingsAsync(args, new Dictionary<string, string?> { ["DataDirectory"] = _temp.Path, ["Packages:RegistryUrl"] = _registry.Url });
    }

    private string Script(string code)
    {
        var path = Path.Combine(_temp.Path, "hook.js");
        File.WriteAllText(path, code);
        return path;
    }

    [Fact]
    public async Task RunHook_UndeclaredRequire_InstalledAndReportedOnStandardErrorOnly()
    {
        // The requires sit in a function the hook never calls: this checks installation, not loading.
        var script = Script("""
            function later() { return [require('greet'), require('pinned')]; }
            module.exports = function (user, context, cb) { cb(null, {}); };
            """);

        var (exit, stdout, stderr) = await RunAsync("run-hook", "--trigger", "post-change-password", "--script", script, "--dependency", "pinned@2.0.0");

        Assert.Equal(0, exit);
        Assert.Equal("success", (string)JsonNode.Parse(stdout)!["status"]!);
        Assert.Equal("run-hook: require('greet') resolved to greet@1.1.0 (not declared; pin it with --dependency greet@1.1.0)", stderr.Trim());
        Assert.Contains(_registry.Requests, r => r == "-/tarballs/pinned/2.0.0.tgz");
        Assert.DoesNotContain(_registry.Requests, r => r == "-/tarballs/pinned/2.5.0.tgz");
        Assert.True(Directory.Exists(Path.Combine(_temp.Path, "packages", "index", "greet")));
    }

    [Fact]
    public async Task RunHook_MissingVersion_PrintsAnErrorResultAndExits1()
    {
        var script = Script("module.exports = function (user, context, cb) { cb(null, {}); };");

        var (exit, stdout, stderr) = await RunAsync("run-hook", "--trigger", "post-change-password", "--script", script, "--dependency", "greet@9.9.9");

        Assert.Equal(1, exit);
        var result = JsonNode.Parse(stdout)!;
        Assert.Equal("PackageError", (string)result["error"]!["name"]!);
        Assert.StartsWith("Dependencies could not be installed: No version of 'greet' matches '9.9.9'.", (string)result["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Contains("No version of 'greet' matches '9.9.9'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("lodash/fp@1")]
    [InlineData("UPPER@1.0.0")]
    public async Task RunHook_MalformedDependency_UsageError(string value)
    {
        var script = Script("module.exports = function (user, context, cb) { cb(null, {}); };");

        var (exit, _, stderr) = await RunAsync("run-hook", "--trigger", "post-change-password", "--script", script, "--dependency", value);

        Assert.Equal(2, exit);
        Assert.Contains("--dependency takes name@version", stderr, StringComparison.Ordinal);
    }
}
