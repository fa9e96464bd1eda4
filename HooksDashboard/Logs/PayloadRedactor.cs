using System.Text;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;

namespace HooksDashboard.Logs;

/// <summary>
/// Keeps secrets out of the execution log. Pure: works on copies, no I/O.
/// <list type="bullet">
/// <item><c>context.webtask</c> is removed from every payload (it is where the runner puts secrets).</item>
/// <item>For runtime and command-line payloads, the value of every property whose name contains
/// password, passwd, pwd, secret or token (any case, any depth) becomes <see cref="Redacted"/>.</item>
/// <item>Every occurrence of a secret value of the hook (at least <see cref="MinScrubbedSecretLength"/>
/// characters) in payload strings, console lines and errors becomes <see cref="Redacted"/>: a hook that
/// prints or throws its secret does not leak it into the log.</item>
/// </list>
/// </summary>
public static class PayloadRedactor
{
    public const string Redacted = "[redacted]";

    /// <summary>
    /// Shorter secret values are not scrubbed from text: replacing every "1" or "on" in a log would make it
    /// unreadable while hiding almost nothing.
    /// </summary>
    public const int MinScrubbedSecretLength = 4;

    private static readonly string[] SensitiveNameParts = ["password", "passwd", "pwd", "secret", "token"];

    /// <summary>Whether a property of this name has its value replaced in runtime and command-line payloads.</summary>
    public static bool IsSensitiveName(string name) =>
        SensitiveNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>The secret values worth scrubbing, longest first (so a value containing another is replaced whole).</summary>
    public static string[] ScrubbableValues(IReadOnlyDictionary<string, string> secrets) =>
        [.. secrets.Values.Where(v => v.Length >= MinScrubbedSecretLength).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];

    /// <summary>The payload as it may be stored: a redacted copy as JSON text.</summary>
    /// <param name="payloadJson">The payload as given, as JSON text; null stays null.</param>
    /// <param name="redactSensitiveNames">True for runtime and command-line runs, false for test-panel runs.</param>
    /// <param name="secretValues">From <see cref="ScrubbableValues"/>.</param>
    public static string? RedactPayload(string? payloadJson, bool redactSensitiveNames, IReadOnlyList<string> secretValues)
    {
        if (payloadJson is null)
            return null;
        var node = JsonNode.Parse(payloadJson);
        if (node is JsonObject root && root["context"] is JsonObject context)
            context.Remove("webtask");
        node = Walk(node, redactSensitiveNames, secretValues);
        return node?.ToJsonString() ?? "null";
    }

    /// <summary>Replaces each secret value in <paramref name="text"/> with <see cref="Redacted"/>.</summary>
    public static string Scrub(string text, IReadOnlyList<string> secretValues)
    {
        foreach (var secret in secretValues)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The error with secret values scrubbed from its messages and details.</summary>
    public static ExecutionError? ScrubError(ExecutionError? error, IReadOnlyList<string> secretValues)
    {
        if (error is null || secretValues.Count == 0)
            return error;
        return error with
        {
            Name = Scrub(error.Name, secretValues),
            Message = Scrub(error.Message, secretValues),
            FriendlyMessage = error.FriendlyMessage is null ? null : Scrub(error.FriendlyMessage, secretValues),
            Details = error.Details is null ? null : (JsonObject?)Walk(error.Details.DeepClone(), redactSensitiveNames: false, secretValues),
        };
    }

    /// <summary>
    /// Console lines within the bounds, secret values scrubbed. A line that would cross the byte bound is cut
    /// (when it is the first) or left out with the rest.
    /// </summary>
    /// <returns>The kept lines and how many were not kept.</returns>
    public static (IReadOnlyList<ConsoleLine> Kept, int Dropped) BoundConsole(
        IReadOnlyList<ConsoleLine> lines, int maxLines, int maxBytes, IReadOnlyList<string> secretValues)
    {
        var kept = new List<ConsoleLine>(Math.Min(lines.Count, maxLines));
        var bytes = 0;
        foreach (var line in lines)
        {
            if (kept.Count >= maxLines)
                break;
            var message = Scrub(line.Message, secretValues);
            var size = Encoding.UTF8.GetByteCount(message);
            if (bytes + size > maxBytes)
            {
                if (kept.Count == 0 && maxBytes > 0)
                    kept.Add(line with { Message = Truncate(message, maxBytes) });
                break;
            }
            bytes += size;
            kept.Add(line with { Message = message });
        }
        return (kept, lines.Count - kept.Count);
    }

    /// <summary>Redacts in place; returns the node to put where <paramref name="node"/> was (itself, or a new value).</summary>
    private static JsonNode? Walk(JsonNode? node, bool redactSensitiveNames, IReadOnlyList<string> secretValues)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    var replacement = redactSensitiveNames && IsSensitiveName(name) && child is not null
                        ? JsonValue.Create(Redacted)
                        : Walk(child, redactSensitiveNames, secretValues);
                    // A node keeps its parent: only a new node is assigned.
                    if (!ReferenceEquals(replacement, child))
                        obj[name] = replacement;
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    var replacement = Walk(child, redactSensitiveNames, secretValues);
                    if (!ReferenceEquals(replacement, child))
                        array[i] = replacement;
                }
                return array;
            case JsonValue value when secretValues.Count > 0 && value.TryGetValue<string>(out var text):
                var scrubbed = Scrub(text, secretValues);
                return ReferenceEquals(scrubbed, text) ? value : JsonValue.Create(scrubbed);
            default:
                return node;
        }
    }

    /// <summary>The longest prefix of at most <paramref name="maxBytes"/> UTF-8 bytes, not splitting a surrogate pair.</summary>
    private static string Truncate(string text, int maxBytes)
    {
        var length = Math.Min(text.Length, maxBytes);
        while (length > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > maxBytes)
            length--;
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
            length--;
        return text[..length];
    }
}
