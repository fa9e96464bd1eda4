namespace HooksDashboard.Cli;

/// <summary>The command line: verbs that run without the web server.</summary>
public static class CliApp
{
    private static readonly string[] Verbs = ["run-hook", "bench-hook", "help", "--help", "-h"];

    /// <summary>Whether the arguments name a command-line verb rather than starting the server.</summary>
    public static bool Handles(string[] args) =>
        args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        _ = args;
        _ = stdout;
        stderr.WriteLine("not yet implemented");
        return Task.FromResult(2);
    }
}
