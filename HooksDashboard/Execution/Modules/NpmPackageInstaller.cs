using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// Installs a dependency map the way npm would, into the <see cref="PackageCache"/>: resolves the tree
/// (<see cref="DependencyResolver"/>) against the registry, downloads what the cache lacks, verifies each tarball's
/// integrity before unpacking it, refuses native add-ons, runs no install script, and records the resolved graph in
/// a lock so that <see cref="TryGetInstalled"/> answers from disk alone, after a restart and without network.
/// </summary>
public sealed partial class NpmPackageInstaller : IPackageInstaller
{
    private const int DownloadParallelism = 4;

    private readonly NpmRegistryClient _registry;
    private readonly PackageOptions _options;
    private readonly ILogger<NpmPackageInstaller> _logger;

    // One download per tarball at a time inside this process, whatever number of installs want it.
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _downloads = new(StringComparer.Ordinal);

    // Graphs already built from their locks, by lock key: the runtime asks on every invocation, so the lock is read
    // and parsed once per process (and again only when a package folder has gone).
    private readonly ConcurrentDictionary<string, PackageGraph> _graphs = new(StringComparer.Ordinal);
    private int _cleaned;

    public NpmPackageInstaller(NpmRegistryClient registry, IOptions<PackageOptions> options, ILogger<NpmPackageInstaller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _options = options.Value;
        _logger = logger;
        Cache = new PackageCache(_options.CacheDirectory);
    }

    public PackageCache Cache { get; }

    public Task<PackageGraph> InstallAsync(IReadOnlyDictionary<string, string> dependencies, CancellationToken cancellationToken = default) =>
        InstallAsync(dependencies, progress: null, cancellationToken);

    public async Task<PackageGraph> InstallAsync(IReadOnlyDictionary<string, string> dependencies, IProgress<PackageInstallProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var tracker = new ProgressTracker(progress);
        Validate(dependencies);
        if (dependencies.Count == 0)
        {
            tracker.Finish(0);
            return PackageGraph.Empty;
        }
        if (Interlocked.Exchange(ref _cleaned, 1) == 0)
            Cache.CleanTemporary();

        if (FromLock(dependencies) is { } locked)
        {
            tracker.Finish(locked.PackageCount);
            return locked;
        }

        tracker.Resolving();
        var resolver = new DependencyResolver(new CountingSource(_registry, tracker), _options.MaxPackages);
        var tree = await resolver.ResolveAsync(dependencies, cancellationToken).ConfigureAwait(false);
        var skipped = tree.Skipped.ToList();
        var directories = await FetchAllAsync(tree, skipped, tracker, cancellationToken).ConfigureAwait(false);
        foreach (var reason in skipped)
            LogSkipped(_logger, reason);

        var lockFile = ToLock(dependencies, tree, directories);
        Cache.WriteLock(dependencies, lockFile);
        _graphs.TryRemove(PackageCache.LockKey(dependencies), out _);
        LogInstalled(_logger, lockFile.Packages.Count, string.Join(", ", dependencies.Select(d => $"{d.Key}@{d.Value}")));
        var graph = Build(lockFile) ?? throw new PackageInstallException("The package cache changed while installing; save again.");
        tracker.Finish(graph.PackageCount);
        return graph;
    }

    public PackageGraph? TryGetInstalled(IReadOnlyDictionary<string, string> dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        if (dependencies.Count == 0)
            return PackageGraph.Empty;
        try
        {
            Validate(dependencies);
        }
        catch (PackageInstallException)
        {
            return null;
        }
        return FromLock(dependencies) ?? FromCacheAlone(dependencies);
    }

    private PackageGraph? FromLock(IReadOnlyDictionary<string, string> dependencies)
    {
        var key = PackageCache.LockKey(dependencies);
        if (_graphs.TryGetValue(key, out var known) && known.Roots.Values.All(p => Directory.Exists(p.Directory)))
            return known;
        var graph = Cache.ReadLock(dependencies) is { } lockFile ? Build(lockFile) : null;
        if (graph is null)
            _graphs.TryRemove(key, out _);
        else
            _graphs[key] = graph;
        return graph;
    }

