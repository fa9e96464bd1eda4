using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HooksDashboard.Hooks.TestCases;

/// <summary>
/// "Does the actual JSON contain the expected JSON?": an expected object's properties must all be present with
/// matching values (the actual may have more); an array must have the same length with each element matching in
/// order; strings, booleans and null must be equal; numbers equal by value (1 matches 1.0). Every mismatch is reported
/// with its JSONPath-like location, e.g. <c>expected "full" at $.user.app_metadata.plan, got "free"</c>.
/// </summary>
public static partial class JsonSubset
{
    /// <summary>At most this many mismatches are listed (then one line says how many more).</summary>
    public const int MaxMismatches = 20;

    /// <summary>The mismatches, empty when <paramref name="actual"/> contains <paramref name="expected"/>.</summary>
    public static IReadOnlyList<string> Compare(JsonNode? expected, JsonNode? actual, string root = "$")
    {
        var mismatches = new List<string>();
        Walk(expected, actual, root, mismatches);
        if (mismatches.Count > MaxMismatches)
        {
            var more = mismatches.Count - MaxMismatches;
            mismatches.RemoveRange(MaxMismatches, more);
            mismatches.Add($"… and {more} more difference{(more == 1 ? "" : "s")}");
        }
        return mismatches;
    }

    private static void Walk(JsonNode? expected, JsonNode? actual, string path, List<string> mismatches)
    {
        switch (expected)
        {
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject)
                {
                    mismatches.Add($"expected an object at {path}, got {Show(actual)}");
                    return;
                }
                foreach (var (name, value) in expectedObject)
                {
                    var childPath = Child(path, name);
                    if (!actualObject.TryGetPropertyValue(name, out var actualValue))
                        mismatches.Add($"missing {childPath}: expected {Show(value)}");
                    else
                        Walk(value, actualValue, childPath, mismatches);
                }
                return;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray)
                {
                    mismatches.Add($"expected an array at {path}, got {Show(actual)}");
                    return;
                }
                if (expectedArray.Count != actualArray.Count)
                {
                    mismatches.Add($"expected {expectedArray.Count} item{(expectedArray.Count == 1 ? "" : "s")} at {path}, got {actualArray.Count}: {Show(actual)}");
                    return;
                }
                for (var i = 0; i < expectedArray.Count; i++)
                    Walk(expectedArray[i], actualArray[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), mismatches);
                return;
            default:
                if (!SameValue(expected, actual))
                    mismatches.Add($"expected {Show(expected)} at {path}, got {Show(actual)}");
                return;
        }
    }

    private static bool SameValue(JsonNode? expected, JsonNode? actual)
    {
        if (expected is null || actual is null)
            return expected is null && actual is null;
        if (expected is not JsonValue e || actual is not JsonValue a)
            return false;
        var kind = e.GetValueKind();
        if (kind != a.GetValueKind())
            return false;
        return kind switch
        {
            JsonValueKind.Number => decimal.TryParse(e.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                && decimal.TryParse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                    ? x == y
                    : e.GetValue<double>().Equals(a.GetValue<double>()),
            _ => JsonNode.DeepEquals(e, a),
        };
    }

    /// <summary>A value for a message: compact JSON, cut at 200 characters.</summary>
    public static string Show(JsonNode? node)
    {
        if (node is null)
            return "null";
        var text = node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    private static string Child(string path, string name) =>
        IdentifierPattern().IsMatch(name) ? $"{path}.{name}" : $"{path}[{JsonSerializer.Serialize(name)}]";

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
