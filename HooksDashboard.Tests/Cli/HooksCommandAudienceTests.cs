using System.Text.Json.Nodes;
using HooksDashboard.Cli;
using HooksDashboard.Cli.Remote;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Cli;

/// <summary>
/// The command line reaching a server by another name than its issuer (as <c>--domain http://127.0.0.1:5062</c>
/// against <c>dotnet run</c>, whose issuer is <c>http://localhost:5062/</c>): the audience comes from the server.
/// </summary>
public sealed class HooksCommandAudienceTests : IDisposable
{
    private const string ClientId = "cli-audience";
    private const string ClientSecret = "cli-audience-secret-at-least-32-chars";
    private const string Issuer = "https://hooks.example.com/";
    private readonly KestrelAppFactory _app = new();

    public HooksCommandAudienceTests()
    {
        _app.Settings["Issuer"] = Issuer;
        _app.Settings["Bootstrap:ClientId"] = ClientId;
        _app.Settings["Bootstrap:ClientSecret"] = ClientSecret;
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["HOOKS_CLIENT_ID"] = ClientId, ["HOOKS_CLIENT_SECRET"] = ClientSecret };
        return await CliRun.CaptureAsync(["hooks", .. args, "--domain", _app.Address], k => environment.GetValueOrDefault(k));
    }

    [Fact]
    public async Task List_DomainIsNotTheIssuer_AsksTheServerForTheAudience()
    {
        Assert.DoesNotContain("hooks.example.com", _app.Address, StringComparison.Ordinal);

        var (exit, output, error) = await RunAsync("list", "--json");

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Equal("[]", JsonNode.Parse(output)!.ToJsonString());
    }

    [Fact]
    public async Task List_WrongAudienceGiven_Exit3NamingTheAudience()
    {
        var wrong = _app.Address + "/api/v2/";

        var (exit, _, error) = await RunAsync("list", "--audience", wrong);

        Assert.Equal(RemoteExitCodes.Unreachable, exit);
        Assert.Contains($"audience {wrong}: Service not enabled within domain: {wrong}", error, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
