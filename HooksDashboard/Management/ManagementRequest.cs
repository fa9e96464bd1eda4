using System.Globalization;
using System.Text.Json;
using HooksDashboard.Web;

namespace HooksDashboard.Management;

/// <summary>Reading the Management API's request bodies and query strings strictly, with Auth0's validation messages.</summary>
internal static class ManagementRequest
{
    /// <summary>
    /// Reads the body as JSON through the strict <see cref="JsonBody"/> reader, refusing more than
    /// <see cref="ManagementApi.MaxBodyBytes"/> (413), non-JSON, invalid UTF-8 and unpaired surrogates (400
    /// "Invalid request payload JSON format") and a property given twice (400 <c>invalid_body</c>). The element it
    /// returns reads without throwing.
    /// </summary>
    public static Task<JsonElement> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadJsonAsync(request, ManagementApi.MaxBodyBytes, cancellationToken);

    /// <summary>The same with another bound (an import carries many scripts).</summary>
    public static async Task<JsonElement> ReadJsonAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (root, problem) = await JsonBody.ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        return problem?.Kind switch
        {
            null => root,
            JsonBodyProblemKind.TooLarge => throw TooLarge(maxBytes),
            JsonBodyProblemKind.Empty => throw ManagementApiException.InvalidBody("Expected type object but found type null"),
            JsonBodyProblemKind.DuplicateProperty => throw ManagementApiException.InvalidBody(problem.Message.TrimEnd('.')),
            JsonBodyProblemKind.Unreadable => throw new ManagementApiException(problem.StatusCode, problem.Message, ManagementErrors.InvalidBody),
            _ => throw new ManagementApiException(StatusCodes.Status400BadRequest, "Invalid request payload JSON format", ManagementErrors.InvalidBody),
        };
    }

    private static ManagementApiException TooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"Payload content length greater than maximum allowed: {maxBytes}", ManagementErrors.PayloadTooLarge);

    /// <summary>The body must be an object with only <paramref name="allowed"/> properties and every <paramref name="required"/> one.</summary>
    public static void RequireObject(JsonElement body, IReadOnlyCollection<string> allowed, IReadOnlyCollection<string> required, int minProperties = 0)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw ManagementApiException.InvalidBody($"Expected type object but found type {TypeName(body)}");
        var names = body.EnumerateObject().Select(p => p.Name).ToList();
        var extra = names.Where(n => !allowed.Contains(n)).ToList();
        if (extra.Count > 0)
            throw ManagementApiException.InvalidBody($"Additional properties not allowed: {string.Join(",", extra)}");
        var missing = required.FirstOrDefault(r => !names.Contains(r));
        if (missing is not null)
            throw ManagementApiException.InvalidBody($"Missing required property: {missing}");
        if (names.Count < minProperties)
            throw ManagementApiException.InvalidBody($"Too few properties defined ({names.Count}), minimum {minProperties}");
    }

    public static string? OptionalString(JsonElement body, string name, int minLength = 0)
    {
        if (!body.TryGetProperty(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw ManagementApiException.InvalidBody($"Expected type string but found type {TypeName(value)}", name);
        var text = value.GetString()!;
        if (text.Length < minLength)
            throw ManagementApiException.InvalidBody($"String is too short ({text.Length} chars), minimum {minLength}", name);
        return text;
    }

    public static bool? OptionalBoolean(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ManagementApiException.InvalidBody($"Expected type boolean but found type {TypeName(value)}", name),
        };
    }

    /// <summary>An object whose values are all strings (dependencies, secrets).</summary>
    public static Dictionary<string, string>? OptionalStringMap(JsonElement body, string? name)
    {
        var value = body;
        if (name is not null && !body.TryGetProperty(name, out value))
            return null;
        if (value.ValueKind != JsonValueKind.Object)
            throw ManagementApiException.InvalidBody($"Expected type object but found type {TypeName(value)}", name);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                throw ManagementApiException.InvalidBody($"Expected type string but found type {TypeName(property.Value)}", name is null ? property.Name : $"{name}.{property.Name}");
            map[property.Name] = property.Value.GetString()!;
        }
        return map;
    }

    /// <summary>An optional array of strings (callbacks, grant types, scopes); null when absent.</summary>
    public static List<string>? OptionalStringArray(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Array)
            throw ManagementApiException.InvalidBody($"Expected type array but found type {TypeName(value)}", name);
        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw ManagementApiException.InvalidBody($"Expected type string but found type {TypeName(item)}", $"{name}[{items.Count}]");
            items.Add(item.GetString()!);
        }
        return items;
    }

    /// <summary>An optional integer within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int? OptionalInteger(JsonElement body, string name, int min, int max)
    {
        if (!body.TryGetProperty(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            throw ManagementApiException.InvalidBody($"Expected type integer but found type {TypeName(value)}", name);
        if (number < min)
            throw ManagementApiException.InvalidBody($"Value {number} is less than minimum {min}", name);
        if (number > max)
            throw ManagementApiException.InvalidBody($"Value {number} is greater than maximum {max}", name);
        return (int)number;
    }

    /// <summary>The JSON type name Auth0's validation messages use.</summary>
    public static string TypeOf(JsonElement value) => TypeName(value);

    /// <summary>A JSON array of strings (secret names to delete).</summary>
    public static List<string> StringArray(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Array)
            throw ManagementApiException.InvalidBody($"Expected type array but found type {TypeName(body)}");
        var names = new List<string>();
        foreach (var item in body.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw ManagementApiException.InvalidBody($"Expected type string but found type {TypeName(item)}");
            names.Add(item.GetString()!);
        }
        if (names.Count == 0)
            throw ManagementApiException.InvalidBody("Array is too short (0), minimum 1");
        return names;
    }

    /// <summary>Refuses query parameters outside <paramref name="allowed"/>.</summary>
    public static void RejectUnknownQuery(IQueryCollection query, IReadOnlyCollection<string> allowed)
    {
        var extra = query.Keys.Where(k => !allowed.Contains(k)).ToList();
        if (extra.Count > 0)
            throw ManagementApiException.InvalidQuery($"Additional properties not allowed: {string.Join(",", extra)}");
    }

    public static int? QueryInt(IQueryCollection query, string name, int min, int max)
    {
        var text = Single(query, name);
        if (text is null)
            return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw ManagementApiException.InvalidQuery($"Expected type integer but found type string", name);
        if (value < min)
            throw ManagementApiException.InvalidQuery($"Value {value} is less than minimum {min}", name);
        if (value > max)
            throw ManagementApiException.InvalidQuery($"Value {value} is greater than maximum {max}", name);
        return value;
    }

    public static bool? QueryBool(IQueryCollection query, string name)
    {
        var text = Single(query, name);
        return text switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw ManagementApiException.InvalidQuery("Expected type boolean but found type string", name),
        };
    }

    public static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
            return null;
        return values.Count == 1 ? values[0] : throw ManagementApiException.InvalidQuery("Expected a single value but found an array", name);
    }

    private static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
