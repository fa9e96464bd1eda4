using System.Globalization;
using System.Text.Json.Nodes;
using HooksDashboard.Hooks;

namespace HooksDashboard.Cli.Remote;

/// <summary><c>hooks versions | diff | restore</c>: a hook's saved versions through <c>/api/v2/hooks/{id}/versions</c>.</summary>
internal static partial class HooksCommand
{
    private static async Task VersionsAsync(ManagementConnection connection, Output output, string reference, CancellationToken cancellationToken)
    {
        var hook = await ResolveAsync(connection, reference, cancellationToken).ConfigureAwait(false);
        var versions = await AllVersionsAsync(connection, Text(hook, "id"), cancellationToken).ConfigureAwait(false);
        if (output.Json)
        {
            await output.JsonAsync(new JsonArray([.. versions.Select(v => v.DeepClone())])).ConfigureAwait(false);
            return;
        }
        await output.TableAsync(["VERSION", "SAVED (UTC)", "BY", "LINES", "MESSAGE"], versions.Select(v => new[]
        {
            $"v{(int)v["number"]!}{(Bool(v, "current") ? " *" : "")}",
            Text(v, "created_at").Replace('T', ' ').TrimEnd('Z'),
            v["created_by"]?["name"]?.GetValue<string>() ?? "",
            ((int?)v["lines"] ?? 0).ToString(CultureInfo.InvariantCulture),
            v["message"]?.GetValue<string>() ?? "",
        })).ConfigureAwait(false);
    }

    private static async Task DiffAsync(ManagementConnection connection, Output output, List<string> rest, CancellationToken cancellationToken)
    {
        if (rest.Count != 3)
            throw new CliUsageException("usage: hooks diff <hook> <from> <to>, e.g. hooks diff my-hook v3 v5.");
        var (from, to) = (ParseVersion(rest[1]), ParseVersion(rest[2]));
        var hook = await ResolveAsync(connection, rest[0], cancellationToken).ConfigureAwait(false);
        var id = Text(hook, "id");
        var name = Text(hook, "name");
        var old = await VersionAsync(connection, id, from, cancellationToken).ConfigureAwait(false);
        var @new = await VersionAsync(connection, id, to, cancellationToken).ConfigureAwait(false);
        var (oldLabel, newLabel) = ($"{name} v{(int)old["number"]!}", $"{name} v{(int)@new["number"]!}");

        var diff = UnifiedDiff.Create(Text(old, "script"), Text(@new, "script"), oldLabel, newLabel)
            + UnifiedDiff.Create(DependencyLines(old), DependencyLines(@new), oldLabel + " dependencies", newLabel + " dependencies");
        if (output.Json)
        {
            await output.JsonAsync(new JsonObject
            {
                ["hook"] = id,
                ["from"] = (int)old["number"]!,
                ["to"] = (int)@new["number"]!,
                ["diff"] = diff,
            }).ConfigureAwait(false);
            return;
        }
        // Like diff(1): nothing at all when the versions are the same.
        if (diff.Length > 0)
            await output.WriteAsync(diff).ConfigureAwait(false);
    }

    private static async Task RestoreAsync(ManagementConnection connection, Output output, List<string> rest, string? message, CancellationToken cancellationToken)
    {
        if (rest.Count != 2)
            throw new CliUsageException("usage: hooks restore <hook> <version> [--message <text>], e.g. hooks restore my-hook v3.");
        var version = ParseVersion(rest[1]);
        if (version is null)
            throw new CliUsageException("restore needs a version number (vN or N), not 'current'.");
        var hook = await ResolveAsync(connection, rest[0], cancellationToken).ConfigureAwait(false);
        var body = message is null ? null : new JsonObject { ["message"] = message };
        var restored = await connection.SendAsync(HttpMethod.Post, $"/hooks/{Text(hook, "id")}/versions/{version}/restore", body, cancellationToken).ConfigureAwait(false);
        var number = (int)restored!["number"]!;
        await output.ResultAsync(restored, (int?)restored["restored_from"] == version
            ? $"Restored version {version} of '{Text(hook, "name")}' as version {number}."
            : $"Version {version} of '{Text(hook, "name")}' is already the current code (version {number}); nothing changed.").ConfigureAwait(false);
    }

    /// <summary>"v3", "V3" or "3" → 3; "current" → null (the hook's current version).</summary>
    private static int? ParseVersion(string text)
    {
        if (text.Equals("current", StringComparison.OrdinalIgnoreCase))
            return null;
        var digits = text.StartsWith('v') || text.StartsWith('V') ? text[1..] : text;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            throw new CliUsageException($"'{text}' is not a version: use vN (v1, v2, ...), N or current.");
        return number;
    }

    private static async Task<JsonNode> VersionAsync(ManagementConnection connection, string hookId, int? number, CancellationToken cancellationToken)
    {
        if (number is null)
        {
            var newest = await connection.SendAsync(HttpMethod.Get, $"/hooks/{hookId}/versions?per_page=1", null, cancellationToken).ConfigureAwait(false) as JsonArray;
            number = (int?)newest?.FirstOrDefault()?["number"]
                ?? throw new CliRemoteException(RemoteExitCodes.Refused, "The hook has no versions.");
        }
        return (await connection.SendAsync(HttpMethod.Get, $"/hooks/{hookId}/versions/{number}", null, cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<List<JsonNode>> AllVersionsAsync(ManagementConnection connection, string hookId, CancellationToken cancellationToken)
    {
        const int perPage = 100;
        var versions = new List<JsonNode>();
        for (var page = 0; ; page++)
        {
            var result = await connection.SendAsync(HttpMethod.Get, $"/hooks/{hookId}/versions?page={page}&per_page={perPage}&include_totals=true", null, cancellationToken).ConfigureAwait(false);
            var batch = result?["versions"] as JsonArray ?? [];
            versions.AddRange(batch.Where(v => v is not null).Select(v => v!.DeepClone()));
            if (batch.Count < perPage || versions.Count >= (int?)result?["total"])
                return versions;
        }
    }

    /// <summary>A version's dependencies as sorted "name@version" lines, so a change of dependencies shows in the diff too.</summary>
    private static string DependencyLines(JsonNode version) =>
        string.Concat((version["dependencies"] as JsonObject ?? []).Select(d => $"{d.Key}@{(string?)d.Value}\n").Order(StringComparer.Ordinal));
}
