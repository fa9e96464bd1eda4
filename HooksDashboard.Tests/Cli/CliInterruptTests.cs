using System.Diagnostics;
using HooksDashboard.Cli;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Cli;

/// <summary>
/// Ctrl+C and a plain kill stop the built command line as a user or a service manager sends them: the verb ends
/// cleanly (its set-ups and scratch data removed) instead of the process dying or an embedded server stopping under it.
/// </summary>
public sealed class CliInterruptTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempDataDirectory _work = new();

    private static string App => Path.Combine(AppContext.BaseDirectory, "HooksDashboard.dll");

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Request_FirstCancelsTheToken_LaterOnesAreLeftToTheSystem()
    {
        using var interrupt = new CliInterrupt();

        Assert.False(interrupt.Token.IsCancellationRequested);
        Assert.True(interrupt.Request());
        Assert.True(interrupt.Token.IsCancellationRequested);
        Assert.False(interrupt.Request());
        Assert.False(interrupt.Request());
    }

    [Fact]
    public async Task BenchToken_SigtermDuringAMeasurement_Exits130AndRemovesItsSetUp()
    {
        // A measurement far longer than the test: only the signal ends it. Before, SIGTERM was taken by the embedded
        // server's own console lifetime, which stopped the server under the running benchmark.
        var (exit, stdout, stderr) = await RunUntilSignalledAsync(
            ["bench-token", "--modes", "without", "--concurrency", "1", "--requests", "100000000", "--rounds", "1"],
            started: () => ScratchFolders().Length > 0 && File.Exists(Path.Combine(ScratchFolders()[0], "hooks.db")),
            "TERM");

        Assert.True(exit == CliApp.Interrupted, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("bench-token: interrupted before it finished", stderr, StringComparison.Ordinal);
        Assert.Empty(ScratchFolders());
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task BenchTokenServe_Signal_EndsTheServingWith0AndRemovesItsSetUp(string signal)
    {
        var served = new TaskCompletionSource();
        var (exit, stdout, stderr) = await RunUntilSignalledAsync(
            ["bench-token", "--serve", "600", "--modes", "without"],
            started: () => served.Task.IsCompleted,
            signal,
            line => { if (line.StartsWith("serving ", StringComparison.Ordinal)) served.TrySetResult(); });

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Empty(ScratchFolders());
    }

    private string[] ScratchFolders() => Directory.GetDirectories(_work.Path, "hooksdashboard-bench-*");

    /// <summary>Starts the verb with its temporary folder in this test's, signals it once <paramref name="started"/> holds, and waits for it to end.</summary>
    private async Task<(int Exit, string Stdout, string Stderr)> RunUntilSignalledAsync(
        string[] arguments, Func<bool> started, string signal, Action<string>? onLine = null)
    {
        using var process = ChildProcess.Start("dotnet", [App, .. arguments], _work.Path, new Dictionary<string, string> { ["TMPDIR"] = _work.Path });
        var stdout = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stdout) stdout.AppendLine(e.Data);
            onLine?.Invoke(e.Data);
        };
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            while (!started())
            {
                if (process.HasExited)
                    Assert.Fail($"The verb ended before it was signalled:\n{stdout}\n{await stderr}");
                Assert.True(clock.Elapsed < Patience, $"The verb did not start within {Patience.TotalSeconds:0} s:\n{stdout}");
                await Task.Delay(100);
            }

            var kill = await ChildProcess.RunAsync("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], _work.Path, Patience);
            Assert.True(kill.ExitCode == 0, kill.ToString());
            using var wait = new CancellationTokenSource(Patience);
            await process.WaitForExitAsync(wait.Token);
            string output;
            lock (stdout) output = stdout.ToString();
            return (process.ExitCode, output, await stderr);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }
}
