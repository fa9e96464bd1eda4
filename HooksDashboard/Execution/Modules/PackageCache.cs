using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// The package cache under the data folder, safe across processes, concurrent installs and crashes:
/// <list type="bullet">
/// <item><c>content/&lt;ab&gt;/&lt;sha512 hex&gt;/</c>: an unpacked package, named by its tarball's SHA-512
/// (content-addressed), unpacked into <c>tmp/</c> and renamed into place in one step, never written after;</item>
/// <item><c>index/&lt;name&gt;/&lt;version&gt;.json</c>: which content holds name@version, its digests and dependencies
/// (what offline resolution reads);</item>
/// <item><c>locks/&lt;sha256&gt;.json</c>: the resolved graph of one dependency map, so a restart needs no network.</item>
/// </list>
/// Small files are written to a temporary name and renamed, so a reader never sees half of one.
/// </summary>
public sealed class PackageCache
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public PackageCache(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    private string ContentRoot => Path.Combine(Root, "content");

    private string IndexRoot => Path.Combine(Root, "index");

    private string LockRoot => Path.Combine(Root, "locks");

    private string TempRoot => Path.Combine(Root, "tmp");

    /// <summary>The folder of a cached name@version whose digest satisfies the manifest's integrity, or null.</summary>
    public string? Find(PackageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var entry = ReadIndex(manifest.Name, manifest.Version);
        if (entry is null || !TarballIntegrity.Matches(manifest, entry.Sha512, entry.Sha1))
            return null;
        var directory = ContentDirectory(entry.Content);
        return Directory.Exists(directory) ? directory : null;
    }

    /// <summary>The folder of cached content by its SHA-512 hex, or null when it is not (or no longer) there.</summary>
    public string? FindContent(string content)
    {
        if (content.Length != 128 || !content.All(char.IsAsciiHexDigitLower))
            return null;
        var directory = ContentDirectory(content);
        return Directory.Exists(directory) ? directory : null;
    }

    /// <summary>
    /// Unpacks a verified tarball into the cache and records it; returns the package folder. Refuses native add-ons.
    /// Two installers racing on the same tarball both unpack; the first rename wins and the other's copy is dropped.
    /// </summary>
    public string Add(PackageManifest manifest, byte[] tarball, long maxUnpackedBytes, int maxEntries)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(tarball);
        var package = $"{manifest.Name}@{manifest.Version}";
        var content = Convert.ToHexStringLower(SHA512.HashData(tarball));
        var directory = ContentDirectory(content);
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(TempRoot);
            var temp = Path.Combine(TempRoot, Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(temp);
            try
            {
                TarballExtractor.Extract(tarball, temp, package, maxUnpackedBytes, maxEntries);
                // A package the engine gives natively (AcceleratedPackages) is kept although it ships an add-on: its
                // files are never loaded.
                if (AcceleratedPackages.ExportOf(manifest.Name, manifest.Version) is null && NativeAddonCheck.Reason(temp) is { } reason)
                    throw new PackageInstallException($"Package {package} is a native add-on: {reason}. Hooks run in a JavaScript engine that cannot load compiled code, so it cannot be installed.");
                Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
                try
                {
                    Directory.Move(temp, directory);
                }
                catch (IOException) when (Directory.Exists(directory))
                {
                    // Another install of the same tarball renamed its copy first: identical content, keep that one.
                }
            }
            finally
            {
                if (Directory.Exists(temp))
                    TryDelete(temp);
            }
        }

        WriteIndex(new IndexEntry
        {
            Name = manifest.Name,
            Version = manifest.Version,
            Content = content,
            Sha512 = TarballIntegrity.Sha512Sri(tarball),
            Sha1 = TarballIntegrity.Sha1Hex(tarball),
            Dependencies = new(manifest.Dependencies, StringComparer.Ordinal),
            OptionalDependencies = new(manifest.OptionalDependencies, StringComparer.Ordinal),
            PeerDependencies = new(manifest.PeerDependencies, StringComparer.Ordinal),
            OptionalPeers = [.. manifest.OptionalPeers],
            Os = [.. manifest.Os],
            Cpu = [.. manifest.Cpu],
        });
        return directory;
    }

    /// <summary>What the cache knows of a package (every cached version), for offline resolution; null when none.</summary>
    public Packument? CachedPackument(string name)
    {
        var folder = Path.Combine(IndexRoot, PackageNames.FolderName(name));
        if (!Directory.Exists(folder))
            return null;
        var versions = new Dictionary<string, PackageManifest>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var entry = ReadIndex(name, Path.GetFileNameWithoutExtension(file));
            if (entry is null || FindContent(entry.Content) is null)
                continue;
            versions[entry.Version] = new PackageManifest
            {
                Name = entry.Name,
                Version = entry.Version,
                Dependencies = entry.Dependencies,
                OptionalDependencies = entry.OptionalDependencies,
                PeerDependencies = entry.PeerDependencies,
                OptionalPeers = entry.OptionalPeers.ToHashSet(StringComparer.Ordinal),
                Integrity = entry.Sha512,
                Os = entry.Os,
                Cpu = entry.Cpu,
            };
        }
        return versions.Count == 0 ? null : new Packument(name, new Dictionary<string, string>(), versions);
    }

    /// <summary>The lock of a dependency map, or null when it was never installed (or the lock is unreadable).</summary>
    public LockFile? ReadLock(IReadOnlyDictionary<string, string> dependencies)
    {
        var path = LockPath(dependencies);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<LockFile>(File.ReadAllBytes(path), Json) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null; // re-resolved (and rewritten) by the next install
        }
    }

    public void WriteLock(IReadOnlyDictionary<string, string> dependencies, LockFile lockFile) =>
        WriteAtomically(LockPath(dependencies), JsonSerializer.SerializeToUtf8Bytes(lockFile, Json));

    /// <summary>The lock's key: SHA-256 of the dependency map sorted by name (so the order of the map does not matter).</summary>
    public static string LockKey(IReadOnlyDictionary<string, string> dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var text = new StringBuilder();
        foreach (var (name, spec) in dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
            text.Append(name).Append('\0').Append(spec.Trim()).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Removes unpack folders left by a crash (older than an hour, so a running install's folder is kept).</summary>
    public void CleanTemporary()
    {
        if (!Directory.Exists(TempRoot))
            return;
        foreach (var folder in Directory.EnumerateDirectories(TempRoot))
        {
            if (Directory.GetCreationTimeUtc(folder) < DateTime.UtcNow.AddHours(-1))
                TryDelete(folder);
        }
    }

    private string LockPath(IReadOnlyDictionary<string, string> dependencies) => Path.Combine(LockRoot, LockKey(dependencies) + ".json");

    private string ContentDirectory(string content) => Path.Combine(ContentRoot, content[..2], content);

    private string IndexPath(string name, string version) =>
        Path.Combine(IndexRoot, PackageNames.FolderName(name), version + ".json");

    private IndexEntry? ReadIndex(string name, string version)
    {
        if (!PackageNames.IsValid(name) || version.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+')))
            return null;
        var path = IndexPath(name, version);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<IndexEntry>(File.ReadAllBytes(path), Json) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }

    private void WriteIndex(IndexEntry entry) =>
        WriteAtomically(IndexPath(entry.Name, entry.Version), JsonSerializer.SerializeToUtf8Bytes(entry, Json));

    private void WriteAtomically(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Directory.CreateDirectory(TempRoot);
        var temp = Path.Combine(TempRoot, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next clean-up.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for the next clean-up.
        }
    }

    private sealed class IndexEntry
    {
        public string Name { get; init; } = "";
        public string Version { get; init; } = "";
        public string Content { get; init; } = "";
        public string Sha512 { get; init; } = "";
        public string Sha1 { get; init; } = "";
        public Dictionary<string, string> Dependencies { get; init; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> OptionalDependencies { get; init; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> PeerDependencies { get; init; } = new(StringComparer.Ordinal);
        public List<string> OptionalPeers { get; init; } = [];
        public List<string> Os { get; init; } = [];
        public List<string> Cpu { get; init; } = [];
    }
}

/// <summary>The resolved graph of one dependency map, as stored in <c>locks/</c>.</summary>
public sealed class LockFile
{
    /// <summary>The dependency map it resolves (for a reader of the file).</summary>
    public Dictionary<string, string> Dependencies { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Hook-level name → package key (<c>name@version</c>).</summary>
    public Dictionary<string, string> Roots { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Package key → where it is and what its requires resolve to.</summary>
    public Dictionary<string, LockedPackage> Packages { get; init; } = new(StringComparer.Ordinal);

    /// <summary>When it was resolved.</summary>
    public DateTimeOffset ResolvedAt { get; init; }
}

/// <summary>One package of a <see cref="LockFile"/>.</summary>
public sealed class LockedPackage
{
    public string Name { get; init; } = "";

    public string Version { get; init; } = "";

    /// <summary>SHA-512 hex of the tarball: its folder under <c>content/</c>.</summary>
    public string Content { get; init; } = "";

    /// <summary>Dependency name → package key.</summary>
    public Dictionary<string, string> Edges { get; init; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    public string Key => ResolvedPackage.PackageKey(Name, Version);
}
