using System.Text.Json.Nodes;
using HooksDashboard.Audit;
using HooksDashboard.Cli;
using HooksDashboard.Cli.Remote;
using HooksDashboard.Hooks;
using HooksDashboard.Management;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HooksDashboard.Tests.Cli;

/// <summary>The app on a loopback server trusting a test issuer, shared by the command-line tests of one class.</summary>
public sealed class CliServerFixture : IDisposable
{
    public CliServerFixture()
    {
        App.ConfigureTestServices = services => services.Replace(ServiceDescriptor.Singleton<IManagementTokenTrust>(Issuer));
        Issuer.Issuer = App.Address + "/";
    }

    public KestrelAppFactory App { get; } = new();

    public TestTokenIssuer Issuer { get; } = new();

    public void Dispose()
    {
        App.Dispose();
        Issuer.Dispose();
    }
}

/// <summary>Every hooks command against the app on a real loopback server, with its JSON output and exit codes.</summary>
public sealed class HooksCommandTests : IClassFixture<CliServerFixture>, IDisposable
{
    private readonly KestrelAppFactory _app;
    private readonly TestTokenIssuer _issuer;
    private readonly TempDataDirectory _files = new();
    private readonly Dictionary<string, string?> _environment;

    public HooksCommandTests(CliServerFixture server)
    {
        _app = server.App;
        _issuer = server.Issuer;
        _environment = new() { ["HOOKS_DOMAIN"] = _app.Address, ["HOOKS_TOKEN"] = _issuer.AllScopes("cli-app") };
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["hooks", .. args], stdout, stderr, k => _environment.GetValueOrDefault(k));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<JsonNode> JsonAsync(params string[] args)
    {
        var (exit, output, error) = await RunAsync([.. args, "--json"]);
        Assert.True(exit == 0, $"hooks {string.Join(' ', args)} exited {exit}: {error}");
        return JsonNode.Parse(output)!;
    }

