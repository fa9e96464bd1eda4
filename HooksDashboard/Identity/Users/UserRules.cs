using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HooksDashboard.Identity.Users;

/// <summary>The one place for the shape of user ids, emails, usernames and metadata.</summary>
public static class UserRules
{
    public const int MaxEmailLength = 254;
    public const int MaxUsernameLength = 15;

    /// <summary>Auth0's username characters besides letters and digits.</summary>
    public const string UsernameSymbols = "_+-.!#$'^`~@";

    /// <summary>A new database-user id: <c>auth0|</c> and 24 hex digits (Auth0's are Mongo ObjectIds).</summary>
    public static string NewUserId() => User.IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>The form uniqueness is checked on: trimmed, lower case.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Usernames are unique regardless of case, like emails.</summary>
    public static string NormalizeUsername(string username) => username.ToLowerInvariant();

    /// <summary>Null when the email is acceptable, else why not.</summary>
    public static string? ValidateEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
            return "An email address is required.";
        var trimmed = email.Trim();
        if (trimmed.Length > MaxEmailLength)
            return $"The email address is longer than {MaxEmailLength} characters.";
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || trimmed.Any(char.IsWhiteSpace) || !trimmed[(at + 1)..].Contains('.', StringComparison.Ordinal)
            || trimmed[(at + 1)..].StartsWith('.') || trimmed.EndsWith('.'))
            return $"'{trimmed}' is not a valid email address.";
        return null;
    }

    /// <summary>Null when the username is acceptable (Auth0: 1-15 letters, digits or <c>_+-.!#$'^`~@</c>), else why not.</summary>
    public static string? ValidateUsername(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        if (username.Length is 0 or > MaxUsernameLength)
            return $"The username must be 1 to {MaxUsernameLength} characters long.";
        if (!username.All(c => char.IsAsciiLetterOrDigit(c) || UsernameSymbols.Contains(c, StringComparison.Ordinal)))
            return $"The username may only contain letters, digits and {UsernameSymbols}";
        return null;
    }

    /// <summary>Most bytes of JSON user_metadata and app_metadata may hold together (hooks' result cap, 10× Auth0's profile).</summary>
    public const int MaxMetadataBytes = 100 * 1024;

    /// <summary>Null when the profile field's value is acceptable (Auth0's lengths; picture an http(s) URL; phone E.164), else why not.</summary>
    public static string? ValidateProfileField(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var max = field switch
        {
            "given_name" or "family_name" => 150,
            "picture" => 2000,
            "phone_number" => 16,
            _ => 300,
        };
        if (value.Length == 0)
            return $"{field} cannot be empty.";
        if (value.Length > max)
            return $"{field} is longer than {max} characters.";
        if (field == "picture" && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            return "picture must be an absolute http or https URL.";
        if (field == "phone_number" && !(value.Length >= 3 && value[0] == '+' && value[1] is >= '1' and <= '9' && value[1..].All(char.IsAsciiDigit)))
            return "phone_number must be in E.164 format, e.g. +14155550100.";
        return null;
    }

    /// <summary>
    /// Auth0's metadata merge for a PATCH: each top-level property given replaces the stored one (objects are not
    /// merged deeper), a property given as null is removed, and an empty object clears the metadata.
    /// </summary>
    public static JsonObject MergeMetadata(JsonObject current, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Count == 0)
            return [];
        var merged = (JsonObject)current.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (value is null)
                merged.Remove(key);
            else
                merged[key] = value.DeepClone();
        }
        return merged;
    }

    /// <summary>
    /// The PATCH that turns <paramref name="original"/> into <paramref name="edited"/> under <see cref="MergeMetadata"/>:
    /// the top-level properties added or changed, and null for each one removed; null when nothing differs. The
    /// dashboard's metadata editor saves through it, so a key another caller changed meanwhile is kept unless the
    /// administrator changed that key too.
    /// </summary>
    public static JsonObject? MetadataPatch(JsonObject original, JsonObject edited)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(edited);
        var patch = new JsonObject();
        foreach (var (key, value) in edited)
        {
            // A null value means "remove" to the merge: for a key that is not stored it changes nothing.
            if (value is null ? original.ContainsKey(key) : !original.TryGetPropertyValue(key, out var before) || !JsonNode.DeepEquals(before, value))
                patch[key] = value?.DeepClone();
        }
        foreach (var (key, _) in original)
        {
            if (!edited.ContainsKey(key))
                patch[key] = null;
        }
        return patch.Count == 0 ? null : patch;
    }

    /// <summary>Null when both metadata objects fit <see cref="MaxMetadataBytes"/> together, else why not.</summary>
    public static string? ValidateMetadataSize(JsonObject userMetadata, JsonObject appMetadata)
    {
        ArgumentNullException.ThrowIfNull(userMetadata);
        ArgumentNullException.ThrowIfNull(appMetadata);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(userMetadata.ToJsonString()) + System.Text.Encoding.UTF8.GetByteCount(appMetadata.ToJsonString());
        return bytes > MaxMetadataBytes ? $"user_metadata and app_metadata hold {bytes} bytes of JSON together; at most {MaxMetadataBytes} are allowed." : null;
    }

    /// <summary>
    /// Null when the metadata object is acceptable, else why not. Auth0 refused property names that contain
    /// '.' or start with '$' (at any depth).
    /// </summary>
    public static string? ValidateMetadata(JsonObject metadata, string name)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return FirstInvalidKey(metadata, name) is { } path
            ? $"{name}: the property name '{path}' contains '.' or starts with '$'."
            : null;
    }

    /// <summary>
    /// Parses metadata typed into the dashboard: empty means <c>{}</c>; anything but a JSON object is an error.
    /// </summary>
    /// <exception cref="UserValidationException">Not a JSON object, or a refused property name.</exception>
    public static JsonObject ParseMetadata(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException exception)
        {
            throw new UserValidationException(name, $"{name} is not valid JSON: {exception.Message}");
        }
        if (node is not JsonObject metadata)
            throw new UserValidationException(name, $"{name} must be a JSON object.");
        if (ValidateMetadata(metadata, name) is { } error)
            throw new UserValidationException(name, error);
        return metadata;
    }

    private static string? FirstInvalidKey(JsonNode? node, string path) => node switch
    {
        JsonObject obj => obj.Select(p => p.Key.Contains('.', StringComparison.Ordinal) || p.Key.StartsWith('$')
                ? $"{path}.{p.Key}"
                : FirstInvalidKey(p.Value, $"{path}.{p.Key}"))
            .FirstOrDefault(p => p is not null),
        JsonArray array => array.Select((item, i) => FirstInvalidKey(item, $"{path}[{i}]")).FirstOrDefault(p => p is not null),
        _ => null,
    };
}
