namespace HooksDashboard.Identity.Apis;

/// <summary>The one place for API field rules.</summary>
public static class ApiRules
{
    public const int DefaultTokenLifetime = 86_400;

    /// <summary>Auth0's upper bound for access token lifetime: 30 days.</summary>
    public const int MaxTokenLifetime = 2_592_000;

    public const int MaxIdentifierLength = 600;
    public const int MaxNameLength = 255;
    public const int MaxScopeValueLength = 280;
    public const int MaxScopeDescriptionLength = 500;

    /// <summary>Null when valid, else why not.</summary>
    public static string? ValidateIdentifier(string? identifier)
    {
        if (string.IsNullOrWhiteSpace(identifier))
            return "Identifier is required, e.g. https://api.example.com/.";
        if (identifier.Length > MaxIdentifierLength)
            return $"Identifier must be at most {MaxIdentifierLength} characters.";
        if (identifier.Any(char.IsWhiteSpace))
            return "Identifier cannot contain spaces.";
        return null;
    }

    /// <summary>Null when valid, else why not.</summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "Name is required.";
        return name.Length > MaxNameLength ? $"Name must be at most {MaxNameLength} characters." : null;
    }

    /// <summary>Null when valid, else why not.</summary>
    public static string? ValidateTokenLifetime(int? seconds) =>
        seconds is null or (> 0 and <= MaxTokenLifetime)
            ? null
            : $"Token lifetime must be between 1 and {MaxTokenLifetime} seconds (30 days); got {seconds}.";

    /// <summary>Null when valid, else why not. Scope values travel space-separated, so they cannot hold spaces.</summary>
    public static string? ValidateScopes(IReadOnlyList<ApiScope>? scopes)
    {
        if (scopes is null)
            return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            if (scope is null || string.IsNullOrWhiteSpace(scope.Value))
                return "Scope values cannot be empty.";
            if (scope.Value.Any(char.IsWhiteSpace))
                return $"Scope '{scope.Value}' contains a space; scopes are space-separated in tokens.";
            if (scope.Value.Length > MaxScopeValueLength)
                return $"Scope '{scope.Value[..20]}...' is longer than {MaxScopeValueLength} characters.";
            if ((scope.Description ?? "").Length > MaxScopeDescriptionLength)
                return $"The description of scope '{scope.Value}' is longer than {MaxScopeDescriptionLength} characters.";
            if (!seen.Add(scope.Value))
                return $"Scope '{scope.Value}' is listed twice.";
        }
        return null;
    }
}
