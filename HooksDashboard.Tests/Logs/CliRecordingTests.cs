using HooksDashboard.Cli;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Logs;

/// <summary>The command line records its runs without a server, into a data folder it creates; benchmarks record nothing.</summary>
public sealed class CliRecordingTests : IDisposable
{
    private readonly TempDataDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string DataDirectory => Path.Combine(_temp.Path, "not-yet-there");

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        return await CliRun.CaptureWithSettingsAsync(args, new Dictionary<string, string?> { ["DataDirectory"] = DataDirectory });
    }

    private string Script(string code)
    {
        var path = Path.Combine(_temp.Path, "hook.js");
        File.WriteAllText(path, code);
        return path;
    }

    [Fact]
    public async Task RunHook_NoDataFolderYet_CreatesItAndRecordsTheRunBeforeExiting()
    {
        var script = Script("module.exports = function (user, context, cb) { console.log('from the cli'); cb(null, {}); };");

        var (exit, _, stderr) = await RunAsync("run-hook", "--trigger", "post-change-password", "--script", script, "--secret", "K=value-of-k");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        await using var services = StorageFixture.BuildServices(DataDirectory);
        var record = Assert.Single((await services.GetRequiredService<IExecutionLogQuery>().ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First())).Items);
        Assert.Equal(InvocationSource.Cli, record.Source);
        Assert.Equal("post-change-password", record.TriggerId);
        Assert.Equal("from the cli", Assert.Single(record.Logs).Message);
        Assert.DoesNotContain("value-of-k", record.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchHook_Runs_RecordNothing()
    {
        var script = Script("module.exports = function (user, context, cb) { cb(null, {}); };");

        var (exit, _, _) = await RunAsync("bench-hook", "--trigger", "post-change-password", "--script", script, "--iterations", "60", "--warmup-ms", "0");

        Assert.Equal(0, exit);
        // Nothing was recorded, so nothing was even created.
        Assert.False(Directory.Exists(DataDirectory));
    }
}
