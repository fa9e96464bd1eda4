using System.Globalization;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog;
using HooksDashboard.Storage;

namespace HooksDashboard.Cli.Remote;

/// <summary><c>hooks ...</c>: manage the hooks of a running server through its Management API.</summary>
internal static partial class HooksCommand
{
    public const string Help = """
        hooks <command> [options]      manage the hooks of a RUNNING server through its Management API
            Connection (flags, or the environment like Auth0's CLI):
              --domain <host or URL>     HOOKS_DOMAIN         (a bare host means https://host)
              --client-id <id>           HOOKS_CLIENT_ID      an application granted the hooks scopes
              --client-secret <secret>   HOOKS_CLIENT_SECRET
              [--audience <aud>]         HOOKS_AUDIENCE       the Management API's audience; default {issuer}api/v2/
                                                              with the issuer the server's discovery document names
              [--token <access token>]   HOOKS_TOKEN          a token at hand, instead of the client credentials
            Commands (<hook> is an id or a name):
              hooks list [--trigger <triggerId>] [--enabled true|false]
              hooks show <hook>
              hooks create --name <name> --trigger <triggerId> [--script <file.js>] [--enabled]
                           [--dependency name@version]...
                           (without --script the point's starter template is used)
              hooks update <hook> [--script <file.js>] [--name <new name>] [--dependency name@version]... [--run-tests]
                           (--dependency replaces the hook's whole dependency list; --run-tests: when the hook
                           is enabled, its saved test cases run against the new code first and a failure
                           refuses the update, exit 1, naming the failed cases and what differed)
                           The server installs the npm dependencies before saving; a package the script
                           requires without declaring it is pinned to its newest version and added.
              hooks enable <hook>        (disables the point's previously enabled hook)
              hooks disable <hook>
              hooks delete <hook>
              hooks secrets list <hook>
              hooks secrets set <hook> NAME=VALUE [NAME=VALUE]...   (adds new names, replaces existing values)
              hooks secrets delete <hook> NAME [NAME]...
              hooks logs <hook> [--follow] [--interval-ms N]   newest execution records; --follow polls
                           for new ones until Ctrl+C
              hooks versions <hook>      every saved version of the code, newest first (* marks the one that runs)
              hooks diff <hook> <from> <to>   unified diff of two versions' scripts (and dependencies), e.g.
                           hooks diff my-hook v3 v5; a version is vN, N or "current"
              hooks restore <hook> <version> [--message <text>]   make an old version current again (saved as
                           a new version; the hook stays enabled or disabled as it is)
              hooks test <hook> [--case <name>]... [--junit <file.xml>]   run the hook's saved test cases on the
                           server against its saved code; prints pass/fail per case with what differed; exit 1
                           when any case failed; --junit writes a JUnit XML report for CI
              hooks export <folder> [--format yaml|directory]   every hook in auth0-deploy-cli's format (yaml:
                           tenant.yaml + hooks/*.js; directory: hooks/*.json + hooks/*.js); secrets masked
              hooks import <folder|tenant.yaml> [--dry-run] [--mapping file.json] [--secret HOOK.NAME=value]...
                           [--yes]   deploy-cli's formats, ##KEY## and @@KEY@@ replaced from the mapping file
                           (deploy-cli's config.json or a plain object) and the environment; prints the plan
                           (created, updated, enabled, disabled), then applies it in one transaction after
                           asking (--yes: without asking; --dry-run: plan only). A new secret needs a value
                           (a keyword, or --secret); a masked one keeps the hook's current value.
              hooks import --from-tenant <domain> --client-id <id> --client-secret <secret>
                           [--tenant-audience <aud>] [--dry-run] [--secret HOOK.NAME=value]... [--yes]
                           reads the hooks of a live Auth0 tenant (or of another server like this one) through
                           its Management API: scripts, triggers, enabled, dependencies and secret NAMES (the
                           tenant never shows values: give each new secret's value with --secret). The
                           application needs read:hooks on the tenant's Management API (AUTH0_CLIENT_ID and
                           AUTH0_CLIENT_SECRET are read when the flags are absent; --tenant-client-id and
                           --tenant-client-secret are the same flags). This server's application then comes
                           from HOOKS_CLIENT_ID and HOOKS_CLIENT_SECRET (or HOOKS_TOKEN). <domain> is a host name
                           (meaning https) or a URL written with its scheme (http://127.0.0.1:5062). Same plan
                           and apply as above.
            Add --json to any command for JSON output (for scripts) instead of tables: one indented document,
            an array for lists (list, secrets list, logs) and an object otherwise; logs --follow --json prints
            JSON Lines (one record per line, as it arrives). Characters like ' + < & and non-ASCII are written as they are.
            Exit codes: 0 done; 1 the server said no (not found, conflict, invalid input, missing scope);
            2 bad usage; 3 server unreachable or credentials refused.
        """;

