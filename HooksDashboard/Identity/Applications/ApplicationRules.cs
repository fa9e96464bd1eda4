namespace HooksDashboard.Identity.Applications;

/// <summary>The one place for application field rules (Auth0's limits for <c>client_metadata</c>).</summary>
public static class ApplicationRules
{
    public const int MaxNameLength = 255;
    public const int MaxMetadataKeys = 10;
    public const int MaxMetadataKeyLength = 255;
    public const int MaxMetadataValueLength = 255;

    // Auth0: metadata field names are alphanumeric plus these characters.
    private const string KeySpecialCharacters = ":,-+=_*?\"/\\()<>@\t ";

    /// <summary>Null when valid, else why not.</summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "Name is required.";
        if (name.Length > MaxNameLength)
            return $"Name must be at most {MaxNameLength} characters.";
        return null;
    }

    /// <summary>Shortest operator-chosen client secret: anything shorter is guessable.</summary>
    public const int MinChosenSecretLength = 32;

    /// <summary>Null when an operator-chosen client id is valid (1-64 URL-safe characters), else why not.</summary>
    public static string? ValidateChosenClientId(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId) || clientId.Length > 64 || !clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            return "A client id must be 1 to 64 letters, digits, '-', '_' or '.'.";
        return null;
    }

    /// <summary>Null when an operator-chosen client secret is long enough, else why not.</summary>
    public static string? ValidateChosenSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinChosenSecretLength)
            return $"A client secret must be at least {MinChosenSecretLength} characters long.";
        return null;
    }

    public const string DefaultAppType = "non_interactive";
    public const string ClientCredentialsGrant = "client_credentials";
    public const int MaxCallbacks = 100;
    public const int MaxUrlLength = 1024;

    /// <summary>Auth0's application types.</summary>
    public static IReadOnlyList<string> AppTypes { get; } = ["non_interactive", "regular_web", "spa", "native"];

    /// <summary>Auth0's grant type names.</summary>
    public static IReadOnlyList<string> GrantTypes { get; } =
    [
        "authorization_code", "implicit", "refresh_token", "client_credentials", "password",
        "http://auth0.com/oauth/grant-type/password-realm", "urn:ietf:params:oauth:grant-type:device_code",
        "http://auth0.com/oauth/grant-type/mfa-oob", "http://auth0.com/oauth/grant-type/mfa-otp",
        "http://auth0.com/oauth/grant-type/mfa-recovery-code",
    ];

    /// <summary>Null when valid, else why not.</summary>
    public static string? ValidateAppType(string? appType) =>
        appType is null || AppTypes.Contains(appType) ? null : $"'{appType}' is not an application type; expected one of {string.Join(", ", AppTypes)}.";

    /// <summary>Null when valid, else why not.</summary>
    public static string? ValidateGrantTypes(IReadOnlyList<string>? grantTypes)
    {
        if (grantTypes is null)
            return null;
        var unknown = grantTypes.FirstOrDefault(g => !GrantTypes.Contains(g));
        return unknown is null ? null : $"'{unknown}' is not a grant type; expected any of {string.Join(", ", GrantTypes)}.";
    }

    /// <summary>
    /// Null when every callback URL is an absolute http(s) URL (a <c>*</c> may stand for a subdomain label, as in
    /// Auth0), at most <see cref="MaxCallbacks"/> of them, else why not.
    /// </summary>
    public static string? ValidateCallbacks(IReadOnlyList<string>? callbacks)
    {
        if (callbacks is null)
            return null;
        if (callbacks.Count > MaxCallbacks)
            return $"At most {MaxCallbacks} callback URLs are allowed; got {callbacks.Count}.";
        foreach (var callback in callbacks)
        {
            if (string.IsNullOrWhiteSpace(callback) || callback.Length > MaxUrlLength)
                return $"Callback URLs must be 1 to {MaxUrlLength} characters long.";
            var probe = callback.Replace("*.", "wildcard.", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || callback.Any(char.IsWhiteSpace))
                return $"'{callback}' is not an absolute http or https URL.";
        }
        return null;
    }

    /// <summary>
    /// Auth0's <c>client_metadata</c> update: the keys given replace the stored ones, a key given as null is removed,
    /// the others stay.
    /// </summary>
    public static Dictionary<string, string> MergeMetadata(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string?> patch)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patch);
        var merged = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is null)
                merged.Remove(key);
            else
                merged[key] = value;
        }
        return merged;
    }

    /// <summary>Null when valid, else why not.</summary>
    public static string? ValidateMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
            return null;
        if (metadata.Count > MaxMetadataKeys)
            return $"Metadata can have at most {MaxMetadataKeys} keys; got {metadata.Count}.";
        foreach (var (key, value) in metadata)
        {
            if (ValidateMetadataEntry(key, value) is { } error)
                return error;
        }
        return null;
    }

    /// <summary>Null when one <c>client_metadata</c> key and value are acceptable, else why not (the dashboard checks rows as typed).</summary>
    public static string? ValidateMetadataEntry(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
            return "Metadata keys cannot be empty.";
        if (key.Length > MaxMetadataKeyLength)
            return $"Metadata key '{key[..20]}...' is longer than {MaxMetadataKeyLength} characters.";
        var bad = key.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && !KeySpecialCharacters.Contains(c, StringComparison.Ordinal));
        if (bad != default)
            return $"Metadata key '{key}' contains '{bad}'; keys may hold letters, digits, spaces and {KeySpecialCharacters.Trim()}";
        if (value is null)
            return $"Metadata value of '{key}' must be a string.";
        if (value.Length > MaxMetadataValueLength)
            return $"Metadata value of '{key}' is longer than {MaxMetadataValueLength} characters.";
        return null;
    }

    /// <summary>
    /// The <c>client_metadata</c> PATCH that turns <paramref name="original"/> into <paramref name="edited"/> under
    /// <see cref="MergeMetadata"/>: keys added or changed, and null for each key removed (empty when nothing differs).
    /// </summary>
    public static Dictionary<string, string?> MetadataPatch(IReadOnlyDictionary<string, string> original, IReadOnlyDictionary<string, string> edited)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(edited);
        var patch = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in edited)
        {
            if (!original.TryGetValue(key, out var before) || !string.Equals(before, value, StringComparison.Ordinal))
                patch[key] = value;
        }
        foreach (var key in original.Keys)
        {
            if (!edited.ContainsKey(key))
                patch[key] = null;
        }
        return patch;
    }
}
