using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Management;
using HooksDashboard.Transfer;

namespace HooksDashboard.Cli.Remote;

/// <summary>
/// <c>hooks export | import</c>: auth0-deploy-cli's formats. The files are read and written HERE (keywords replaced with
/// the mapping file and this process's environment); the server sees only hook definitions, through
/// <c>/api/v2/hooks/export</c>, <c>/import/preview</c> and <c>/import</c>.
/// </summary>
internal static partial class HooksCommand
{
    private static async Task ExportAsync(ManagementConnection connection, Output output, List<string> rest, string? format, CancellationToken cancellationToken)
    {
        if (rest.Count != 1)
            throw new CliUsageException("usage: hooks export <folder> [--format yaml|directory].");
        var layout = format switch
        {
            null or "yaml" => DeployCliLayout.Yaml,
            "directory" => DeployCliLayout.Directory,
            _ => throw new CliUsageException($"--format must be yaml or directory, not '{format}'."),
        };
        if (File.Exists(rest[0]))
            throw new CliUsageException($"'{rest[0]}' is a file; give the folder to export into.");

        var answer = await connection.SendAsync(HttpMethod.Get, "/hooks/export", null, cancellationToken).ConfigureAwait(false);
        var hooks = (answer?["hooks"] as JsonArray ?? []).Select(h => new HookDefinition(
            Text(h!, "name"), Text(h!, "triggerId"), Text(h!, "script"), Bool(h!, "enabled"),
            (h!["dependencies"] as JsonObject ?? []).ToDictionary(d => d.Key, d => (string?)d.Value ?? "", StringComparer.Ordinal),
            (h["secrets"] as JsonObject ?? []).ToDictionary(s => s.Key, s => (string?)s.Value, StringComparer.Ordinal),
            "server")).ToList();
        var files = DeployCliFormat.Write(hooks, layout);
        var written = HookExporter.WriteTo(rest[0], files);
        await output.ResultAsync(new JsonObject
        {
            ["format"] = layout == DeployCliLayout.Yaml ? "yaml" : "directory",
            ["hooks"] = hooks.Count,
            ["files"] = new JsonArray([.. written.Select(f => (JsonNode)f)]),
        }, $"Exported {hooks.Count} hook{(hooks.Count == 1 ? "" : "s")} to {rest[0]} ({(layout == DeployCliLayout.Yaml ? "tenant.yaml and hooks/*.js" : "hooks/*.json and hooks/*.js")}); secret values are masked.").ConfigureAwait(false);
    }

    private static async Task ImportAsync(
        ManagementConnection connection, Output output, List<string> rest, CliArguments args, Func<string, string?> environment,
        TextWriter stderr, CancellationToken cancellationToken)
    {
        var fromTenant = args.Optional("--from-tenant");
        if (fromTenant is null ? rest.Count != 1 : rest.Count != 0)
        {
            throw new CliUsageException("usage: hooks import <folder|tenant.yaml> [--dry-run] [--mapping file.json] [--secret HOOK.NAME=value]... [--yes], " +
                "or hooks import --from-tenant <domain> --client-id <id> --client-secret <secret> [--dry-run] [--secret HOOK.NAME=value]... [--yes].");
        }
        if (fromTenant is not null && args.Optional("--mapping") is not null)
            throw new CliUsageException("--mapping replaces keywords in deploy-cli files; a tenant's hooks have none.");
        var secrets = new JsonObject();
        foreach (var assignment in args.All("--secret"))
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !assignment[..equals].Contains('.', StringComparison.Ordinal))
                throw new CliUsageException($"--secret takes HOOK.NAME=value, not '{assignment}'.");
            secrets[assignment[..equals]] = assignment[(equals + 1)..];
        }

        HookDefinitionSet set;
        var what = fromTenant is null ? rest[0] : $"the tenant {fromTenant}";
        try
        {
            if (fromTenant is not null)
            {
                // The tenant's own application; this server's came from HOOKS_CLIENT_ID/HOOKS_CLIENT_SECRET.
                using var client = new TenantClient(ReadTenantConnection(fromTenant, args, environment));
                set = await new TenantSource(client).ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var keywords = args.Optional("--mapping") is { } mapping
                    ? KeywordMappings.FromJson(ReadMapping(mapping), mapping, environment)
                    : new KeywordMappings(null, environment);
                set = await DeployCliSource.FromPath(rest[0], keywords).ReadAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HookDefinitionException e)
        {
            foreach (var error in e.Errors)
                await stderr.WriteLineAsync(error.ToString()).ConfigureAwait(false);
            throw new CliRemoteException(RemoteExitCodes.Refused, $"{what} cannot be imported ({e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")} above).");
        }

        var body = new JsonObject
        {
            ["source"] = set.Description,
            ["hooks"] = new JsonArray([.. set.Hooks.Select(h => (JsonNode)HookTransferEndpoints.ToJson(h))]),
            ["secrets"] = secrets,
        };
        var planJson = await connection.SendAsync(HttpMethod.Post, "/hooks/import/preview", body.DeepClone(), cancellationToken).ConfigureAwait(false);
        var plan = planJson.Deserialize<ImportPlan>(HookTransferEndpoints.Json) ?? throw new CliRemoteException(RemoteExitCodes.Refused, "The server answered no plan.");
        // The server cannot see the client's warnings (keywords without a value): add them.
        plan = plan with { Warnings = [.. set.Warnings, .. plan.Warnings] };

        if (args.Has("--dry-run") || !plan.CanApply)
        {
            if (output.Json)
                await output.JsonAsync(JsonSerializer.SerializeToNode(plan, HookTransferEndpoints.Json)).ConfigureAwait(false);
            else
                await PrintPlanAsync(output, plan).ConfigureAwait(false);
            if (!plan.CanApply)
                throw new CliRemoteException(RemoteExitCodes.Refused, "the import cannot be applied (see the errors above); nothing was changed.");
            return;
        }
        if (!plan.HasChanges)
        {
            await output.ResultAsync(JsonSerializer.SerializeToNode(new ImportResult(plan, new Dictionary<string, int>()), HookTransferEndpoints.Json),
                "Nothing to change: every hook already matches the source.").ConfigureAwait(false);
            return;
        }
        if (!args.Has("--yes"))
        {
            await PrintPlanAsync(new Output(stderr, json: false), plan).ConfigureAwait(false);
            await stderr.WriteAsync("Apply these changes? [y/N] ").ConfigureAwait(false);
            var answer = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (answer?.Trim().ToUpperInvariant() is not ("Y" or "YES"))
                throw new CliRemoteException(RemoteExitCodes.Refused, "not applied (answer y to apply, or pass --yes).");
        }

        var result = await connection.SendAsync(HttpMethod.Post, "/hooks/import", body, cancellationToken).ConfigureAwait(false);
        var created = plan.Hooks.Count(h => h.Action == HookPlanAction.Create);
        var updated = plan.Hooks.Count(h => h.Action == HookPlanAction.Update);
        await output.ResultAsync(result, $"Imported {set.Description}: {created} created, {updated} updated" +
            (plan.Disabled.Count > 0 ? $", {string.Join(", ", plan.Disabled.Select(d => $"'{d.Name}'"))} disabled" : "") + ".").ConfigureAwait(false);
    }

    /// <summary>
    /// The source tenant's settings: <c>--client-id</c>/<c>--client-secret</c> (or <c>--tenant-client-id</c>/<c>--tenant-client-secret</c>), else deploy-cli's
    /// <c>AUTH0_CLIENT_ID</c>/<c>AUTH0_CLIENT_SECRET</c>; <c>--tenant-audience</c> only when the Management API's audience
    /// is not <c>https://{domain}/api/v2/</c>.
    /// </summary>
    private static TenantConnection ReadTenantConnection(string domain, CliArguments args, Func<string, string?> environment)
    {
        var clientId = args.Optional("--client-id") ?? args.Optional("--tenant-client-id") ?? environment("AUTH0_CLIENT_ID");
        var clientSecret = args.Optional("--client-secret") ?? args.Optional("--tenant-client-secret") ?? environment("AUTH0_CLIENT_SECRET");
        if (string.IsNullOrWhiteSpace(clientId))
            throw new CliUsageException("--client-id is required with --from-tenant (or set AUTH0_CLIENT_ID): an application of the tenant granted read:hooks.");
        if (string.IsNullOrEmpty(clientSecret))
            throw new CliUsageException("--client-secret is required with --from-tenant (or set AUTH0_CLIENT_SECRET).");
        try
        {
            return TenantConnection.Parse(domain, clientId, clientSecret, args.Optional("--tenant-audience"));
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException("--from-tenant: " + e.Message[..(e.Message.IndexOf(" (Parameter", StringComparison.Ordinal) is var end and > 0 ? end : e.Message.Length)]);
        }
    }

    private static string ReadMapping(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HookDefinitionException(new DefinitionError(path, null, null, $"Cannot read the mapping file: {e.Message}"));
        }
    }

    private static async Task PrintPlanAsync(Output output, ImportPlan plan)
    {
        int Count(HookPlanAction action) => plan.Hooks.Count(h => h.Action == action);
        await output.LineAsync($"Import from {plan.Source}: {Count(HookPlanAction.Create)} to create, {Count(HookPlanAction.Update)} to update, {Count(HookPlanAction.Unchanged)} unchanged.").ConfigureAwait(false);
        if (plan.Hooks.Count > 0)
        {
            await output.TableAsync(["ACTION", "HOOK", "TRIGGER", "ENABLED", "CHANGES"], plan.Hooks.Select(h => new[]
            {
                h.Action.ToString().ToLowerInvariant(), h.Name, h.TriggerId, h.Enabled ? "yes" : "no", Changes(h),
            })).ConfigureAwait(false);
        }
        if (plan.Disabled.Count > 0)
        {
            await output.LineAsync("Disabled by the one-enabled-hook-per-point rule:").ConfigureAwait(false);
            foreach (var disabled in plan.Disabled)
                await output.LineAsync($"  {disabled.Name} ({disabled.TriggerId}): {disabled.Because}").ConfigureAwait(false);
        }
        if (plan.Untouched.Count > 0)
            await output.LineAsync($"Not in the source, left as they are: {string.Join(", ", plan.Untouched)}.").ConfigureAwait(false);
        foreach (var warning in plan.Warnings)
            await output.LineAsync($"Warning: {warning}").ConfigureAwait(false);
        foreach (var error in plan.Errors)
            await output.LineAsync($"Error: {error}").ConfigureAwait(false);
    }

    private static string Changes(HookPlanEntry entry)
    {
        var parts = new List<string>(entry.Changes.Select(c => c.TrimEnd('.')));
        var secrets = entry.SecretsAdded.Select(s => "+" + s)
            .Concat(entry.SecretsChanged.Select(s => "~" + s))
            .Concat(entry.SecretsRemoved.Select(s => "-" + s))
            .Concat(entry.MissingSecrets.Select(s => "?" + s)).ToList();
        if (secrets.Count > 0)
            parts.Add("secrets " + string.Join(" ", secrets));
        return parts.Count == 0 ? (entry.Action == HookPlanAction.Create ? "new" : "") : string.Join("; ", parts);
    }
}
