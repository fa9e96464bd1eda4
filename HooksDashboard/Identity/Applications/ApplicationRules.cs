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

    /// <summary>Null when valid, else why not.</summary>
    public static string? ValidateMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
            return null;
        if (metadata.Count > MaxMetadataKeys)
            return $"Metadata can have at most {MaxMetadataKeys} keys; got {metadata.Count}.";
        foreach (var (key, value) in metadata)
        {
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
        }
        return null;
    }
}
