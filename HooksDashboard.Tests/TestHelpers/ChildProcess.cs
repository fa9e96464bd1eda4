using System.Diagnostics;
using System.Text;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>What a finished child process wrote and returned.</summary>
public sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>
/// Runs the repository's tools as a user would (<c>dotnet msbuild</c>, <c>dotnet run</c>, the built executable) in a
/// chosen working folder, with the environment variables that would change their behaviour removed.
/// </summary>
public static class ChildProcess
{
    // Variables of this test run that would leak into a child: its data folder, a configured environment name,
    // the command line's connection settings, and the test host's MSBuild location.
    private static readonly string[] Cleared =
    [
        "DataDirectory", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT",
        "ASPNETCORE_URLS", "HOOKS_DOMAIN", "HOOKS_CLIENT_ID", "HOOKS_CLIENT_SECRET", "HOOKS_AUDIENCE", "HOOKS_TOKEN",
        "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly",
    ];

    /// <summary>Starts <paramref name="file"/> in <paramref name="workingDirectory"/> and waits (bounded) for it to end.</summary>
    public static async Task<ProcessOutcome> RunAsync(
        string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(file, arguments, workingDirectory, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{file} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds:0} s:\n{await stdout}\n{await stderr}");
        }
        return new ProcessOutcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running process (a server); the caller stops it with <see cref="Process.Kill(bool)"/>.</summary>
    public static Process Start(string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in Cleared)
            start.Environment.Remove(name);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        return Process.Start(start) ?? throw new InvalidOperationException($"'{file}' did not start.");
    }
}
