using HooksDashboard.Catalog;
using HooksDashboard.Cli.Remote;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;

namespace HooksDashboard.Cli;

/// <summary>The command line: verbs of the same executable that run without the web server.</summary>
public static class CliApp
{
    private const string Usage = """
        HooksDashboard: run, test and manage Auth0 hooks.

        Usage:
          HooksDashboard                 start the dashboard and the hook endpoints (the server)
          HooksDashboard <verb> [options]

        Verbs that need no server:

        """;

    private static readonly Dictionary<string, (string Help, string[] Flags, Func<CliArguments, IServiceProvider, TextWriter, TextWriter, CancellationToken, Task<int>> Run)> Verbs =
        new(StringComparer.Ordinal)
        {
            ["run-hook"] = (RunHookCommand.Help, RunHookCommand.Flags, RunHookCommand.RunAsync),
            ["bench-hook"] = (BenchHookCommand.Help, BenchHookCommand.Flags, BenchHookCommand.RunAsync),
            ["bench-token"] = (BenchTokenCommand.Help, [], (a, s, o, _, c) => BenchTokenCommand.RunAsync(a, s, o, c)),
            ["bench-queue"] = (BenchQueueCommand.Help, [], (a, s, o, _, c) => BenchQueueCommand.RunAsync(a, s, o, c)),
            ["bench-logs"] = (BenchLogsCommand.Help, [], (a, s, o, _, c) => BenchLogsCommand.RunAsync(a, s, o, c)),
        };

    private const string RemoteUsage = """

        Verbs that talk to a running server (its Management API, with an application's credentials):

        """;

    private static readonly Dictionary<string, (string Help, Func<IReadOnlyList<string>, TextWriter, TextWriter, Func<string, string?>, CancellationToken, Task<int>> Run)> RemoteVerbs =
        new(StringComparer.Ordinal)
        {
            ["hooks"] = (HooksCommand.Help, HooksCommand.RunAsync),
        };

    private static readonly string[] HelpWords = ["help", "--help", "-h"];

    /// <summary>The exit code of a verb interrupted before it finished.</summary>
    public const int Interrupted = 130;

    /// <summary>Whether the arguments name a command-line verb rather than starting the server.</summary>
    public static bool Handles(string[] args) =>
        args.Length > 0 && (Verbs.ContainsKey(args[0]) || RemoteVerbs.ContainsKey(args[0]) || HelpWords.Contains(args[0]));

    /// <summary>
    /// Runs a verb; returns the process exit code (0 success, 1 the hook or command failed or the server said no,
    /// 2 bad usage, 3 server unreachable or credentials refused, 130 interrupted by <paramref name="cancellationToken"/>).
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, Environment.GetEnvironmentVariable, settings: null, cancellationToken);

    /// <summary>Runs a verb, reading environment variables (the remote verbs' connection settings) through <paramref name="environment"/>.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, environment, settings: null, cancellationToken);

    /// <summary>With configuration <paramref name="settings"/> over appsettings and the environment (tests point DataDirectory at a temp folder).</summary>
    internal static Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, Environment.GetEnvironmentVariable, settings, cancellationToken);

    private static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment,
        IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (args.Length == 0 || HelpWords.Contains(args[0]))
        {
            await stdout.WriteAsync(HelpText()).ConfigureAwait(false);
            return 0;
        }
        if (RemoteVerbs.TryGetValue(args[0], out var remote))
        {
            if (args.Skip(1).Any(a => HelpWords.Contains(a)))
            {
                await stdout.WriteLineAsync(remote.Help).ConfigureAwait(false);
                return 0;
            }
            try
            {
                return await remote.Run([.. args.Skip(1)], stdout, stderr, environment, cancellationToken).ConfigureAwait(false);
            }
            catch (CliUsageException e)
            {
                await stderr.WriteLineAsync($"{args[0]}: {e.Message}").ConfigureAwait(false);
                return 2;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return await InterruptedAsync(args[0], stderr).ConfigureAwait(false);
            }
        }
        if (!Verbs.TryGetValue(args[0], out var verb))
        {
            await stderr.WriteLineAsync($"Unknown verb '{args[0]}'. Run with --help for the list.").ConfigureAwait(false);
            return 2;
        }
        if (args.Skip(1).Any(a => HelpWords.Contains(a)))
        {
            await stdout.WriteLineAsync(verb.Help).ConfigureAwait(false);
            return 0;
        }

        try
        {
            using var host = BuildHost(settings);
            return await verb.Run(new CliArguments(args.Skip(1), verb.Flags), host.Services, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            await stderr.WriteLineAsync($"{args[0]}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await InterruptedAsync(args[0], stderr).ConfigureAwait(false);
        }
    }

    /// <summary>A verb stopped by Ctrl+C or SIGTERM before it finished (<see cref="CliInterrupt"/>): 130, as shells report an interrupted command.</summary>
    private static async Task<int> InterruptedAsync(string verb, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"{verb}: interrupted before it finished").ConfigureAwait(false);
        return Interrupted;
    }

    private static string HelpText() =>
        Usage + string.Join(Environment.NewLine, Verbs.Values.Select(v => "  " + v.Help.ReplaceLineEndings(Environment.NewLine + "  "))) + Environment.NewLine
        + RemoteUsage + string.Join(Environment.NewLine, RemoteVerbs.Values.Select(v => "  " + v.Help.ReplaceLineEndings(Environment.NewLine + "  "))) + Environment.NewLine
        + Environment.NewLine + "Exit codes: 0 ok; 1 the hook failed or the server said no; 2 bad usage; 3 server unreachable or credentials refused;" + Environment.NewLine
        + "130 interrupted (Ctrl+C or SIGTERM) before it finished; a second Ctrl+C or SIGTERM ends the process at once." + Environment.NewLine;

    /// <summary>
    /// The same services the server uses for running hooks, configured from appsettings and the environment; not started.
    /// Built by the server's own builder (<see cref="WebApplication.CreateBuilder(WebApplicationOptions)"/>), so the
    /// content root — and with it the default data folder, <c>{ContentRoot}/data</c> — is found exactly as the server
    /// finds it: the current folder (which <c>dotnet run</c> sets to the project folder), unless
    /// <c>ASPNETCORE_CONTENTROOT</c>/<c>DOTNET_CONTENTROOT</c> say otherwise. A run-hook record then lands in the
    /// database the server started from the same place reads.
    /// </summary>
    private static WebApplication BuildHost(IReadOnlyDictionary<string, string?>? settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        // Standard output carries the JSON result only.
        builder.Logging.ClearProviders();
        builder.Services.AddCatalog()
            .AddStorage(builder.Configuration)
            .AddExecution(builder.Configuration)
            .AddHookRunner()
            .AddHookPackages(builder.Configuration)
            .AddExecutionLog(builder.Configuration);
        return builder.Build();
    }
}
