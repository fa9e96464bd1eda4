using System.Text.Json.Nodes;
using HooksDashboard.Cli;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Cli;

/// <summary><c>hooks versions | diff | restore</c> against the app on a loopback server.</summary>
public sealed class HooksVersionsCommandTests : IClassFixture<CliServerFixture>, IDisposable
{
    private const string V1 = "module.exports = function (client, scope, audience, context, cb) {\n  cb(null, {});\n};\n";
    private const string V2 = "module.exports = function (client, scope, audience, context, cb) {\n  // two\n  cb(null, {});\n};\n";
    private readonly KestrelAppFactory _app;
    private readonly TempDataDirectory _files = new();
    private readonly Dictionary<string, string?> _environment;

    public HooksVersionsCommandTests(CliServerFixture server)
    {
        _app = server.App;
        _environment = new() { ["HOOKS_DOMAIN"] = _app.Address, ["HOOKS_TOKEN"] = server.Issuer.AllScopes("cli-app") };
    }

    public void Dispose() => _files.Dispose();

    private IHookStore Store => _app.Services.GetRequiredService<IHookStore>();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        return await CliRun.CaptureAsync(["hooks", .. args], k => _environment.GetValueOrDefault(k));
    }

    private async Task<Hook> HookWithTwoVersionsAsync()
    {
        var hook = await Store.CreateAsync(new NewHook($"Versions {Guid.NewGuid():N}"[..20], "credentials-exchange", V1, false));
        await Store.UpdateAsync(hook.Id, new HookUpdate(Script: V2, Dependencies: new Dictionary<string, string> { ["lodash"] = "4.17.21" }, Message: "Comment it"));
        return hook;
    }

    [Fact]
    public async Task Versions_ByName_TableNewestFirstWithCurrentMarked()
    {
        var hook = await HookWithTwoVersionsAsync();

        var (exit, output, error) = await RunAsync("versions", hook.Name);

        Assert.True(exit == 0, error);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("VERSION", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("v2 *", lines[1], StringComparison.Ordinal);
        Assert.Contains("Comment it", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("v1 ", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Versions_Json_ArrayOfVersions()
    {
        var hook = await HookWithTwoVersionsAsync();

        var (exit, output, _) = await RunAsync("versions", hook.Id, "--json");

        Assert.Equal(0, exit);
        Assert.Equal([2, 1], JsonNode.Parse(output)!.AsArray().Select(v => (int)v!["number"]!));
    }

    [Fact]
    public async Task Diff_TwoVersions_UnifiedDiffOfScriptAndDependencies()
    {
        var hook = await HookWithTwoVersionsAsync();

        var (exit, output, error) = await RunAsync("diff", hook.Name, "v1", "v2");

        Assert.True(exit == 0, error);
        Assert.Equal(
            $"--- {hook.Name} v1\n+++ {hook.Name} v2\n@@ -1,3 +1,4 @@\n module.exports = function (client, scope, audience, context, cb) {{\n+  // two\n   cb(null, {{}});\n }};\n"
            + $"--- {hook.Name} v1 dependencies\n+++ {hook.Name} v2 dependencies\n@@ -0,0 +1 @@\n+lodash@4.17.21\n",
            output);
    }

    [Fact]
    public async Task Diff_CurrentAgainstItself_PrintsNothing()
    {
        var hook = await HookWithTwoVersionsAsync();

        var (exit, output, _) = await RunAsync("diff", hook.Name, "2", "current");

        Assert.Equal(0, exit);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("x3", "'x3' is not a version")]
    [InlineData("v0", "'v0' is not a version")]
    public async Task Diff_BadVersion_UsageError(string version, string expected)
    {
        var (exit, _, error) = await RunAsync("diff", "any-hook", version, "v2");

        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_UnknownVersion_ServerSaysNotFound()
    {
        var hook = await HookWithTwoVersionsAsync();

        var (exit, _, error) = await RunAsync("diff", hook.Name, "v1", "v7");

        Assert.Equal(1, exit);
        Assert.Contains("Hook version 7 not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_OldVersion_NewCurrentVersionWithMessage()
    {
        var hook = await HookWithTwoVersionsAsync();

        var (exit, output, error) = await RunAsync("restore", hook.Name, "v1", "--message", "Undo the comment");

        Assert.True(exit == 0, error);
        Assert.Equal($"Restored version 1 of '{hook.Name}' as version 3.\n", output.ReplaceLineEndings("\n"));
        var stored = (await Store.GetAsync(hook.Id))!;
        Assert.Equal(V1, stored.Script);
        Assert.Empty(stored.Dependencies);
        var version = await _app.Services.GetRequiredService<HookVersions>().GetAsync(hook.Id, 3);
        Assert.Equal("Undo the comment", version.Info.Message);
        Assert.Equal("cli-app", version.Info.Author.Name);
    }

    [Fact]
    public async Task Restore_MissingVersion_UsageError()
    {
        var (exit, _, error) = await RunAsync("restore", "any-hook");

        Assert.Equal(2, exit);
        Assert.Contains("usage: hooks restore", error, StringComparison.Ordinal);
    }
}
