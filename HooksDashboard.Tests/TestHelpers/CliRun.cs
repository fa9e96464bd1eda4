using HooksDashboard.Cli;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>Runs the command line in-process, as the <c>HooksDashboard</c> executable would, and captures what it printed.</summary>
internal static class CliRun
{
    /// <summary>With the process's own environment.</summary>
    public static Task<(int Exit, string Out, string Err)> CaptureAsync(string[] args) =>
        CaptureAsync((stdout, stderr) => CliApp.RunAsync(args, stdout, stderr));

    /// <summary>Environment variables (the remote verbs' HOOKS_* connection settings) read through <paramref name="environment"/>.</summary>
    public static Task<(int Exit, string Out, string Err)> CaptureAsync(string[] args, Func<string, string?> environment) =>
        CaptureAsync((stdout, stderr) => CliApp.RunAsync(args, stdout, stderr, environment));

    /// <summary>With configuration <paramref name="settings"/> over appsettings (e.g. DataDirectory pointing at a temp folder).</summary>
    public static Task<(int Exit, string Out, string Err)> CaptureWithSettingsAsync(string[] args, IReadOnlyDictionary<string, string?> settings) =>
        CaptureAsync((stdout, stderr) => CliApp.RunAsync(args, stdout, stderr, settings));

    private static async Task<(int Exit, string Out, string Err)> CaptureAsync(Func<TextWriter, TextWriter, Task<int>> run)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await run(stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
