using System.Text.Json;
using System.Text.Json.Nodes;

namespace HooksDashboard.Runtime;

/// <summary>
/// Reads an Authentication API body the way Auth0 accepted it: JSON, or an HTML form
/// (<c>application/x-www-form-urlencoded</c> or multipart) whose JSON-valued fields (metadata) are JSON text.
/// </summary>
internal static class RuntimeRequestBody
{
    /// <summary>The body as an object; an empty body is <c>{}</c>. Null when it is neither a JSON object nor a form.</summary>
    public static async Task<JsonObject?> ReadAsync(HttpRequest request, IReadOnlyCollection<string> jsonFields, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            var body = new JsonObject();
            foreach (var (name, values) in form)
            {
                var value = values.ToString();
                body[name] = jsonFields.Contains(name) ? ParseJsonField(value) : value;
            }
            return body;
        }

        if (request.ContentLength == 0 || (request.ContentLength is null && request.Headers.ContentType.Count == 0))
            return [];
        if (!request.HasJsonContentType())
            return null;
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A form field meant as JSON (e.g. <c>user_metadata</c>); kept as a string when it is not JSON, so validation names the problem.</summary>
    private static JsonNode? ParseJsonField(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return value;
        }
    }

    /// <summary>A string property, or null when absent or not a string.</summary>
    public static string? String(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
