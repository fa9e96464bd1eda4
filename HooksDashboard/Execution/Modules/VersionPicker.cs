using Semver;

namespace HooksDashboard.Execution.Modules;

/// <summary>What a dependency's version field asks for.</summary>
public enum VersionSpecKind
{
    /// <summary>A semver range in npm's grammar (exact versions, ^ ~ x-ranges, hyphens, ||, comparators).</summary>
    Range,

    /// <summary>A dist-tag such as <c>latest</c> or <c>next</c>.</summary>
    Tag,
}

/// <summary>
/// A parsed dependency version: a range or dist-tag of the package itself, or of another package for npm's
/// aliases (<c>"string-width-cjs": "npm:string-width@^4.2.0"</c>).
/// </summary>
/// <param name="PackageName">The package actually installed (the alias target, or the dependency's own name).</param>
public sealed record VersionSpec(string PackageName, VersionSpecKind Kind, string Text, SemVersionRange? Range)
{
    /// <summary>
    /// Parses <paramref name="spec"/> for the dependency <paramref name="name"/>; throws for sources other than the
    /// registry (git, files, URLs), which hooks do not support.
    /// </summary>
    public static VersionSpec Parse(string name, string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = spec.Trim();
        if (text.StartsWith("npm:", StringComparison.Ordinal))
        {
            var target = text[4..];
            var at = target.IndexOf('@', 1);
            var targetName = at < 0 ? target : target[..at];
            var targetSpec = at < 0 ? "latest" : target[(at + 1)..];
            if (!PackageNames.IsValid(targetName) || targetSpec.StartsWith("npm:", StringComparison.Ordinal))
                throw new PackageInstallException($"Dependency '{name}' has an invalid alias '{spec}'.");
            return Parse(targetName, targetSpec);
        }

        if (IsNonRegistrySource(text))
            throw new PackageInstallException($"Dependency '{name}' points to '{spec}': only versions from the npm registry can be installed (no git, file or URL dependencies).");

        if (text.Length <= 256 && SemVersionRange.TryParseNpm(text, out var range))
            return new VersionSpec(name, VersionSpecKind.Range, text, range);
        if (text.Length is > 0 and <= 128 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            return new VersionSpec(name, VersionSpecKind.Tag, text, null);
        throw new PackageInstallException($"Dependency '{name}' has an invalid version '{spec}': expected a version, a range or a dist-tag.");
    }

    // Ranges and tags never hold ':' or '/': git+ssh:, https:, file:, github:, user/repo, ./folder all do.
    private static bool IsNonRegistrySource(string text) =>
        text.Contains(':', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal);

    /// <summary>Whether an exact version satisfies this spec (a tag never does without the packument).</summary>
    public bool IsSatisfiedBy(string version) =>
        Range is not null && SemVersion.TryParse(version, SemVersionStyles.Strict, out var parsed) && Range.Contains(parsed);

    /// <summary>Whether the spec names one exact version (so it can be resolved from the cache alone).</summary>
    public bool IsExact(out string version)
    {
        var text = Text.StartsWith('=') ? Text[1..].Trim() : Text;
        if (text.StartsWith('v'))
            text = text[1..];
        var ok = Kind == VersionSpecKind.Range && SemVersion.TryParse(text, SemVersionStyles.Strict, out _);
        version = ok ? text : "";
        return ok;
    }
}

/// <summary>
/// Chooses the version npm would install for a spec (npm-pick-manifest's rules): a dist-tag's version; for a
/// range, the <c>latest</c> tag when it satisfies the range, else the highest satisfying version, preferring
/// versions that are not deprecated. Prereleases only match ranges that name a prerelease of the same
/// major.minor.patch, as in node's <c>semver</c>.
/// </summary>
public static class VersionPicker
{
    /// <summary>The manifest to install; throws a message listing the newest versions when nothing matches.</summary>
    public static PackageManifest Pick(Packument packument, VersionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(packument);
        ArgumentNullException.ThrowIfNull(spec);

        if (spec.Kind == VersionSpecKind.Tag)
        {
            if (packument.DistTags.TryGetValue(spec.Text, out var tagged) && packument.Versions.TryGetValue(tagged, out var taggedManifest))
                return taggedManifest;
            throw new PackageInstallException(
                $"Package '{packument.Name}' has no version or dist-tag '{spec.Text}'. {Describe(packument)}");
        }

        if (spec.IsExact(out var exact) && packument.Versions.TryGetValue(exact, out var exactManifest))
            return exactManifest;

        var range = spec.Range!;
        if (packument.DistTags.TryGetValue("latest", out var latest)
            && packument.Versions.TryGetValue(latest, out var latestManifest)
            && latestManifest.Deprecated is null
            && (spec.Text is "" or "*" || Satisfies(range, latest)))
            return latestManifest;

        PackageManifest? best = null;
        SemVersion? bestVersion = null;
        foreach (var (text, manifest) in packument.Versions)
        {
            if (!SemVersion.TryParse(text, SemVersionStyles.Strict, out var version) || !range.Contains(version))
                continue;
            if (best is null
                || (best.Deprecated is not null && manifest.Deprecated is null)
                || ((best.Deprecated is null) == (manifest.Deprecated is null) && version.ComparePrecedenceTo(bestVersion) > 0))
            {
                best = manifest;
                bestVersion = version;
            }
        }

        return best ?? throw new PackageInstallException(
            $"No version of '{packument.Name}' matches '{spec.Text}'. {Describe(packument)}");
    }

    /// <summary>"Newest versions: 4.17.21, 4.17.20, … (latest: 4.17.21)."</summary>
    public static string Describe(Packument packument)
    {
        ArgumentNullException.ThrowIfNull(packument);
        var newest = packument.Versions.Keys
            .Select(v => SemVersion.TryParse(v, SemVersionStyles.Strict, out var parsed) ? parsed : null)
            .OfType<SemVersion>()
            .OrderByDescending(v => v, SemVersion.PrecedenceComparer)
            .Take(8)
            .Select(v => v.ToString());
        var tags = packument.DistTags.Count == 0
            ? ""
            : $" (dist-tags: {string.Join(", ", packument.DistTags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value}"))})";
        return $"Newest versions: {string.Join(", ", newest)}{tags}.";
    }

    private static bool Satisfies(SemVersionRange range, string version) =>
        SemVersion.TryParse(version, SemVersionStyles.Strict, out var parsed) && range.Contains(parsed);
}
