using System.Text.RegularExpressions;

namespace HooksDashboard.Execution.Modules;

/// <summary>npm package names and the package part of a <c>require</c> specifier.</summary>
public static partial class PackageNames
{
    // npm's rules for new packages: optional @scope/, then URL-safe lowercase characters, at most 214 in all.
    [GeneratedRegex(@"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public static bool IsValid(string? name) => name is { Length: > 0 and <= 214 } && NamePattern().IsMatch(name);

    /// <summary>
    /// Splits a bare <c>require</c> specifier into the package name, the version of webtask's <c>name@version</c> form
    /// (null when absent) and the sub-path (null when absent): <c>lodash/fp</c>, <c>@scope/pkg@1.2.3</c>,
    /// <c>uuid@9.0.1/dist/index</c>. Returns false for relative, absolute or malformed specifiers.
    /// </summary>
    public static bool TryParseRequest(string specifier, out string name, out string? version, out string? subPath)
    {
        name = "";
        version = null;
        subPath = null;
        if (string.IsNullOrEmpty(specifier) || specifier.StartsWith('.') || specifier.StartsWith('/') || specifier.Contains('\\', StringComparison.Ordinal))
            return false;

        var segments = specifier.Split('/');
        var nameSegments = specifier.StartsWith('@') ? 2 : 1;
        if (segments.Length < nameSegments)
            return false;
        var last = segments[nameSegments - 1];
        var at = last.IndexOf('@', nameSegments == 2 ? 0 : 1);
        if (at >= 0)
        {
            version = last[(at + 1)..];
            segments[nameSegments - 1] = last[..at];
            if (version.Length == 0)
                return false;
        }
        name = string.Join('/', segments.Take(nameSegments));
        if (segments.Length > nameSegments)
            subPath = string.Join('/', segments.Skip(nameSegments));
        return IsValid(name);
    }

    /// <summary>A name usable as one folder name: <c>@scope/pkg</c> → <c>@scope+pkg</c> ('+' is not allowed in npm names).</summary>
    public static string FolderName(string name) => name.Replace('/', '+');
}
