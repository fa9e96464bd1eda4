using System.Diagnostics;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// Node 20, the reference for every Node-compatible output: runs a script with <c>node</c> when it is installed and
/// returns what it printed (stdout and stderr interleaved, as one pipe). Tests compare the executor's output with the
/// committed expectation, and — where node exists — the expectation with node's live output, so a stale
/// expectation fails instead of silently asserting the wrong thing. CI without node still asserts the committed one.
/// </summary>
internal static class NodeOracle
{
    private static readonly Lazy<bool> Present = new(() => Run("-e", "process.stdout.write('ok')") == "ok");

    public static bool IsAvailable => Present.Value;

    /// <summary>Runs <c>node &lt;file&gt;</c> in the file's folder and returns its combined output, or null without node.</summary>
    public static string? RunFile(string path) => IsAvailable ? Run(Path.GetFileName(path), null, Path.GetDirectoryName(path)) : null;

    /// <summary>Runs <paramref name="source"/> as a script file with <c>node</c> and returns its combined output, or null without node.</summary>
    public static string? RunScript(string source)
    {
        if (!IsAvailable)
        {
            return null;
        }

        var folder = Directory.CreateTempSubdirectory("node-oracle-");
        try
        {
            var file = Path.Combine(folder.FullName, "script.js");
            File.WriteAllText(file, source);
            return RunFile(file);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Runs <c>node -e &lt;code&gt;</c> and returns its combined output, or null without node.</summary>
    public static string? RunCode(string code) => IsAvailable ? Run("-e", code) : null;

    private static string? Run(string first, string? second, string? workingDirectory = null)
    {
        try
        {
            var start = new ProcessStartInfo("/bin/sh")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            };
            // Hooks run in UTC: node is the reference in UTC too, whatever the host's zone.
            start.Environment["TZ"] = "UTC";
            start.ArgumentList.Add("-c");
            // One pipe for both streams keeps Node's order of stdout and stderr lines.
            start.ArgumentList.Add("exec node \"$@\" 2>&1");
            start.ArgumentList.Add("sh");
            start.ArgumentList.Add(first);
            if (second is not null)
            {
                start.ArgumentList.Add(second);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(30_000))
            {
                // A script that never ends (waiting on a socket, a timer) fails its test instead of hanging the run.
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {first} did not end within 30 s");
            }

            return output.GetAwaiter().GetResult();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
