using HooksDashboard.Catalog;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;

namespace HooksDashboard.Cli;

/// <summary><c>run-hook</c>: runs hook code once through the runner and prints one JSON result.</summary>
internal static class RunHookCommand
{
    private const string PrintSample = "--print-sample";

    /// <summary>Options that take no value.</summary>
    public static readonly string[] Flags = [PrintSample];

    /// <summary>The usage, with each point's payload shape from the catalog.</summary>
    public static string Help { get; } = $$"""
        run-hook {{HookInput.Usage}}
        run-hook --trigger <triggerId> --print-sample
            Runs the hook once, exactly as the server would, and prints ONE JSON object on one line:
            {"status","data","applied","logs","error","durationMs","requests"}. Without --payload the point's
            sample payload is used. Exit 0 on success, 1 when the hook failed, 2 on bad usage or
            unreadable input. The run is recorded in the execution log under the data folder
            (DataDirectory, default data/ under the current folder, as for the server), which is created
            when missing.
            --print-sample prints the point's sample payload (Auth0's runner payload): a complete
            --payload file to start from, e.g. run-hook --trigger pre-user-registration --print-sample > signup.json
            A payload is one JSON object with a property per argument of the hook:
        {{string.Join(Environment.NewLine, new HookCatalog().Points.Select(p => $"      {p.Id,-24}{p.PayloadShape}"))}}
        """;

    public static async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<IHookCatalog>();
        if (args.Has(PrintSample))
        {
            args.RejectUnknown(0, "--trigger", PrintSample);
            var point = HookInput.Point(args, catalog);
            await stdout.WriteLineAsync(CliJson.Document(point.ParseSamplePayload())).ConfigureAwait(false);
            return 0;
        }

        args.RejectUnknown(0, HookInput.Options);
        var input = HookInput.Read(args, catalog, InvocationSource.Cli);

        // The host is built, not started: no migration service and no background log writer run, so both happen here.
        await services.GetRequiredService<SqliteDatabase>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        var result = await services.GetRequiredService<IHookRunner>().RunAsync(input.Invocation, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<IExecutionLog>().FlushAsync(cancellationToken).ConfigureAwait(false);

        await stdout.WriteLineAsync(CliJson.Line(result)).ConfigureAwait(false);
        return result.IsSuccess ? 0 : 1;
    }
}
