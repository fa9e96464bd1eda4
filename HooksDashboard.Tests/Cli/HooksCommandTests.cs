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
        return await CliRun.CaptureAsync(["hooks", .. args], k => _environment.GetValueOrDefault(k));
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
    public async Task Json_ScriptWithQuotesAndPlus_IsPrintedAsIs()
    {
        const string Script = "module.exports = function (user, context, cb) { cb(null, { note: 'it\\'s 1+1 <b> & café' }); };";
        await JsonAsync("create", "--name", "Quoted", "--trigger", "post-change-password", "--script", ScriptFile(Script));

        var (exit, output, _) = await RunAsync("show", "Quoted", "--json");

        Assert.Equal(0, exit);
        Assert.Contains("<b> & café' }); };", output, StringComparison.Ordinal);
        Assert.Contains("1+1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", output, StringComparison.Ordinal);
        Assert.Equal(Script, (string?)JsonNode.Parse(output)!["script"]);
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
    public async Task CreateAndUpdate_Dependency_InstalledAndSavedByTheServer()
    {
        var created = await JsonAsync("create", "--name", "With lodash", "--trigger", "credentials-exchange", "--dependency", "lodash@4.17.21");
        Assert.Equal("4.17.21", (string)created["dependencies"]!["lodash"]!);

        var (exit, _, error) = await RunAsync("update", "With lodash", "--dependency", "lodash@5.0.0");

        Assert.Equal(RemoteExitCodes.Refused, exit);
        Assert.Contains("No version of 'lodash' matches '5.0.0'. Newest versions: 4.17.21", error, StringComparison.Ordinal);
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

/// <summary>The hooks verbs with an application's credentials, exchanged at the server's own <c>/oauth/token</c>.</summary>
public sealed class HooksCommandCredentialsTests : IDisposable
{
    private const string ClientId = "cli-bootstrap";
    private const string ClientSecret = "cli-bootstrap-secret-at-least-32-chars";
    private readonly KestrelAppFactory _app = new();

    public HooksCommandCredentialsTests()
    {
        _app.Settings["Bootstrap:ClientId"] = ClientId;
        _app.Settings["Bootstrap:ClientSecret"] = ClientSecret;
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(string secret, params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["HOOKS_CLIENT_ID"] = ClientId, ["HOOKS_CLIENT_SECRET"] = secret };
        return await CliRun.CaptureAsync(["hooks", .. args, "--domain", _app.Address], k => environment.GetValueOrDefault(k));
    }

    [Fact]
    public async Task ClientCredentials_CreateAndList()
    {
        var (created, createdJson, createError) = await RunAsync(ClientSecret, "create", "--name", "Via credentials", "--trigger", "credentials-exchange", "--json");
        var (listed, listJson, _) = await RunAsync(ClientSecret, "list", "--json");

        Assert.True(created == 0, createError);
        Assert.Equal(0, listed);
        var id = (string)JsonNode.Parse(createdJson)!["id"]!;
        Assert.Contains(id, JsonNode.Parse(listJson)!.AsArray().Select(h => (string)h!["id"]!));
        var history = await _app.Services.GetRequiredService<IHookAuditLog>().ListForHookAsync(id);
        Assert.Equal(ClientId, history.Single().Actor);
    }

    [Fact]
    public async Task WrongSecret_Exit3SayingTheTokenWasRefused()
    {
        var (exit, output, error) = await RunAsync("wrong-secret", "list");

        Assert.Equal(RemoteExitCodes.Unreachable, exit);
        Assert.Equal("", output);
        Assert.Contains($"Could not get an access token from {_app.Address}/oauth/token for client {ClientId}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_EnabledCredentialsExchangeHookFails_DisablesItWithoutRunningIt()
    {
        // A hook that fails every token exchange: it must not keep the command line from the Management API.
        var hooks = _app.Services.GetRequiredService<IHookStore>();
        var broken = await hooks.CreateAsync(new NewHook("Broken exchange", "credentials-exchange",
            "module.exports = function (client, scope, audience, context, cb) { cb(new Error('broken on purpose')); };", Enabled: true));

        var (exit, output, error) = await RunAsync(ClientSecret, "disable", "Broken exchange", "--json");

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.False((bool)JsonNode.Parse(output)!["enabled"]!);
        Assert.False((await hooks.GetAsync(broken.Id))!.Enabled);
        // The command line's token requests did not run the hook: nothing was recorded for it.
        await _app.Services.GetRequiredService<HooksDashboard.Logs.IExecutionLog>().FlushAsync();
        Assert.Empty(await _app.Services.GetRequiredService<HooksDashboard.Logs.IExecutionLogQuery>().ListHookLogsAsync(broken.Id));
    }

    [Fact]
    public async Task Logs_PrintsRecords_AndFollowStreamsNewOnesUntilCancelled()
    {
        var (_, createdJson, _) = await RunAsync(ClientSecret, "create", "--name", "Logging hook", "--trigger", "post-user-registration", "--enabled", "--json");
        var id = (string)JsonNode.Parse(createdJson)!["id"]!;
        var script = ScriptThatLogs("first run");
        await RunAsync(ClientSecret, "update", id, "--script", script);
        File.Delete(script);
        await RunHookAsync();

        var (exit, json, error) = await RunAsync(ClientSecret, "logs", "Logging hook", "--json");
        Assert.True(exit == 0, error);
        // Without --follow, a listing like every other: one JSON array.
        var record = Assert.Single(JsonNode.Parse(json)!.AsArray())!;
        Assert.Equal("first run", (string?)record["logs"]![0]!["message"]);

        var environment = new Dictionary<string, string?> { ["HOOKS_CLIENT_ID"] = ClientId, ["HOOKS_CLIENT_SECRET"] = ClientSecret };
        using var output = new StringWriter();
        var stdout = TextWriter.Synchronized(output);
        using var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        var follow = CliApp.RunAsync(["hooks", "logs", id, "--follow", "--interval-ms", "200", "--domain", _app.Address], stdout, stderr, k => environment.GetValueOrDefault(k), stop.Token);
        await WaitForAsync(() => output.ToString().Contains("first run", StringComparison.Ordinal), follow);
        await RunHookAsync();
        await WaitForAsync(() => output.ToString().Split('\n').Count(l => l.Contains("first run", StringComparison.Ordinal)) == 2, follow);
        await stop.CancelAsync();

        Assert.Equal(0, await follow);
    }

    private async Task RunHookAsync()
    {
        var catalog = _app.Services.GetRequiredService<HooksDashboard.Catalog.IHookCatalog>();
        var payload = JsonNode.Parse(catalog.Find("post-user-registration")!.SamplePayload)!;
        await _app.Services.GetRequiredService<IHookRunner>().RunEnabledAsync("post-user-registration", payload);
        await _app.Services.GetRequiredService<HooksDashboard.Logs.IExecutionLog>().FlushAsync();
    }

    private static string ScriptThatLogs(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hooks-cli-{Guid.NewGuid():N}.js");
        File.WriteAllText(path, $"module.exports = function (user, context, cb) {{ console.log('{text}'); cb(); }};");
        return path;
    }

    /// <summary>Waits (bounded) for the follower to print; fails with its output if it ends first.</summary>
    private static async Task WaitForAsync(Func<bool> condition, Task<int> follower)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            Assert.False(follower.IsCompleted, "hooks logs --follow ended on its own.");
            await Task.Delay(100);
        }
        Assert.True(condition(), "hooks logs --follow did not print the expected records.");
    }

    public void Dispose() => _app.Dispose();
}
