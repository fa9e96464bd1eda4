using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;

namespace HooksDashboard.Cli;

/// <summary><c>run-hook</c>: runs hook code once through the runner and prints one JSON result.</summary>
internal static class RunHookCommand
{
    private const string PrintSample = "--print-sample";
    private const string DependencyOption = "--dependency";

    /// <summary>Options that take no value.</summary>
    public static readonly string[] Flags = [PrintSample];

    /// <summary>The usage, with each point's payload shape from the catalog.</summary>
    public static string Help { get; } = $$"""
        run-hook {{HookInput.Usage}} [--dependency name@version]...
        run-hook --trigger <triggerId> --print-sample
            Runs the hook once, exactly as the server would, and prints ONE JSON object on one line:
            {"status","data","applied","logs","error","durationMs","requests"}. Without --payload the point's
            sample payload is used. Exit 0 on success, 1 when the hook failed, 2 on bad usage or
            unreadable input. The run is recorded in the execution log under the data folder
            (DataDirectory, default data/ under the current folder, as for the server), which is created
            when missing.
            npm packages: --dependency name@version (repeatable) declares a dependency; a package the script
            requires without declaring it (require('x'), or webtask's require('x@1.2.3')) is resolved to the
            newest version (or the one named) and installed too, and standard error says which version it got.
            Packages come from the configured registry (Packages:RegistryUrl) into the package cache under the
            data folder; install failures print an error result (exit 1).
            --print-sample prints the point's sample payload (Auth0's runner payload): a complete
            --payload file to start from, e.g. run-hook --trigger pre-user-registration --print-sample > signup.json
            A payload is one JSON object with a property per argument of the hook:
        {{string.Join(Environment.NewLine, new HookCatalog().Points.Select(p => $"      {p.Id,-24}{p.PayloadShape}"))}}
        """;

    public static async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<IHookCatalog>();
        if (args.Has(PrintSample))
        {
            args.RejectUnknown(0, "--trigger", PrintSample);
            var point = HookInput.Point(args, catalog);
            await stdout.WriteLineAsync(CliJson.Document(point.ParseSamplePayload())).ConfigureAwait(false);
            return 0;
        }

        args.RejectUnknown(0, [.. HookInput.Options, DependencyOption]);
        var input = HookInput.Read(args, catalog, InvocationSource.Cli);
        var declared = DependencyArguments.Parse(args.All(DependencyOption));

        // The host is built, not started: no migration service and no background log writer run, so both happen here.
        await services.GetRequiredService<SqliteDatabase>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        var invocation = input.Invocation;
        ExecutionResult result;
        try
        {
            var prepared = await services.GetRequiredService<HookPackages>().PrepareAsync(invocation.Script, declared, cancellationToken).ConfigureAwait(false);
            foreach (var added in prepared.Added)
            {
                await stderr.WriteLineAsync(
                    $"run-hook: require('{added.Specifier}') resolved to {added.Name}@{added.Version} (not declared; pin it with --dependency {added.Name}@{added.Version})").ConfigureAwait(false);
            }
            invocation = invocation with { Dependencies = prepared.Dependencies, Packages = prepared.Graph };
            result = await services.GetRequiredService<IHookRunner>().RunAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (PackageInstallException ex)
        {
            await stderr.WriteLineAsync($"run-hook: dependencies could not be installed: {ex.Message}").ConfigureAwait(false);
            result = ExecutionResult.Failure(ExecutionErrorKind.Contract, HookRunner.PackageErrorName, $"Dependencies could not be installed: {ex.Message}");
        }
        await services.GetRequiredService<IExecutionLog>().FlushAsync(cancellationToken).ConfigureAwait(false);

        await stdout.WriteLineAsync(CliJson.Line(result)).ConfigureAwait(false);
        return result.IsSuccess ? 0 : 1;
    }
}
