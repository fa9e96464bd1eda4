using System.Text.Json;
using System.Text.RegularExpressions;

namespace HooksDashboard.Transfer;

/// <summary>
/// deploy-cli's keyword replacement (<c>AUTH0_KEYWORD_REPLACE_MAPPINGS</c>), applied to a file's raw text before it is
/// parsed, and to scripts: <c>@@KEY@@</c> becomes the value as JSON (<c>JSON.stringify</c>; quotes around the marker
/// go with it, so <c>"@@LIST@@"</c> in YAML or JSON becomes an array), then <c>##KEY##</c> becomes the value as a
/// string (JavaScript's <c>String(value)</c>). Values come from the mapping file first, then — deploy-cli inherits the
/// environment by default — from environment variables, for markers whose key looks like a variable name.
/// </summary>
public sealed partial class KeywordMappings
{
    /// <summary>The key deploy-cli's config.json keeps its mappings under.</summary>
    public const string ConfigKey = "AUTH0_KEYWORD_REPLACE_MAPPINGS";

    private readonly Dictionary<string, JsonElement> _values;
    private readonly Func<string, string?>? _environment;

    /// <param name="values">Keys to values (any JSON).</param>
    /// <param name="environment">Looked up for markers not in <paramref name="values"/>; null for none.</param>
    public KeywordMappings(IReadOnlyDictionary<string, JsonElement>? values = null, Func<string, string?>? environment = null)
    {
        _values = new Dictionary<string, JsonElement>(values ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
        _environment = environment;
    }

    /// <summary>No replacement at all.</summary>
    public static KeywordMappings None { get; } = new();

    /// <summary>The keys the mapping file gave.</summary>
    public IReadOnlyCollection<string> Keys => _values.Keys;

    /// <summary>
    /// Reads a mapping file: deploy-cli's config.json (its <c>AUTH0_KEYWORD_REPLACE_MAPPINGS</c> object) or a plain JSON
    /// object of keys to values.
    /// </summary>
    /// <exception cref="HookDefinitionException">Not JSON, or not an object.</exception>
    public static KeywordMappings FromJson(string json, string fileName, Func<string, string?>? environment = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new HookDefinitionException(new DefinitionError(fileName, null, null, $"Not valid JSON: {e.Message}", (int?)e.LineNumber + 1));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(ConfigKey, out var mappings))
                root = mappings;
            if (root.ValueKind != JsonValueKind.Object)
                throw new HookDefinitionException(new DefinitionError(fileName, null, ConfigKey, $"Expected a JSON object of keywords to values, found {Describe(root.ValueKind)}."));
            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
                values[property.Name] = property.Value.Clone();
            return new KeywordMappings(values, environment);
        }
    }

    /// <summary>Replaces every known marker in <paramref name="text"/>; markers with no value are added to <paramref name="unresolved"/> and left as they are.</summary>
    public string Replace(string text, ISet<string>? unresolved = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, JsonElement>(_values, StringComparer.Ordinal);
        if (_environment is not null)
        {
            foreach (Match match in MarkerPattern().Matches(text))
            {
                var key = match.Groups["key"].Value;
                if (!values.ContainsKey(key) && _environment(key) is { } value)
                    values[key] = JsonSerializer.SerializeToElement(value);
            }
        }
        if (values.Count > 0)
        {
            // Same order as deploy-cli: every JSON (array) replacement, then every string replacement.
            foreach (var (key, value) in values)
            {
                var marker = "@@" + key + "@@";
                if (!text.Contains(marker, StringComparison.Ordinal))
                    continue;
                var json = JsonSerializer.Serialize(value);
                text = text.Replace("'" + marker + "'", json, StringComparison.Ordinal)
                    .Replace("\"" + marker + "\"", json, StringComparison.Ordinal)
                    .Replace(marker, json, StringComparison.Ordinal);
            }
            foreach (var (key, value) in values)
                text = text.Replace("##" + key + "##", JavaScriptString(value), StringComparison.Ordinal);
        }
        if (unresolved is not null)
        {
            foreach (Match match in MarkerPattern().Matches(text))
                unresolved.Add(match.Value);
        }
        return text;
    }

    /// <summary>Whether a value still holds a marker (a secret whose keyword had no value).</summary>
    public static bool HasMarker(string value) => MarkerPattern().IsMatch(value);

    /// <summary>JavaScript's String(value) for a JSON value, as deploy-cli's string replacement produces it.</summary>
    internal static string JavaScriptString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => JavaScriptNumber(value),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(e => e.ValueKind is JsonValueKind.Null ? "" : JavaScriptString(e))),
        JsonValueKind.Object => "[object Object]",
        _ => "undefined",
    };

    private static string JavaScriptNumber(JsonElement value)
    {
        if (value.TryGetInt64(out var integer))
            return integer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var number = value.GetDouble();
        // Shortest round-trip form, as JavaScript prints numbers in the usual range.
        return number == Math.Floor(number) && Math.Abs(number) < 1e21
            ? number.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)
            : number.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    // Keys that can name an environment variable; other keys are replaced only when the mapping file names them.
    [GeneratedRegex("##(?<key>[A-Za-z_][A-Za-z0-9_]*)##|@@(?<key>[A-Za-z_][A-Za-z0-9_]*)@@", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
