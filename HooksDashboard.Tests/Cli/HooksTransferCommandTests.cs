using System.Text.Json.Nodes;
using HooksDashboard.Cli;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Cli;

/// <summary><c>hooks export | import</c> against the app on a loopback server, with deploy-cli files on disk.</summary>
public sealed class HooksTransferCommandTests : IClassFixture<CliServerFixture>, IDisposable
{
    private const string Script = "module.exports = function (user, context, cb) { cb(); };\n";
    private readonly KestrelAppFactory _app;
    private readonly TempDataDirectory _files = new();
    private readonly Dictionary<string, string?> _environment;

    public HooksTransferCommandTests(CliServerFixture server)
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

    private string Write(string path, string text)
    {
        var full = Path.Combine(_files.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [Fact]
    public async Task Import_DryRunWithMappingAndEnvironment_PrintsThePlanAndChangesNothing()
    {
        var name = Unique("cli-dry");
        var yaml = Write("repo/tenant.yaml", $"""
            hooks:
              - name: {name}
                script: ./hooks/h.js
                triggerId: post-change-password
                secrets:
                  FROM_MAPPING: "##MAPPED##"
                  FROM_ENV: "##CLI_TEST_ENV##"
            """);
        Write("repo/hooks/h.js", Script);
        var mapping = Write("config.json", """{ "AUTH0_KEYWORD_REPLACE_MAPPINGS": { "MAPPED": "m-1" } }""");
        _environment["CLI_TEST_ENV"] = "e-1";

        var (exit, output, error) = await RunAsync("import", yaml, "--dry-run", "--mapping", mapping);

        Assert.True(exit == 0, error + output);
        Assert.Contains("to create", output, StringComparison.Ordinal);
        Assert.Contains($"create  {name}", output, StringComparison.Ordinal);
        Assert.Contains("secrets +FROM_ENV +FROM_MAPPING", output, StringComparison.Ordinal);
        Assert.Null(await Store.FindByNameAsync(name));
    }

    [Fact]
    public async Task Import_Yes_AppliesAndASecondImportChangesNothing()
    {
        var name = Unique("cli-apply");
        Write($"dir/hooks/{name}.json", $$"""{ "name": "{{name}}", "script": "./{{name}}.js", "triggerId": "post-change-password", "secrets": { "K": "_VALUE_NOT_SHOWN_" } }""");
        Write($"dir/hooks/{name}.js", Script);
        var folder = Path.Combine(_files.Path, "dir");

        var refused = await RunAsync("import", folder, "--yes");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("no value for the secret K", refused.Out, StringComparison.Ordinal);
        Assert.Null(await Store.FindByNameAsync(name));

        var (exit, output, error) = await RunAsync("import", folder, "--yes", "--secret", $"{name}.K=value");
        Assert.True(exit == 0, error + output);
        Assert.Contains("1 created, 0 updated", output, StringComparison.Ordinal);
        var hook = (await Store.FindByNameAsync(name))!;
        Assert.Equal("value", (await Store.GetSecretValuesAsync(hook.Id))["K"]);

        var again = await RunAsync("import", folder, "--yes");
        Assert.True(again.Exit == 0, again.Err + again.Out);
        Assert.Contains("Nothing to change", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_InvalidFile_ListsEachProblemAndExits1()
    {
        Write("bad/tenant.yaml", "hooks:\n  - name: x\n    triggerId: post-change-password\n");

        var (exit, _, error) = await RunAsync("import", Path.Combine(_files.Path, "bad"));

        Assert.Equal(1, exit);
        Assert.Contains("tenant.yaml, hooks[0] ('x'), field script (line 2): Missing required field 'script'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_BothFormats_WritesDeployCliFiles()
    {
        var name = Unique("cli-export");
        var hook = await Store.CreateAsync(new NewHook(name, "post-change-password", Script, false));
        await Store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["K"] = "never-exported" });

        var yaml = await RunAsync("export", Path.Combine(_files.Path, "out-yaml"));
        var directory = await RunAsync("export", Path.Combine(_files.Path, "out-dir"), "--format", "directory", "--json");

        Assert.True(yaml.Exit == 0, yaml.Err);
        var tenant = File.ReadAllText(Path.Combine(_files.Path, "out-yaml", "tenant.yaml"));
        Assert.Contains($"name: {name}", tenant, StringComparison.Ordinal);
        Assert.Contains($"script: ./hooks/{name}.js", tenant, StringComparison.Ordinal);
        Assert.Equal(Script, File.ReadAllText(Path.Combine(_files.Path, "out-yaml", "hooks", name + ".js")));
        Assert.True(directory.Exit == 0, directory.Err);
        Assert.Equal("directory", (string)JsonNode.Parse(directory.Out)!["format"]!);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_files.Path, "out-dir", "hooks", name + ".json")))!;
        Assert.Equal($"./{name}.js", (string)json["script"]!);
        Assert.Equal("_VALUE_NOT_SHOWN_", (string)json["secrets"]!["K"]!);
        Assert.DoesNotContain("never-exported", tenant, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_BadFormat_UsageError()
    {
        var (exit, _, error) = await RunAsync("export", _files.Path, "--format", "xml");

        Assert.Equal(2, exit);
        Assert.Contains("--format must be yaml or directory", error, StringComparison.Ordinal);
    }
}
