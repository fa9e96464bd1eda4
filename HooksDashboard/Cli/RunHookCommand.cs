using System.Text.Json;
using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;

namespace HooksDashboard.Cli;

/// <summary><c>run-hook</c>: runs hook code once through the runner and prints one JSON result.</summary>
internal static class RunHookCommand
{
    public const string Help = """
        run-hook --trigger <triggerId> --script <file.js> [--payload <file.json>] [--secret NAME=VALUE]... [--timeout-ms N]
            Runs the hook once, exactly as the server would, and prints ONE JSON object:
            {"status","data","applied","logs","error","durationMs"}. Without --payload the point's
            sample payload is used. Exit 0 on success, 1 when the hook failed, 2 on bad usage or
            unreadable input. The run is recorded in the execution log under the data folder
            (DataDirectory), which is created when missing.
        """;

    public static async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, CancellationToken cancellationToken)
    {
        args.RejectUnknown(0, HookInput.Options);
        var input = HookInput.Read(args, services.GetRequiredService<IHookCatalog>(), InvocationSource.Cli);

        // The host is built, not started: no migration service and no background log writer run, so both happen here.
        await services.GetRequiredService<SqliteDatabase>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        var result = await services.GetRequiredService<IHookRunner>().RunAsync(input.Invocation, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<IExecutionLog>().FlushAsync(cancellationToken).ConfigureAwait(false);

        await stdout.WriteLineAsync(JsonSerializer.Serialize(result, ExecutionJson.Options)).ConfigureAwait(false);
        return result.IsSuccess ? 0 : 1;
    }
}
