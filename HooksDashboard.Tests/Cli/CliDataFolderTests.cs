using System.Text;
using System.Text.RegularExpressions;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Data.Sqlite;

namespace HooksDashboard.Tests.Cli;

/// <summary>
/// The built binary as a user starts it: the server, then <c>run-hook</c>, from the same folder. Both must use one
/// data folder, so the command line's runs are in the database the server shows.
/// </summary>
public sealed partial class CliDataFolderTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempDataDirectory _work = new();

    // The app as built next to the tests (the test project references it), started with `dotnet HooksDashboard.dll`.
    private static string App => Path.Combine(AppContext.BaseDirectory, "HooksDashboard.dll");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task RunHook_StartedFromTheServersFolder_RecordsInTheServersDatabase()
    {
        var script = Path.Combine(_work.Path, "hook.js");
        await File.WriteAllTextAsync(script, "module.exports = function (user, context, cb) { console.log('from the command line'); cb(); };");
        var environment = new Dictionary<string, string> { ["Admin__Email"] = "owner@example.com", ["Admin__Password"] = "correct horse battery" };

        using var server = ChildProcess.Start("dotnet", [App, "--urls", "http://127.0.0.1:0"], _work.Path, environment);
        try
        {
            await WaitForListeningAsync(server);
            var serverDatabase = Path.Combine(_work.Path, "data", "hooks.db");
            Assert.True(File.Exists(serverDatabase), "The server started in the folder did not keep its database in data/ there.");

            var outcome = await ChildProcess.RunAsync("dotnet", [App, "run-hook", "--trigger", "post-change-password", "--script", script], _work.Path, Patience);

            Assert.True(outcome.ExitCode == 0, outcome.ToString());
            Assert.Equal(1, CountCliRecords(serverDatabase, "from the command line"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>Reads the server's standard output until Kestrel says where it listens.</summary>
    private static async Task WaitForListeningAsync(System.Diagnostics.Process server)
    {
        var seen = new StringBuilder();
        using var timeout = new CancellationTokenSource(Patience);
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            if (Listening().IsMatch(line))
            {
                // Keep draining, so a full pipe never blocks the server.
                _ = server.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = server.StandardError.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }
        Assert.Fail($"The server ended before listening:\n{seen}\n{await server.StandardError.ReadToEndAsync(CancellationToken.None)}");
    }

    private static long CountCliRecords(string database, string text)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM execution_logs WHERE source = 'cli' AND logs LIKE $text";
        command.Parameters.AddWithValue("$text", "%" + text + "%");
        return (long)command.ExecuteScalar()!;
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:\d+")]
    private static partial Regex Listening();
}
