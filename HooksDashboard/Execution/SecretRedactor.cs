using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Nodes;

namespace HooksDashboard.Execution;

/// <summary>
/// Replaces a hook's secret values with <see cref="Redacted"/> wherever a result goes that is not the hook's own
/// answer: the server log, the execution log, the durable queue's columns, the test-run history. One instance per
/// invocation, built from the secrets the hook was given; the runner attaches it to the result
/// (<see cref="ExecutionResult.Redactor"/>), so every consumer scrubs the same values the same way. Pure and cheap
/// to create: the values are sorted on first use, so a run nobody logs (a successful token request) pays nothing.
/// </summary>
/// <remarks>
/// Matching is exact and ordinal: a hook that transforms a secret (upper case, base64, split) before printing it is not
/// caught. Values shorter than <see cref="MinLength"/> are left alone: replacing every "1" or "on" in a log would make it
/// unreadable while hiding almost nothing.
/// </remarks>
public sealed class SecretRedactor
{
    public const string Redacted = "[redacted]";

    /// <summary>Shorter secret values are not scrubbed (see remarks).</summary>
    public const int MinLength = 4;

    private readonly IReadOnlyDictionary<string, string> _secrets;
    private string[]? _values;

    private SecretRedactor(IReadOnlyDictionary<string, string> secrets) => _secrets = secrets;

    /// <summary>A redactor with no values: every method returns its input.</summary>
    public static SecretRedactor None { get; } = new(new Dictionary<string, string>());

    /// <summary>The redactor of a hook's secrets (name → value).</summary>
    public static SecretRedactor For(IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return secrets.Count == 0 ? None : new SecretRedactor(secrets);
    }

    /// <summary>The values scrubbed, longest first (so a value containing another is replaced whole).</summary>
    public IReadOnlyList<string> Values => _values ??=
        [.. _secrets.Values.Where(v => v is { Length: >= MinLength }).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal)];

    /// <summary>
    /// <paramref name="text"/> with every occurrence of a secret value replaced, in one pass from left to right (the
    /// longest value wins where several start at the same place); the same instance when nothing matched.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || Values.Count == 0)
            return text;
        StringBuilder? builder = null;
        var position = 0;
        while (Next(text, position) is (var start, var length))
        {
            builder ??= new StringBuilder(text.Length);
            builder.Append(text, position, start - position).Append(Redacted);
            position = start + length;
        }
        return builder is null ? text : builder.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>A copy of <paramref name="node"/> with secret values scrubbed from every string in it (property names included).</summary>
    public JsonNode? Redact(JsonNode? node)
    {
        if (node is null || Values.Count == 0)
            return node;
        return Walk(node.DeepClone());
    }

    /// <summary>The line with its message scrubbed.</summary>
    public ConsoleLine Redact(ConsoleLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var message = Redact(line.Message);
        return ReferenceEquals(message, line.Message) ? line : line with { Message = message };
    }

    /// <summary>The error with its name, messages and details scrubbed.</summary>
    [return: NotNullIfNotNull(nameof(error))]
    public ExecutionError? Redact(ExecutionError? error)
    {
        if (error is null || Values.Count == 0)
            return error;
        return error with
        {
            Name = Redact(error.Name),
            Message = Redact(error.Message),
            FriendlyMessage = Redact(error.FriendlyMessage),
            Details = (JsonObject?)Redact(error.Details),
        };
    }

    /// <summary>
    /// The result as it may be logged or stored: data, applied, console lines, requests and error scrubbed. The copy carries
    /// <see cref="None"/>, so redacting it again changes nothing.
    /// </summary>
    public ExecutionResult Redact(ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Values.Count == 0)
            return result;
        return result with
        {
            Data = Redact(result.Data),
            Applied = (JsonObject?)Redact(result.Applied),
            Logs = [.. result.Logs.Select(Redact)],
            Requests = [.. result.Requests.Select(r => r.Redact(this))],
            Error = Redact(result.Error),
            Redactor = None,
        };
    }

    /// <summary>Where the next secret value starts at or after <paramref name="from"/>, and its length; null when none does.</summary>
    private (int Start, int Length)? Next(string text, int from)
    {
        var bestStart = -1;
        var bestLength = 0;
        foreach (var value in Values)
        {
            // Longest first: a shorter value starting at the same place never replaces a longer one.
            var start = text.IndexOf(value, from, StringComparison.Ordinal);
            if (start >= 0 && (bestStart < 0 || start < bestStart))
            {
                bestStart = start;
                bestLength = value.Length;
            }
        }
        return bestStart < 0 ? null : (bestStart, bestLength);
    }

    /// <summary>Scrubs in place; returns the node to put where <paramref name="node"/> was (itself, or a new value).</summary>
    private JsonNode? Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    var replacement = Walk(child);
                    var newName = Redact(name);
                    if (!ReferenceEquals(newName, name))
                    {
                        // Remove detaches the child, so it can be added again under the scrubbed name; a collision
                        // with another key keeps the first.
                        obj.Remove(name);
                        obj.TryAdd(newName, replacement);
                    }
                    // A node keeps its parent: only a new node is assigned.
                    else if (!ReferenceEquals(replacement, child))
                    {
                        obj[name] = replacement;
                    }
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    var replacement = Walk(child);
                    if (!ReferenceEquals(replacement, child))
                        array[i] = replacement;
                }
                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                var scrubbed = Redact(text);
                return ReferenceEquals(scrubbed, text) ? value : JsonValue.Create(scrubbed);
            default:
                return node;
        }
    }
}
