using System.Text.Json;
using System.Text.Json.Nodes;

namespace HooksDashboard.Catalog;

/// <summary>
/// The checks Auth0's extensibility compilers made on a point's body before calling the hook,
/// with their exact messages ("Body .client received by extensibility point is not an object").
/// </summary>
internal static class PayloadRules
{
    /// <summary>The node at a dotted path below <paramref name="root"/>, or null.</summary>
    public static JsonNode? At(JsonNode? root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
            node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child : null;
        return node;
    }

    public static bool IsObject(JsonNode? node) => node is JsonObject;

    public static bool IsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    /// <summary>Auth0's message for a field (path empty for the body itself) that is not of the expected kind.</summary>
    public static string Message(string path, string expectation) =>
        path.Length == 0
            ? $"Body received by extensibility point {expectation}"
            : $"Body .{path} received by extensibility point {expectation}";

    /// <summary>Checks that each path is an object; the first failure's message, or null.</summary>
    public static string? RequireObjects(JsonNode? body, params string[] paths)
    {
        foreach (var path in paths)
        {
            if (!IsObject(path.Length == 0 ? body : At(body, path)))
                return Message(path, "is not an object");
        }
        return null;
    }

    /// <summary>Checks that each path is a string; the first failure's message, or null.</summary>
    public static string? RequireStrings(JsonNode? body, params string[] paths)
    {
        foreach (var path in paths)
        {
            if (!IsString(At(body, path)))
                return Message(path, "is not a string");
        }
        return null;
    }
}