    private static readonly string[] Flags = ["--json", "--enabled", "--follow", RunTestsFlag, "--dry-run", "--yes"];
    public static async Task<int> RunAsync(IReadOnlyList<string> words, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        // "--enabled" is a flag for create and takes a value for list.
        var isList = words.FirstOrDefault(w => w is "list" or "show" or "create" or "update" or "enable" or "disable" or "delete" or "secrets" or "logs"
            or "versions" or "diff" or "restore" or "test" or "export" or "import") == "list";
        var args = new CliArguments(words, isList ? ["--json", "--follow"] : Flags);
        if (args.Positional.Count == 0)
            throw new CliUsageException("a command is required: list, show, create, update, enable, disable, delete, secrets, logs, versions, diff, restore, test, export or import.");

        var command = args.Positional[0];
        var rest = args.Positional.Skip(1).ToList();
        // `hooks import --from-tenant <domain> --client-id … --client-secret …` (the issue's and deploy-cli's wording): the
        // flags name the tenant's application, so this server's comes from HOOKS_CLIENT_ID/HOOKS_CLIENT_SECRET.
        using var connection = ManagementConnection.FromArguments(args, environment, credentialsFromEnvironment: command == "import" && args.Optional("--from-tenant") is not null);
        var output = new Output(stdout, args.Has("--json"));
        try
        {
            switch (command)
            {
                case "list":
                    args.RejectUnknown(1, [.. ManagementConnection.Options, "--json", "--trigger", "--enabled"]);
                    await ListAsync(connection, output, args.Optional("--trigger"), args.Optional("--enabled"), cancellationToken).ConfigureAwait(false);
                    break;
                case "show":
                    args.RejectUnknown(2, [.. ManagementConnection.Options, "--json"]);
                    await ShowAsync(connection, output, One(rest, "hook"), cancellationToken).ConfigureAwait(false);
                    break;
                case "create":
                    args.RejectUnknown(1, [.. ManagementConnection.Options, "--json", "--name", "--trigger", "--script", "--enabled", DependencyOption]);
                    await CreateAsync(connection, output, args, cancellationToken).ConfigureAwait(false);
                    break;
                case "update":
                    args.RejectUnknown(2, [.. ManagementConnection.Options, "--json", "--name", "--script", DependencyOption, RunTestsFlag]);
                    await UpdateAsync(connection, output, One(rest, "hook"), args, cancellationToken).ConfigureAwait(false);
                    break;
                case "enable" or "disable":
                    args.RejectUnknown(2, [.. ManagementConnection.Options, "--json"]);
                    await SetEnabledAsync(connection, output, One(rest, "hook"), command == "enable", cancellationToken).ConfigureAwait(false);
                    break;
                case "delete":
                    args.RejectUnknown(2, [.. ManagementConnection.Options, "--json"]);
                    await DeleteAsync(connection, output, One(rest, "hook"), cancellationToken).ConfigureAwait(false);
                    break;
                case "secrets":
                    args.RejectUnknown(int.MaxValue, [.. ManagementConnection.Options, "--json"]);
                    await SecretsAsync(connection, output, rest, cancellationToken).ConfigureAwait(false);
                    break;
                case "logs":
                    args.RejectUnknown(2, [.. ManagementConnection.Options, "--json", "--follow", "--interval-ms"]);
                    await LogsAsync(connection, output, One(rest, "hook"), args.Has("--follow"), args.PositiveInt("--interval-ms", 2000), cancellationToken).ConfigureAwait(false);
                    break;
                case "versions":
                    args.RejectUnknown(2, [.. ManagementConnection.Options, "--json"]);
                    await VersionsAsync(connection, output, One(rest, "hook"), cancellationToken).ConfigureAwait(false);
                    break;
                case "diff":
                    args.RejectUnknown(4, [.. ManagementConnection.Options, "--json"]);
                    await DiffAsync(connection, output, rest, cancellationToken).ConfigureAwait(false);
                    break;
                case "restore":
                    args.RejectUnknown(3, [.. ManagementConnection.Options, "--json", "--message"]);
                    await RestoreAsync(connection, output, rest, args.Optional("--message"), cancellationToken).ConfigureAwait(false);
                    break;
                case "test":
                    args.RejectUnknown(2, [.. ManagementConnection.Options, "--json", "--case", "--junit"]);
                    await TestAsync(connection, output, One(rest, "hook"), args.All("--case"), args.Optional("--junit"), cancellationToken).ConfigureAwait(false);
                    break;
                case "export":
                    args.RejectUnknown(2, [.. ManagementConnection.Options, "--json", "--format"]);
                    await ExportAsync(connection, output, rest, args.Optional("--format"), cancellationToken).ConfigureAwait(false);
                    break;
                case "import":
                    args.RejectUnknown(2, [.. ManagementConnection.Options, "--json", "--dry-run", "--yes", "--mapping", "--secret",
                        "--from-tenant", "--tenant-client-id", "--tenant-client-secret", "--tenant-audience"]);
                    await ImportAsync(connection, output, rest, args, environment, stderr, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new CliUsageException($"unknown command '{command}'. Run 'hooks --help'.");
            }
            return RemoteExitCodes.Ok;
        }
        catch (CliRemoteException e)
        {
            await stderr.WriteLineAsync($"hooks {command}: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
    }

    private static string One(List<string> rest, string what) => rest.Count switch
    {
        0 => throw new CliUsageException($"the {what} (id or name) is required."),
        1 => rest[0],
        _ => throw new CliUsageException($"unexpected argument '{rest[1]}'."),
    };

    private static async Task ListAsync(ManagementConnection connection, Output output, string? trigger, string? enabled, CancellationToken cancellationToken)
    {
        if (enabled is not null and not ("true" or "false"))
            throw new CliUsageException($"--enabled must be true or false, not '{enabled}'.");
        var hooks = await AllHooksAsync(connection, trigger, enabled, cancellationToken).ConfigureAwait(false);
        if (output.Json)
        {
            await output.JsonAsync(new JsonArray([.. hooks.Select(h => h.DeepClone())])).ConfigureAwait(false);
            return;
        }
        if (hooks.Count == 0)
        {
            await output.LineAsync("No hooks.").ConfigureAwait(false);
            return;
        }
        await output.TableAsync(["ID", "NAME", "TRIGGER", "ENABLED"],
            hooks.Select(h => new[] { Text(h, "id"), Text(h, "name"), Text(h, "triggerId"), Bool(h, "enabled") ? "yes" : "no" })).ConfigureAwait(false);
    }

    private static async Task ShowAsync(ManagementConnection connection, Output output, string reference, CancellationToken cancellationToken)
    {
        var hook = await ResolveAsync(connection, reference, cancellationToken).ConfigureAwait(false);
        var secrets = await connection.SendAsync(HttpMethod.Get, $"/hooks/{Text(hook, "id")}/secrets", null, cancellationToken).ConfigureAwait(false) as JsonObject ?? [];
        if (output.Json)
        {
            await output.JsonAsync(hook).ConfigureAwait(false);
            return;
        }
        var dependencies = hook["dependencies"] as JsonObject ?? [];
        await output.TableAsync(["FIELD", "VALUE"],
        [
            ["id", Text(hook, "id")],
            ["name", Text(hook, "name")],
            ["trigger", Text(hook, "triggerId")],
            ["enabled", Bool(hook, "enabled") ? "yes" : "no"],
            ["dependencies", dependencies.Count == 0 ? "none" : string.Join(", ", dependencies.Select(d => $"{d.Key}@{d.Value}"))],
            ["secrets", secrets.Count == 0 ? "none" : string.Join(", ", secrets.Select(s => s.Key))],
        ]).ConfigureAwait(false);
        await output.LineAsync("").ConfigureAwait(false);
        await output.LineAsync(Text(hook, "script")).ConfigureAwait(false);
    }

    private static async Task CreateAsync(ManagementConnection connection, Output output, CliArguments args, CancellationToken cancellationToken)
    {
        var name = args.Required("--name");
        var trigger = args.Required("--trigger");
        var script = args.Optional("--script") is { } path
            ? ReadScript(path)
            : new HookCatalog().Find(trigger)?.Template
              ?? throw new CliUsageException($"Unknown trigger '{trigger}'. Known: {string.Join(", ", new HookCatalog().Points.Select(p => p.Id))}.");
        var body = new JsonObject { ["name"] = name, ["script"] = script, ["triggerId"] = trigger, ["enabled"] = args.Has("--enabled") };
        if (Dependencies(args) is { } dependencies)
            body["dependencies"] = dependencies;
        var created = await connection.SendAsync(HttpMethod.Post, "/hooks", body, cancellationToken).ConfigureAwait(false);
        await output.ResultAsync(created, $"Created hook '{name}' ({Text(created!, "id")}) for {trigger}, {(args.Has("--enabled") ? "enabled" : "disabled")}.").ConfigureAwait(false);
    }

    private static async Task UpdateAsync(ManagementConnection connection, Output output, string reference, CliArguments args, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        if (args.Optional("--name") is { } name)
            body["name"] = name;
        if (args.Optional("--script") is { } path)
            body["script"] = ReadScript(path);
        if (Dependencies(args) is { } dependencies)
            body["dependencies"] = dependencies;
        if (body.Count == 0)
            throw new CliUsageException("give --script, --name and/or --dependency.");
        var hook = await ResolveAsync(connection, reference, cancellationToken).ConfigureAwait(false);
        var query = args.Has(RunTestsFlag) ? "?runTests=true" : "";
        var updated = await connection.SendAsync(HttpMethod.Patch, $"/hooks/{Text(hook, "id")}{query}", body, cancellationToken).ConfigureAwait(false);
        await output.ResultAsync(updated, $"Updated hook '{Text(updated!, "name")}' ({Text(updated!, "id")}).").ConfigureAwait(false);
    }

    private const string DependencyOption = "--dependency";

    /// <summary>The <c>--dependency name@version</c> options as the API's dependencies object; null when none is given.</summary>
    private static JsonObject? Dependencies(CliArguments args)
    {
        var values = args.All(DependencyOption);
        if (values.Count == 0)
            return null;
        var dependencies = new JsonObject();
        foreach (var (name, version) in DependencyArguments.Parse(values))
            dependencies[name] = version;
        return dependencies;
    }

    private static async Task SetEnabledAsync(ManagementConnection connection, Output output, string reference, bool enabled, CancellationToken cancellationToken)
    {
        var hook = await ResolveAsync(connection, reference, cancellationToken).ConfigureAwait(false);
        var updated = await connection.SendAsync(HttpMethod.Patch, $"/hooks/{Text(hook, "id")}", new JsonObject { ["enabled"] = enabled }, cancellationToken).ConfigureAwait(false);
        await output.ResultAsync(updated, $"Hook '{Text(updated!, "name")}' is {(enabled ? "enabled" : "disabled")}.").ConfigureAwait(false);
    }

    private static async Task DeleteAsync(ManagementConnection connection, Output output, string reference, CancellationToken cancellationToken)
    {
        var hook = await ResolveAsync(connection, reference, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(HttpMethod.Delete, $"/hooks/{Text(hook, "id")}", null, cancellationToken).ConfigureAwait(false);
        await output.ResultAsync(new JsonObject { ["deleted"] = Text(hook, "id") }, $"Deleted hook '{Text(hook, "name")}' ({Text(hook, "id")}).").ConfigureAwait(false);
    }

    private static async Task SecretsAsync(ManagementConnection connection, Output output, List<string> rest, CancellationToken cancellationToken)
    {
        if (rest.Count < 2)
            throw new CliUsageException("usage: hooks secrets list|set|delete <hook> [...]");
        var (action, reference, items) = (rest[0], rest[1], rest.Skip(2).ToList());
        // Usage is checked before anything is asked of the server.
        var values = action switch
        {
            "set" => ParseAssignments(items),
            "list" when items.Count > 0 => throw new CliUsageException($"unexpected argument '{items[0]}'."),
            "delete" when items.Count == 0 => throw new CliUsageException("name the secrets to delete."),
            "list" or "delete" => [],
            _ => throw new CliUsageException($"unknown secrets command '{action}'; use list, set or delete."),
        };
        var hook = await ResolveAsync(connection, reference, cancellationToken).ConfigureAwait(false);
        var path = $"/hooks/{Text(hook, "id")}/secrets";
        switch (action)
        {
            case "list":
                var secrets = await connection.SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false) as JsonObject ?? [];
                if (output.Json)
                    await output.JsonAsync(new JsonArray([.. secrets.Select(s => (JsonNode)s.Key)])).ConfigureAwait(false);
                else if (secrets.Count == 0)
                    await output.LineAsync("No secrets.").ConfigureAwait(false);
                else
                    await output.TableAsync(["NAME", "VALUE"], secrets.Select(s => new[] { s.Key, (string?)s.Value ?? "" })).ConfigureAwait(false);
                break;
            case "set":
                var existing = (await connection.SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false) as JsonObject ?? []).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
                var added = SecretsBody(values.Where(v => !existing.Contains(v.Key)));
                var changed = SecretsBody(values.Where(v => existing.Contains(v.Key)));
                if (added.Count > 0)
                    await connection.SendAsync(HttpMethod.Post, path, added, cancellationToken).ConfigureAwait(false);
                if (changed.Count > 0)
                    await connection.SendAsync(HttpMethod.Patch, path, changed, cancellationToken).ConfigureAwait(false);
                await output.ResultAsync(new JsonObject { ["added"] = Names(added), ["updated"] = Names(changed) },
                    $"Secrets of '{Text(hook, "name")}': {Describe("added", added)}{(added.Count > 0 && changed.Count > 0 ? "; " : "")}{Describe("updated", changed)}.").ConfigureAwait(false);
                break;
            default:
                await connection.SendAsync(HttpMethod.Delete, path, new JsonArray([.. items.Select(i => (JsonNode)i)]), cancellationToken).ConfigureAwait(false);
                await output.ResultAsync(new JsonObject { ["deleted"] = new JsonArray([.. items.Select(i => (JsonNode)i)]) },
                    $"Deleted secrets of '{Text(hook, "name")}': {string.Join(", ", items)}.").ConfigureAwait(false);
                break;
        }
    }

    private static async Task LogsAsync(ManagementConnection connection, Output output, string reference, bool follow, int intervalMs, CancellationToken cancellationToken)
    {
        var hook = await ResolveAsync(connection, reference, cancellationToken).ConfigureAwait(false);
        var path = $"/hooks/{Text(hook, "id")}/logs";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        do
        {
            JsonArray records;
            try
            {
                records = await connection.SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false) as JsonArray ?? [];
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            // The endpoint returns newest first; print oldest first, each record once.
            var fresh = records.Reverse().Where(r => r is not null && seen.Add(Text(r, "id"))).ToList();
            if (output.Json && !follow)
            {
                // Like every other listing: one JSON array.
                await output.JsonAsync(new JsonArray([.. fresh.Select(r => r!.DeepClone())])).ConfigureAwait(false);
                return;
            }
            if (first && fresh.Count == 0 && !output.Json)
                await output.LineAsync(follow ? "No records yet; waiting for new ones (Ctrl+C to stop)." : "No records.").ConfigureAwait(false);
            foreach (var record in fresh)
                await output.LogRecordAsync(record!).ConfigureAwait(false);
            first = false;
            if (!follow)
                return;
            try
            {
                await Task.Delay(intervalMs, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (!cancellationToken.IsCancellationRequested);
    }

    /// <summary>A hook by id, else by exact name (ids are looked up first, names need a listing).</summary>
    private static async Task<JsonNode> ResolveAsync(ManagementConnection connection, string reference, CancellationToken cancellationToken)
    {
        if (reference.Length == Ulid.Length && reference.All(c => Ulid.Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            try
            {
                return (await connection.SendAsync(HttpMethod.Get, $"/hooks/{reference}", null, cancellationToken).ConfigureAwait(false))!;
            }
            catch (CliRemoteException e) when (e.ExitCode == RemoteExitCodes.Refused)
            {
                // Not an id after all: a hook may be named like one.
            }
        }
        var match = (await AllHooksAsync(connection, null, null, cancellationToken).ConfigureAwait(false)).FirstOrDefault(h => Text(h, "name") == reference);
        return match ?? throw new CliRemoteException(RemoteExitCodes.Refused, $"No hook has the id or name '{reference}'.");
    }

    private static async Task<List<JsonNode>> AllHooksAsync(ManagementConnection connection, string? trigger, string? enabled, CancellationToken cancellationToken)
    {
        const int perPage = 100;
        var hooks = new List<JsonNode>();
        for (var page = 0; ; page++)
        {
            var query = $"?page={page}&per_page={perPage}&include_totals=true"
                + (trigger is null ? "" : "&triggerId=" + Uri.EscapeDataString(trigger))
                + (enabled is null ? "" : "&enabled=" + enabled);
            var result = await connection.SendAsync(HttpMethod.Get, "/hooks" + query, null, cancellationToken).ConfigureAwait(false);
            var batch = result?["hooks"] as JsonArray ?? [];
            hooks.AddRange(batch.Where(h => h is not null).Select(h => h!.DeepClone()));
            if (batch.Count < perPage || hooks.Count >= (int?)result?["total"])
                return hooks;
        }
    }

    private static Dictionary<string, string> ParseAssignments(List<string> items)
    {
        if (items.Count == 0)
            throw new CliUsageException("give at least one NAME=VALUE.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new CliUsageException($"'{item}' is not NAME=VALUE.");
            values[item[..eq]] = item[(eq + 1)..];
        }
        return values;
    }

    private static JsonObject SecretsBody(IEnumerable<KeyValuePair<string, string>> values)
    {
        var body = new JsonObject();
        foreach (var (name, value) in values)
            body[name] = value;
        return body;
    }

    private static JsonArray Names(JsonObject secrets) => new([.. secrets.Select(s => (JsonNode)s.Key)]);

    private static string Describe(string what, JsonObject secrets) => secrets.Count == 0 ? "" : $"{what} {string.Join(", ", secrets.Select(s => s.Key))}";

    private static string ReadScript(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read script {path}: {e.Message}");
        }
    }

    private static string Text(JsonNode node, string name) => node[name]?.GetValue<string>() ?? "";

    private static bool Bool(JsonNode node, string name) => node[name]?.GetValue<bool>() ?? false;

    /// <summary>Tables for people, JSON for scripts.</summary>
    private sealed class Output(TextWriter writer, bool json)
    {
        public bool Json { get; } = json;

        public Task LineAsync(string text) => writer.WriteLineAsync(text);

        /// <summary>Text as it is (it ends with its own newline).</summary>
        public Task WriteAsync(string text) => writer.WriteAsync(text);

        public Task JsonAsync(JsonNode? node) => writer.WriteLineAsync(CliJson.Document(node));

        /// <summary>The JSON answer with --json, else the sentence for people.</summary>
        public Task ResultAsync(JsonNode? node, string sentence) => Json ? JsonAsync(node) : LineAsync(sentence);

        public async Task TableAsync(string[] headers, IEnumerable<string[]> rows)
        {
            var all = rows.Prepend(headers).ToList();
            var widths = headers.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
            foreach (var row in all)
                await writer.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd()).ConfigureAwait(false);
        }

        public async Task LogRecordAsync(JsonNode record)
        {
            if (Json)
            {
                // --follow --json: JSON Lines, one record per line as it arrives, for line-based tools.
                await writer.WriteLineAsync(CliJson.Line(record)).ConfigureAwait(false);
                await writer.FlushAsync().ConfigureAwait(false);
                return;
            }
            var duration = record["durationMs"] is JsonValue d && d.TryGetValue<double>(out var ms) ? ms.ToString("0.#", CultureInfo.InvariantCulture) + " ms" : "";
            await writer.WriteLineAsync($"{(string?)record["date"]}  {(string?)record["outcome"]}  {(string?)record["source"]}  {duration}").ConfigureAwait(false);
            if (record["logs"] is JsonArray lines)
            {
                foreach (var line in lines)
                {
                    // Console lines come as {"level","message"}; plain strings are printed as they are.
                    var text = line switch
                    {
                        JsonObject entry => $"[{(string?)entry["level"]}] {(string?)entry["message"]}",
                        JsonValue value when value.TryGetValue<string>(out var plain) => plain,
                        _ => line?.ToJsonString(),
                    };
                    await writer.WriteLineAsync("    " + text).ConfigureAwait(false);
                }
            }
            else if (record["logs"] is JsonValue text && text.TryGetValue<string>(out var logText) && logText.Length > 0)
            {
                await writer.WriteLineAsync("    " + logText.ReplaceLineEndings(Environment.NewLine + "    ")).ConfigureAwait(false);
            }
            if (record["error"] is JsonObject error)
                await writer.WriteLineAsync($"    error: {(string?)error["name"]}: {(string?)error["message"]}").ConfigureAwait(false);
            await writer.FlushAsync().ConfigureAwait(false);
        }
    }
}