    private string ScriptFile(string content)
    {
        var path = Path.Combine(_files.Path, Guid.NewGuid().ToString("N") + ".js");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Create_WithoutScript_UsesStarterTemplateDisabled()
    {
        var created = await JsonAsync("create", "--name", "Claims", "--trigger", "credentials-exchange");

        Assert.False((bool)created["enabled"]!);
        Assert.Contains("access_token.scope = scope", (string)created["script"]!, StringComparison.Ordinal);
        var stored = await _app.Services.GetRequiredService<IHookStore>().FindByNameAsync("Claims");
        Assert.Equal((string)created["id"]!, stored!.Id);
    }

    [Fact]
    public async Task CreateEnabledWithScript_ThenListShowUpdateEnableDisableDelete()
    {
        var script = ScriptFile("module.exports = function (user, context, cb) { cb(null, { user: user }); };");
        var created = await JsonAsync("create", "--name", "Signup rules", "--trigger", "pre-user-registration", "--script", script, "--enabled");
        var id = (string)created["id"]!;
        Assert.True((bool)created["enabled"]!);

        var listed = (await JsonAsync("list", "--trigger", "pre-user-registration", "--enabled", "true")).AsArray();
        Assert.Equal([id], listed.Select(h => (string)h!["id"]!));

        var shown = await JsonAsync("show", "Signup rules");
        Assert.Equal(id, (string)shown["id"]!);

        var newScript = ScriptFile("module.exports = function (user, context, cb) { cb(); };");
        var updated = await JsonAsync("update", id, "--script", newScript, "--name", "Signup rules v2");
        Assert.Equal("Signup rules v2", (string)updated["name"]!);
        Assert.Equal("module.exports = function (user, context, cb) { cb(); };", (string)updated["script"]!);

        Assert.False((bool)(await JsonAsync("disable", "Signup rules v2"))["enabled"]!);
        Assert.True((bool)(await JsonAsync("enable", id))["enabled"]!);

        Assert.Equal(id, (string)(await JsonAsync("delete", "Signup rules v2"))["deleted"]!);
        Assert.Null(await _app.Services.GetRequiredService<IHookStore>().GetAsync(id));
        var history = await _app.Services.GetRequiredService<IHookAuditLog>().ListForHookAsync(id);
        Assert.All(history, e => Assert.Equal("cli-app", e.Actor));
        Assert.Contains(history, e => e.Action == HookAuditActions.Deleted);
    }

    [Fact]
    public async Task TableOutput_ForPeople()
    {
        await JsonAsync("create", "--name", "Table hook", "--trigger", "post-change-password");

        var (exit, output, _) = await RunAsync("list");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Contains("NAME", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Table hook", StringComparison.Ordinal) && l.Contains("post-change-password", StringComparison.Ordinal) && l.TrimEnd().EndsWith("no", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secrets_SetListDelete()
    {
        await JsonAsync("create", "--name", "Secretive", "--trigger", "send-phone-message");

        var first = await JsonAsync("secrets", "set", "Secretive", "API_KEY=one", "OTHER=two");
        var second = await JsonAsync("secrets", "set", "Secretive", "API_KEY=three", "NEW=x=y");
        var listed = await JsonAsync("secrets", "list", "Secretive");
        var deleted = await JsonAsync("secrets", "delete", "Secretive", "OTHER", "NEW");
        var (exit, table, _) = await RunAsync("secrets", "list", "Secretive");

        Assert.Equal("""{"added":["API_KEY","OTHER"],"updated":[]}""", first.ToJsonString());
        Assert.Equal("""{"added":["NEW"],"updated":["API_KEY"]}""", second.ToJsonString());
        Assert.Equal("""["API_KEY","NEW","OTHER"]""", listed.ToJsonString());
        Assert.Equal("""{"deleted":["OTHER","NEW"]}""", deleted.ToJsonString());
        Assert.Equal(0, exit);
        Assert.Contains("API_KEY  _VALUE_NOT_SHOWN_", table, StringComparison.Ordinal);
        var hook = await _app.Services.GetRequiredService<IHookStore>().FindByNameAsync("Secretive");
        var values = await _app.Services.GetRequiredService<IHookStore>().GetSecretValuesAsync(hook!.Id);
        Assert.Equal("three", values["API_KEY"]);
        Assert.Single(values);
    }

    [Theory]
    [InlineData("show", "No such hook")]
    [InlineData("delete", "01GQN0P01XY4VE0PCK7H20QZ4M")]
    public async Task UnknownHook_Exit1(string command, string reference)
    {
        var (exit, output, error) = await RunAsync(command, reference);

        Assert.Equal(RemoteExitCodes.Refused, exit);
        Assert.Equal("", output);
        Assert.Contains($"No hook has the id or name '{reference}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateName_Exit1WithServerMessage()
    {
        await JsonAsync("create", "--name", "Twice", "--trigger", "credentials-exchange");

        var (exit, _, error) = await RunAsync("create", "--name", "Twice", "--trigger", "credentials-exchange");

        Assert.Equal(RemoteExitCodes.Refused, exit);
        Assert.Contains("Hook with the same name already exists", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingScope_Exit1()
    {
        _environment["HOOKS_TOKEN"] = _issuer.Token("read:hooks");

        var (exit, _, error) = await RunAsync("create", "--name", "Nope", "--trigger", "credentials-exchange");

        Assert.Equal(RemoteExitCodes.Refused, exit);
        Assert.Contains("Insufficient scope, expected any of: create:hooks", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedToken_Exit3()
    {
        _environment["HOOKS_TOKEN"] = _issuer.Token("read:hooks", expires: DateTimeOffset.UtcNow.AddHours(-2));

        var (exit, _, error) = await RunAsync("list");

        Assert.Equal(RemoteExitCodes.Unreachable, exit);
        Assert.Contains("The server refused the access token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadClientCredentials_Exit3()
    {
        _environment.Remove("HOOKS_TOKEN");
        _environment["HOOKS_CLIENT_ID"] = "nobody";
        _environment["HOOKS_CLIENT_SECRET"] = "wrong";

        var (exit, _, error) = await RunAsync("list");

        Assert.Equal(RemoteExitCodes.Unreachable, exit);
        Assert.Contains("nobody", error, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
