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
    private const string CasesOption = "--cases";
    private const string JUnitOption = "--junit";

    /// <summary>Options that take no value.</summary>
    public static readonly string[] Flags = [PrintSample];

    /// <summary>The usage, with each point's payload shape from the catalog.</summary>
    public static string Help { get; } = $$"""
        run-hook {{HookInput.Usage}} [--dependency name@version]...
        run-hook --trigger <triggerId> --script <file.js> --cases <folder> [--junit <file.xml>] [--secret NAME=VALUE]...
                 [--timeout-ms N] [--dependency name@version]...
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
            --cases runs every *.json case file of the folder (code kept in a repository, tested in CI): each
            file is one test case in the Management API's shape: "name", "payload", "httpMocks", "secrets" and
            "expect" with "outcome" ("success" or "error"), "errorName", "errorMessage", "result", "applied",
            "console" (the name defaults to the file name; see README "Saved test cases"). Standard output gets ONE JSON
            report {"hook","total","passed","failed","results"}, standard error a PASS/FAIL line per case with
            what differed; --junit also writes a JUnit XML report. Exit 0 when every case passed, 1 when one
            failed, 2 on bad usage or an invalid case file (named). Case runs are not recorded in the log.
            --secret values are the base secrets; a case's "secrets" override them.
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

        if (args.Optional(CasesOption) is { } folder)
            return await RunCasesAsync(args, folder, services, stdout, stderr, cancellationToken).ConfigureAwait(false);
        if (args.Optional(JUnitOption) is not null)
            throw new CliUsageException($"{JUnitOption} goes with {CasesOption} <folder>.");

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

    /// <summary><c>run-hook --cases</c>: every case file of a folder against the script, one report.</summary>
    private static async Task<int> RunCasesAsync(CliArguments args, string folder, IServiceProvider services, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        args.RejectUnknown(0, "--trigger", "--script", "--secret", "--timeout-ms", DependencyOption, CasesOption, JUnitOption);
        var catalog = services.GetRequiredService<IHookCatalog>();
        var input = HookInput.Read(args, catalog, InvocationSource.Cli);
        var declared = DependencyArguments.Parse(args.All(DependencyOption));
        var cases = ReadCaseFiles(folder);

        var invocation = input.Invocation;
        await services.GetRequiredService<SqliteDatabase>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        var subject = new Hooks.TestCases.TestCaseSubject(invocation.TriggerId, invocation.Script, invocation.Secrets, InvocationSource.Cli)
        {
            HookName = Path.GetFileName(args.Required("--script")),
            Dependencies = declared,
            TimeoutMs = invocation.TimeoutMs,
        };
        var report = await services.GetRequiredService<Hooks.TestCases.TestCaseRunner>().RunAsync(subject, cases, cancellationToken).ConfigureAwait(false);

        if (args.Optional(JUnitOption) is { } junit)
            await Remote.HooksCommand.WriteJUnitAsync(report, junit, cancellationToken).ConfigureAwait(false);
        await Remote.HooksCommand.PrintReportAsync(stderr.WriteLineAsync, report).ConfigureAwait(false);
        await stdout.WriteLineAsync(CliJson.Line(Hooks.TestCases.TestCaseReportJson.ToJson(report))).ConfigureAwait(false);
        return report.AllPassed ? 0 : 1;
    }

    /// <summary>The folder's <c>*.json</c> files in name order, each one case; anything wrong is a usage error naming the file.</summary>
    private static List<(string? Id, Hooks.TestCases.TestCaseDefinition Definition)> ReadCaseFiles(string folder)
    {
        if (!Directory.Exists(folder))
            throw new CliUsageException($"The cases folder '{folder}' does not exist.");
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new CliUsageException($"The cases folder '{folder}' holds no *.json case files.");
        var cases = new List<(string? Id, Hooks.TestCases.TestCaseDefinition Definition)>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"Cannot read the case file '{file}': {e.Message}");
            }
            Hooks.TestCases.TestCaseDefinition definition;
            try
            {
                definition = Hooks.TestCases.TestCaseJson.Parse(text, Path.GetFileNameWithoutExtension(file));
            }
            catch (HookValidationException e)
            {
                throw new CliUsageException($"Case file '{file}': {e.Message}");
            }
            if (names.TryGetValue(definition.Name, out var other))
                throw new CliUsageException($"Case files '{other}' and '{file}' are both named '{definition.Name}': names must be unique.");
            names[definition.Name] = file;
            cases.Add((null, definition));
        }
        return cases;
    }
}
