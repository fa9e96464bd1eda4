namespace HooksDashboard.Execution.Modules;

/// <summary>
/// One installed npm package: its unpacked, read-only folder in the package cache and what a <c>require</c> from
/// inside it resolves to. Built by <see cref="IPackageInstaller"/>, read by the executor's module loader.
/// </summary>
public sealed class InstalledPackage
{
    public InstalledPackage(string name, string version, string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Name = name;
        Version = version;
        Directory = directory;
    }

    /// <summary>The package's name, e.g. <c>lodash</c> or <c>@aws-sdk/client-sns</c>.</summary>
    public string Name { get; }

    /// <summary>The exact version installed, e.g. <c>4.17.21</c>.</summary>
    public string Version { get; }

    /// <summary>Absolute path of the folder holding the package's <c>package.json</c> (never written after install).</summary>
    public string Directory { get; }

    /// <summary>
    /// Package name → the package a bare <c>require(name)</c> from this package's own files resolves to (its
    /// dependencies, and peer dependencies as its dependant provides them), as Node's <c>node_modules</c> walk
    /// would find them in npm's layout. The graph may contain cycles.
    /// </summary>
    public Dictionary<string, InstalledPackage> Dependencies { get; } = new(StringComparer.Ordinal);
}

/// <summary>A hook's installed dependencies: what a bare <c>require(name)</c> from the hook's own script resolves to.</summary>
public sealed class PackageGraph
{
    public PackageGraph(IReadOnlyDictionary<string, InstalledPackage> roots)
        : this(roots, null, null)
    {
    }

    /// <param name="roots">Package name → installed package, for the hook's declared dependencies.</param>
    /// <param name="transitiveCounts">Root name → how many other packages its own dependency edges reach (null: unknown).</param>
    /// <param name="packageCount">Distinct packages in the whole graph (null: the roots and what their edges reach).</param>
    public PackageGraph(IReadOnlyDictionary<string, InstalledPackage> roots, IReadOnlyDictionary<string, int>? transitiveCounts, int? packageCount)
    {
        ArgumentNullException.ThrowIfNull(roots);
        Roots = roots;
        _transitiveCounts = transitiveCounts;
        PackageCount = packageCount ?? CountReachable(roots.Values);
    }

    private readonly IReadOnlyDictionary<string, int>? _transitiveCounts;

    /// <summary>No dependencies.</summary>
    public static PackageGraph Empty { get; } = new(new Dictionary<string, InstalledPackage>(StringComparer.Ordinal));

    /// <summary>Package name → installed package, for the hook's declared dependencies.</summary>
    public IReadOnlyDictionary<string, InstalledPackage> Roots { get; }

    /// <summary>Distinct packages installed for the hook (its dependencies and everything they depend on).</summary>
    public int PackageCount { get; }

    /// <summary>
    /// How many other packages the root <paramref name="name"/> brings in through its own dependencies, transitively
    /// (the dashboard's "+N dependencies"); 0 for a name that is not a root.
    /// </summary>
    public int TransitiveCount(string name)
    {
        if (_transitiveCounts is not null)
            return _transitiveCounts.GetValueOrDefault(name);
        // Without the installer's edges, InstalledPackage.Dependencies also holds what npm hoists: an upper bound.
        return Roots.TryGetValue(name, out var root) ? CountReachable([root]) - 1 : 0;
    }

    private static int CountReachable(IEnumerable<InstalledPackage> start)
    {
        var seen = new HashSet<InstalledPackage>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<InstalledPackage>(start);
        while (pending.Count > 0)
        {
            var package = pending.Pop();
            if (!seen.Add(package))
                continue;
            foreach (var dependency in package.Dependencies.Values)
                pending.Push(dependency);
        }
        return seen.Count;
    }
}