    /// <summary>
    /// Without a lock (e.g. the map was installed as part of another, or the lock was deleted), a map of exact
    /// versions still resolves offline when every package of its tree is in the cache.
    /// </summary>
    private PackageGraph? FromCacheAlone(IReadOnlyDictionary<string, string> dependencies)
    {
        foreach (var (name, spec) in dependencies)
        {
            try
            {
                if (!VersionSpec.Parse(name, spec).IsExact(out _))
                    return null;
            }
            catch (PackageInstallException)
            {
                return null;
            }
        }

        try
        {
            var resolver = new DependencyResolver(new CacheSource(Cache), _options.MaxPackages);
            // The cache source answers synchronously from disk.
            var tree = resolver.ResolveAsync(dependencies, CancellationToken.None).GetAwaiter().GetResult();
            var directories = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var package in tree.Packages.Values)
            {
                if (Cache.Find(package.Manifest) is not { } directory)
                    return null;
                directories[package.Key] = directory;
            }
            var lockFile = ToLock(dependencies, tree, directories);
            Cache.WriteLock(dependencies, lockFile);
            return Build(lockFile);
        }
        catch (PackageInstallException)
        {
            return null;
        }
    }

    /// <summary>Brings every package into the cache; optional-only ones that fail are dropped from the tree.</summary>
    private async Task<Dictionary<string, string>> FetchAllAsync(ResolvedTree tree, List<string> skipped, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        tracker.Fetching(tree.Packages.Count);
        var directories = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var failedOptional = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(tree.Packages.Values, new ParallelOptions { MaxDegreeOfParallelism = DownloadParallelism, CancellationToken = cancellationToken },
            async (package, token) =>
            {
                try
                {
                    directories[package.Key] = await FetchAsync(package.Manifest, tracker, token).ConfigureAwait(false);
                }
                catch (PackageInstallException ex) when (package.OptionalOnly)
                {
                    failedOptional[package.Key] = ex.Message;
                }
                tracker.PackageDone();
            }).ConfigureAwait(false);

        foreach (var (key, reason) in failedOptional)
        {
            skipped.Add($"{key} (optional): {reason}");
            foreach (var package in tree.Packages.Values)
            {
                foreach (var edge in package.Edges.Where(e => e.Value.Key == key).Select(e => e.Key).ToList())
                    package.Edges.Remove(edge);
            }
        }
        return new Dictionary<string, string>(directories, StringComparer.Ordinal);
    }

    private async Task<string> FetchAsync(PackageManifest manifest, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        if (Cache.Find(manifest) is { } cached)
            return cached;
        var key = $"{manifest.Name}@{manifest.Version} {manifest.Integrity} {manifest.Shasum}";
        // The install that starts a shared download counts its bytes; the others only see the package done.
        var download = _downloads.GetOrAdd(key, _ => new Lazy<Task<string>>(() => DownloadAsync(manifest, tracker, cancellationToken)));
        try
        {
            return await download.Value.ConfigureAwait(false);
        }
        finally
        {
            _downloads.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, download));
        }
    }

    private async Task<string> DownloadAsync(PackageManifest manifest, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        var tarball = await _registry.DownloadTarballAsync(manifest, cancellationToken).ConfigureAwait(false);
        tracker.Downloaded(tarball.LongLength);
        // Verified before a single byte is unpacked.
        TarballIntegrity.Verify(manifest, tarball);
        if (string.IsNullOrWhiteSpace(manifest.Integrity))
            LogShasumOnly(_logger, manifest.Name, manifest.Version);
        // Unpacking is synchronous file work: keep it off the caller's thread.
        return await Task.Run(() => Cache.Add(manifest, tarball, _options.MaxUnpackedBytes, _options.MaxEntries), cancellationToken).ConfigureAwait(false);
    }

    private static LockFile ToLock(IReadOnlyDictionary<string, string> dependencies, ResolvedTree tree, Dictionary<string, string> directories)
    {
        var packages = new Dictionary<string, LockedPackage>(StringComparer.Ordinal);
        foreach (var package in tree.Packages.Values)
        {
            if (!directories.TryGetValue(package.Key, out var directory))
                continue; // a skipped optional package
            packages[package.Key] = new LockedPackage
            {
                Name = package.Name,
                Version = package.Version,
                Content = Path.GetFileName(directory),
                Edges = package.Edges.Where(e => directories.ContainsKey(e.Value.Key)).ToDictionary(e => e.Key, e => e.Value.Key, StringComparer.Ordinal),
            };
        }
        return new LockFile
        {
            Dependencies = new Dictionary<string, string>(dependencies, StringComparer.Ordinal),
            Roots = tree.Roots.Where(r => packages.ContainsKey(r.Value.Key)).ToDictionary(r => r.Key, r => r.Value.Key, StringComparer.Ordinal),
            Packages = packages,
            ResolvedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>
    /// The graph of a lock, or null when a package folder is missing. Each package sees its own dependencies and
    /// peers, then what npm hoists to the top <c>node_modules</c> (the hook's roots first, then breadth-first the
    /// first version of each name): what Node's <c>node_modules</c> walk finds from inside it in npm's layout.
    /// </summary>
    internal PackageGraph? Build(LockFile lockFile)
    {
        var installed = new Dictionary<string, InstalledPackage>(StringComparer.Ordinal);
        foreach (var (key, locked) in lockFile.Packages)
        {
            if (Cache.FindContent(locked.Content) is not { } directory)
                return null;
            installed[key] = new InstalledPackage(locked.Name, locked.Version, directory);
        }

        var roots = new Dictionary<string, InstalledPackage>(StringComparer.Ordinal);
        foreach (var (name, key) in lockFile.Roots)
        {
            if (!installed.TryGetValue(key, out var package))
                return null;
            roots[name] = package;
        }

        var hoisted = new Dictionary<string, InstalledPackage>(roots, StringComparer.Ordinal);
        var queue = new Queue<string>(lockFile.Roots.Values);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var key = queue.Dequeue();
            if (!seen.Add(key) || !lockFile.Packages.TryGetValue(key, out var locked))
                continue;
            foreach (var (name, child) in locked.Edges.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (installed.TryGetValue(child, out var package))
                    hoisted.TryAdd(name, package);
                queue.Enqueue(child);
            }
        }

        foreach (var (key, locked) in lockFile.Packages)
        {
            var package = installed[key];
            foreach (var (name, child) in locked.Edges)
            {
                if (installed.TryGetValue(child, out var dependency))
                    package.Dependencies[name] = dependency;
            }
            foreach (var (name, dependency) in hoisted)
            {
                if (name != package.Name)
                    package.Dependencies.TryAdd(name, dependency);
            }
        }
        return new PackageGraph(roots, TransitiveCounts(lockFile), installed.Count);
    }

    /// <summary>Root name → the packages its own edges reach (not what npm hoists beside it), itself excluded.</summary>
    private static Dictionary<string, int> TransitiveCounts(LockFile lockFile)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, rootKey) in lockFile.Roots)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>([rootKey]);
            while (pending.Count > 0)
            {
                var key = pending.Pop();
                if (!seen.Add(key) || !lockFile.Packages.TryGetValue(key, out var locked))
                    continue;
                foreach (var child in locked.Edges.Values)
                    pending.Push(child);
            }
            counts[name] = Math.Max(0, seen.Count - 1);
        }
        return counts;
    }

    private static void Validate(IReadOnlyDictionary<string, string> dependencies)
    {
        foreach (var (name, spec) in dependencies)
        {
            if (!PackageNames.IsValid(name))
                throw new PackageInstallException($"Dependency '{name}' is not a valid npm package name.");
            VersionSpec.Parse(name, spec);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed {PackageCount} npm packages for {Dependencies}")]
    private static partial void LogInstalled(ILogger logger, int packageCount, string dependencies);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped optional npm dependency {Reason}")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name}@{Version} has no integrity in the registry: verified by its SHA-1 shasum only")]
    private static partial void LogShasumOnly(ILogger logger, string name, string version);

    /// <summary>The registry, counting the packuments the resolver reads (progress while resolving).</summary>
    private sealed class CountingSource(IPackumentSource inner, ProgressTracker tracker) : IPackumentSource
    {
        public async Task<Packument> GetPackumentAsync(string name, CancellationToken cancellationToken)
        {
            var packument = await inner.GetPackumentAsync(name, cancellationToken).ConfigureAwait(false);
            tracker.MetadataRead();
            return packument;
        }
    }

    /// <summary>
    /// Counts one install's work and reports consistent snapshots to its <see cref="IProgress{T}"/>, if any. Downloads
    /// run in parallel, so counters change under a lock and each report is taken inside it.
    /// </summary>
    private sealed class ProgressTracker(IProgress<PackageInstallProgress>? progress)
    {
        private readonly Lock _lock = new();
        private PackageInstallStage _stage = PackageInstallStage.Resolving;
        private int _metadata;
        private int _done;
        private int _total;
        private long _bytes;

        public void Resolving() => Change(() => _stage = PackageInstallStage.Resolving);

        public void MetadataRead() => Change(() => _metadata++);

        public void Fetching(int total) => Change(() =>
        {
            _stage = PackageInstallStage.Fetching;
            _total = total;
        });

        public void PackageDone() => Change(() => _done = Math.Min(_done + 1, _total));

        public void Downloaded(long bytes) => Change(() => _bytes += bytes);

        public void Finish(int total) => Change(() =>
        {
            _stage = PackageInstallStage.Done;
            _total = total;
            _done = total;
        });

        private void Change(Action change)
        {
            if (progress is null)
                return;
            PackageInstallProgress snapshot;
            lock (_lock)
            {
                change();
                snapshot = new PackageInstallProgress(_stage, _metadata, _done, _total, _bytes);
            }
            progress.Report(snapshot);
        }
    }

    /// <summary>Package metadata from what the cache holds: offline resolution of exact-version maps.</summary>
    private sealed class CacheSource(PackageCache cache) : IPackumentSource
    {
        public Task<Packument> GetPackumentAsync(string name, CancellationToken cancellationToken) =>
            cache.CachedPackument(name) is { } packument
                ? Task.FromResult(packument)
                : Task.FromException<Packument>(new PackageInstallException($"Package '{name}' is not in the package cache."));
    }
}
