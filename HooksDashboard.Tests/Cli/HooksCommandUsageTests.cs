using HooksDashboard.Cli;
using HooksDashboard.Cli.Remote;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Cli;

/// <summary>The hooks verbs' help, usage errors and connection failures (no server needed, or none there).</summary>
public sealed class HooksCommandUsageTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static async Task<(int Exit, string Out, string Err)> RunAsync(Func<string, string?> environment, params string[] args)
    {
        return await CliRun.CaptureAsync(args, environment);
    }

    [Fact]
    public async Task Help_DocumentsEveryCommandAndExitCodes()
    {
        var (exit, output, _) = await RunAsync(NoEnvironment, "hooks", "--help");

        Assert.Equal(0, exit);
        foreach (var command in new[] { "hooks list", "hooks show", "hooks create", "hooks update", "hooks enable", "hooks disable", "hooks delete", "hooks secrets list", "hooks secrets set", "hooks secrets delete", "hooks logs", "--follow", "--json", "HOOKS_DOMAIN", "HOOKS_CLIENT_ID", "HOOKS_CLIENT_SECRET", "Exit codes" })
            Assert.Contains(command, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopLevelHelp_ListsRemoteVerbs()
    {
        var (exit, output, _) = await RunAsync(NoEnvironment, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("hooks <command>", output, StringComparison.Ordinal);
        Assert.Contains("3 server unreachable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingCredentials_Exit2NamingTheSetting()
    {
        var (exit, _, error) = await RunAsync(NoEnvironment, "hooks", "list", "--domain", "127.0.0.1:1");

        Assert.Equal(RemoteExitCodes.Usage, exit);
        Assert.Contains("--client-id is required (or set HOOKS_CLIENT_ID)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("show")]
    [InlineData("update", "some-hook")]
    [InlineData("list", "--enabled", "maybe")]
    [InlineData("secrets", "set", "h", "NOEQUALS")]
    [InlineData("list", "--bogus", "x")]
    [InlineData("secrets", "rotate", "h")]
    [InlineData("secrets", "delete", "h")]
    public async Task BadUsage_Exit2(params string[] words)
    {
        var environment = new Dictionary<string, string?> { ["HOOKS_DOMAIN"] = "http://127.0.0.1:1", ["HOOKS_CLIENT_ID"] = "id", ["HOOKS_CLIENT_SECRET"] = "secret" };

        var (exit, _, error) = await RunAsync(k => environment.GetValueOrDefault(k), ["hooks", .. words]);

        // Usage is checked before the (absent) server is asked anything: 2, not 3.
        Assert.Equal(RemoteExitCodes.Usage, exit);
        Assert.NotEqual("", error);
    }

    [Fact]
    public async Task UnreachableServer_Exit3WithClearMessage()
    {
        var environment = new Dictionary<string, string?> { ["HOOKS_DOMAIN"] = "http://127.0.0.1:1", ["HOOKS_CLIENT_ID"] = "id", ["HOOKS_CLIENT_SECRET"] = "secret" };

        var (exit, output, error) = await RunAsync(k => environment.GetValueOrDefault(k), "hooks", "list", "--json");

        Assert.Equal(RemoteExitCodes.Unreachable, exit);
        Assert.Equal("", output);
        Assert.Contains("Cannot reach the server at http://127.0.0.1:1/", error, StringComparison.Ordinal);
    }
}
