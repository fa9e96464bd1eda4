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
    {
        ArgumentNullException.ThrowIfNull(roots);
        Roots = roots;
    }

    /// <summary>No dependencies.</summary>
    public static PackageGraph Empty { get; } = new(new Dictionary<string, InstalledPackage>(StringComparer.Ordinal));

    /// <summary>Package name → installed package, for the hook's declared dependencies.</summary>
    public IReadOnlyDictionary<string, InstalledPackage> Roots { get; }
}
