using System.Collections.Concurrent;
using Semver;

namespace HooksDashboard.Execution.Modules;

/// <summary>A package's published versions and dist-tags, for completing <c>name@version</c> as the user types.</summary>
/// <param name="Name">The package.</param>
/// <param name="DistTags">Tag → version, <c>latest</c> first, then by name.</param>
/// <param name="Versions">Every published version, newest first (semver precedence; prereleases after their release).</param>
public sealed record PackageVersions(string Name, IReadOnlyList<KeyValuePair<string, string>> DistTags, IReadOnlyList<string> Versions)
{
    /// <summary>
    /// <c>name@…</c> completions for what follows the '@' (<paramref name="typed"/>, possibly empty): dist-tags, then
    /// versions, each starting with the typed text, at most <paramref name="max"/>.
    /// </summary>
    public IReadOnlyList<string> Complete(string typed, int max)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var prefix = typed.Trim();
        return DistTags.Select(t => t.Key)
            .Concat(Versions)
            .Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Take(Math.Max(0, max))
            .Select(v => $"{Name}@{v}")
            .ToList();
    }
}

/// <summary>
/// Reads a package's versions and dist-tags from the configured registry through <see cref="NpmRegistryClient"/>,
/// keeping each answer briefly (<see cref="Lifetime"/>) so that a user typing a version asks the registry once,
/// and sharing one request between callers asking at the same time. Failures are not kept: the next call asks again.
/// </summary>
public sealed class PackageVersionLookup(NpmRegistryClient registry, TimeProvider time)
{
    /// <summary>How long an answer is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    // A bound on memory: past this many names the cache starts over.
    private const int MaxEntries = 256;

    private readonly ConcurrentDictionary<string, (DateTimeOffset Fetched, Lazy<Task<PackageVersions>> Versions)> _cache = new(StringComparer.Ordinal);

    /// <summary>The package's versions; throws <see cref="PackageInstallException"/> with a message for the user.</summary>
    public async Task<PackageVersions> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!PackageNames.IsValid(name))
            throw new PackageInstallException($"'{name}' is not a valid npm package name.");
        var now = time.GetUtcNow();
        if (_cache.Count > MaxEntries)
            _cache.Clear();
        var entry = _cache.AddOrUpdate(name,
            _ => (now, Fetch(name)),
            (_, existing) => now - existing.Fetched > Lifetime || existing.Versions.Value.IsFaulted || existing.Versions.Value.IsCanceled
                ? (now, Fetch(name))
                : existing);
        try
        {
            return await entry.Versions.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PackageInstallException)
        {
            _cache.TryRemove(new KeyValuePair<string, (DateTimeOffset, Lazy<Task<PackageVersions>>)>(name, entry));
            throw;
        }
    }

    // Not tied to one caller's cancellation: a caller that stops waiting must not fail the others sharing it.
    private Lazy<Task<PackageVersions>> Fetch(string name) => new(() => FetchAsync(name));

    private async Task<PackageVersions> FetchAsync(string name)
    {
        var packument = await registry.GetPackumentAsync(name, CancellationToken.None).ConfigureAwait(false);
        var versions = packument.Versions.Keys
            .Select(v => (Text: v, Parsed: SemVersion.TryParse(v, SemVersionStyles.Strict, out var parsed) ? parsed : new SemVersion(0)))
            .OrderByDescending(v => v.Parsed, SemVersion.PrecedenceComparer)
            .ThenBy(v => v.Text, StringComparer.Ordinal)
            .Select(v => v.Text)
            .ToList();
        var tags = packument.DistTags
            .OrderBy(t => t.Key == "latest" ? 0 : 1)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .ToList();
        return new PackageVersions(packument.Name, tags, versions);
    }
}
