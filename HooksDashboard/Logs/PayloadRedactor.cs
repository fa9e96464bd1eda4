using System.Text;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;

namespace HooksDashboard.Logs;

/// <summary>
/// Keeps secrets out of the execution log's payloads and console lines. Pure: works on copies, no I/O.
/// <list type="bullet">
/// <item><c>context.webtask</c> is removed from every payload (it is where the runner puts secrets).</item>
/// <item>For runtime and command-line payloads, the value of every property whose name contains
/// password, passwd, pwd, secret or token (any case, any depth) becomes <see cref="Redacted"/>.</item>
/// <item>Every occurrence of a secret value of the hook in payload strings and console lines becomes
/// <see cref="Redacted"/>, through the one <see cref="SecretRedactor"/> every consumer of results uses.</item>
/// </list>
/// </summary>
public static class PayloadRedactor
{
    public const string Redacted = SecretRedactor.Redacted;

    private static readonly string[] SensitiveNameParts = ["password", "passwd", "pwd", "secret", "token"];

    /// <summary>Whether a property of this name has its value replaced in runtime and command-line payloads.</summary>
    public static bool IsSensitiveName(string name) =>
        SensitiveNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>The payload as it may be stored: a redacted copy as JSON text.</summary>
    /// <param name="payloadJson">The payload as given, as JSON text; null stays null.</param>
    /// <param name="redactSensitiveNames">True for runtime and command-line runs, false for test-panel runs.</param>
    /// <param name="secrets">The hook's secret values.</param>
    public static string? RedactPayload(string? payloadJson, bool redactSensitiveNames, SecretRedactor secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (payloadJson is null)
            return null;
        var node = JsonNode.Parse(payloadJson);
        if (node is JsonObject root && root["context"] is JsonObject context)
            context.Remove("webtask");
        if (redactSensitiveNames)
            RedactSensitiveNames(node);
        node = secrets.Redact(node);
        return node?.ToJsonString() ?? "null";
    }

    /// <summary>
    /// Console lines within the bounds, secret values scrubbed. A line that would cross the byte bound is cut
    /// (when it is the first) or left out with the rest.
    /// </summary>
    /// <returns>The kept lines and how many were not kept.</returns>
    public static (IReadOnlyList<ConsoleLine> Kept, int Dropped) BoundConsole(
        IReadOnlyList<ConsoleLine> lines, int maxLines, int maxBytes, SecretRedactor secrets)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(secrets);
        var kept = new List<ConsoleLine>(Math.Min(lines.Count, maxLines));
        var bytes = 0;
        foreach (var line in lines)
        {
            if (kept.Count >= maxLines)
                break;
            var message = secrets.Redact(line.Message);
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

    /// <summary>Replaces, in place, the value of every sensitive-named property at any depth.</summary>
    private static void RedactSensitiveNames(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (IsSensitiveName(name) && child is not null)
                        obj[name] = Redacted;
                    else
                        RedactSensitiveNames(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                    RedactSensitiveNames(child);
                break;
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
