using System.Text;
using System.Text.RegularExpressions;

namespace HooksDashboard.Hooks;

/// <summary>
/// The rules every hook field obeys, in one place: the store enforces them, the dashboard shows them
/// as you type and the Management API reports them. Each method returns null when the value is valid,
/// else a sentence saying what is wrong.
/// </summary>
public static partial class HookRules
{
    public const int MaxNameLength = 128;
    public const int MaxScriptBytes = 100 * 1024;
    public const int MaxSecrets = 20;
    public const int MaxSecretNameLength = 128;
    public const int MaxSecretValueLength = 16 * 1024;
    public const int MaxDependencies = 50;

    /// <summary>The value shown instead of a secret once it has been written.</summary>
    public const string SecretMask = "_VALUE_NOT_SHOWN_";

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9 -]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    // Auth0 accepted '-' in secret names: its deploy CLI's example is `api-key`, real hooks read
    // context.webtask.secrets['sendgrid-api-key'].
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretNamePattern();

    // npm package names: optional @scope/, lowercase-ish URL-safe characters.
    [GeneratedRegex(@"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PackageNamePattern();

    [GeneratedRegex(@"^[0-9A-Za-z.^~<>=*|\- +x]+$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "Name is required.";
        if (name.Length > MaxNameLength)
            return $"Name must be at most {MaxNameLength} characters.";
        if (!NamePattern().IsMatch(name))
            return "Name may contain only letters, digits, spaces and '-', and may not start or end with '-' or a space.";
        return null;
    }

    public static string? ValidateScript(string? script)
    {
        if (string.IsNullOrWhiteSpace(script))
            return "Script must not be empty.";
        var bytes = Encoding.UTF8.GetByteCount(script);
        if (bytes > MaxScriptBytes)
            return $"Script is {bytes:N0} bytes; at most {MaxScriptBytes:N0} bytes (100 KB) are allowed.";
        return null;
    }

    public static string? ValidateSecretName(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "Secret name is required.";
        if (name.Length > MaxSecretNameLength)
            return $"Secret name must be at most {MaxSecretNameLength} characters.";
        if (!SecretNamePattern().IsMatch(name))
            return $"Secret name '{name}' must start with a letter or '_' and contain only letters, digits, '_' and '-'.";
        return null;
    }

    public static string? ValidateSecretValue(string name, string? value)
    {
        if (value is null)
            return $"Secret '{name}' needs a value.";
        if (value.Length > MaxSecretValueLength)
            return $"Secret '{name}' is longer than {MaxSecretValueLength:N0} characters.";
        return null;
    }

    public static string? ValidateDependencies(IReadOnlyDictionary<string, string>? dependencies)
    {
        if (dependencies is null)
            return null;
        if (dependencies.Count > MaxDependencies)
            return $"At most {MaxDependencies} dependencies are allowed.";
        foreach (var (name, version) in dependencies)
        {
            if (name.Length > 214 || !PackageNamePattern().IsMatch(name))
                return $"Dependency '{name}' is not a valid npm package name.";
            if (string.IsNullOrWhiteSpace(version) || version.Length > 64 || !VersionPattern().IsMatch(version))
                return $"Dependency '{name}' has an invalid version '{version}'.";
        }
        return null;
    }
}
