namespace HooksDashboard.Execution.Modules;

/// <summary>One package version chosen by the resolver, with the packages its own <c>require</c> calls get.</summary>
public sealed class ResolvedPackage(PackageManifest manifest, int depth)
{
    public PackageManifest Manifest { get; } = manifest;

    public string Name => Manifest.Name;

    public string Version => Manifest.Version;

    public string Key => PackageKey(Name, Version);

    /// <summary>How far from the hook it was first reached (0 for a root): decides which version npm hoists.</summary>
    public int Depth { get; } = depth;

    /// <summary>Dependency name (alias) → the package it resolves to: dependencies, present optional ones and peers.</summary>
    public Dictionary<string, ResolvedPackage> Edges { get; } = new(StringComparer.Ordinal);

    /// <summary>Names in <see cref="Edges"/> that are optional dependencies.</summary>
    public HashSet<string> OptionalEdges { get; } = new(StringComparer.Ordinal);

    /// <summary>True when it is only reached through optional dependencies: a failure to install it is then skipped, as npm does.</summary>
    public bool OptionalOnly { get; internal set; }

    public static string PackageKey(string name, string version) => $"{name}@{version}";
}

/// <summary>The resolved dependency tree of one dependency map.</summary>
/// <param name="Roots">Hook-level names (declared dependencies, and peers of them npm would install beside them).</param>
/// <param name="Packages">Every package, once per name@version.</param>
/// <param name="Skipped">Optional dependencies left out, with why.</param>
public sealed record ResolvedTree(IReadOnlyDictionary<string, ResolvedPackage> Roots, IReadOnlyDictionary<string, ResolvedPackage> Packages, IReadOnlyList<string> Skipped);

/// <summary>
/// npm's resolution of a dependency map into a package tree: each range resolved by <see cref="VersionPicker"/>,
/// reusing a version already in the tree when it satisfies the range (one copy per name@version, so cycles
/// close on themselves); <c>optionalDependencies</c> skipped when they cannot be resolved or do not support this
/// platform; <c>peerDependencies</c> taken from the dependant's own resolution, and installed beside the
/// dependant when it lacks them (npm 7+), a conflicting one refused as npm's ERESOLVE.
/// </summary>
public sealed class DependencyResolver(IPackumentSource source, int maxPackages)
{
    private readonly Dictionary<string, Task<Packument>> _packuments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResolvedPackage> _packages = new(StringComparer.Ordinal);
    private readonly List<string> _skipped = [];

    public async Task<ResolvedTree> ResolveAsync(IReadOnlyDictionary<string, string> dependencies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var roots = new Dictionary<string, ResolvedPackage>(StringComparer.Ordinal);
        foreach (var (name, spec) in dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            roots[name] = await ResolveAsync(name, spec, depth: 0, path: [], cancellationToken).ConfigureAwait(false);
        }

        // The hook is the dependant of its roots: their peers come from (or are added to) the hook's level.
        await ResolvePeersAsync(roots, roots.Values.ToList(), depth: 0, path: [], cancellationToken).ConfigureAwait(false);

        var queue = new Queue<(ResolvedPackage Package, List<string> Path)>(roots.Values.Distinct().Select(p => (p, new List<string> { p.Key })));
        var expanded = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var (package, path) = queue.Dequeue();
            if (!expanded.Add(package.Key))
                continue;
            var manifest = package.Manifest;
            var children = new List<ResolvedPackage>();
            foreach (var (name, spec) in manifest.Dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                if (manifest.OptionalDependencies.ContainsKey(name))
                    continue;
                var child = await ResolveAsync(name, spec, path.Count, path, cancellationToken).ConfigureAwait(false);
                package.Edges[name] = child;
                children.Add(child);
            }

            foreach (var (name, spec) in manifest.OptionalDependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                try
                {
                    var child = await ResolveAsync(name, spec, path.Count, path, cancellationToken).ConfigureAwait(false);
                    if (!Supported(child.Manifest, out var why))
                    {
                        _skipped.Add($"{child.Key} (optional dependency of {package.Key}): {why}");
                        continue;
                    }
                    package.Edges[name] = child;
                    package.OptionalEdges.Add(name);
                    children.Add(child);
                }
                catch (PackageInstallException ex)
                {
                    _skipped.Add($"{name}@{spec} (optional dependency of {package.Key}): {ex.Message}");
                }
            }

            await ResolvePeersAsync(package.Edges, children, path.Count, path, cancellationToken).ConfigureAwait(false);
            foreach (var child in package.Edges.Values)
                queue.Enqueue((child, [.. path, child.Key]));
        }

        MarkOptionalOnly(roots.Values);
        return new ResolvedTree(roots, _packages, _skipped);
    }

    /// <summary>A package is optional-only when no path of required edges leads to it from the hook.</summary>
    private void MarkOptionalOnly(IEnumerable<ResolvedPackage> roots)
    {
        foreach (var package in _packages.Values)
            package.OptionalOnly = true;
        var pending = new Stack<ResolvedPackage>(roots);
        while (pending.Count > 0)
        {
            var package = pending.Pop();
            if (!package.OptionalOnly)
                continue;
            package.OptionalOnly = false;
            foreach (var (name, child) in package.Edges)
            {
                if (!package.OptionalEdges.Contains(name))
                    pending.Push(child);
            }
        }
    }

    /// <summary>Gives each child its peers from the dependant's level (<paramref name="level"/>), adding missing ones there.</summary>
    private async Task ResolvePeersAsync(Dictionary<string, ResolvedPackage> level, List<ResolvedPackage> children, int depth, List<string> path, CancellationToken cancellationToken)
    {
        // A peer added to the level may itself have peers: keep going until nothing new is added.
        var pending = new Queue<ResolvedPackage>(children);
        while (pending.Count > 0)
        {
            var child = pending.Dequeue();
            foreach (var (peer, spec) in child.Manifest.PeerDependencies.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (child.Edges.ContainsKey(peer))
                    continue; // also a regular dependency, or already given by an earlier dependant
                if (level.TryGetValue(peer, out var provided))
                {
                    var parsed = VersionSpec.Parse(peer, spec);
                    if (parsed.Kind == VersionSpecKind.Range && !parsed.IsSatisfiedBy(provided.Version))
                        throw new PackageInstallException(
                            $"Conflicting peer dependency: {child.Key} needs {peer}@\"{spec}\" but {Describe(path)} provides {provided.Key} (npm's ERESOLVE).");
                    child.Edges[peer] = provided;
                    continue;
                }
                if (child.Manifest.OptionalPeers.Contains(peer))
                    continue;
                var added = await ResolveAsync(peer, spec, depth, path, cancellationToken).ConfigureAwait(false);
                level[peer] = added;
                child.Edges[peer] = added;
                pending.Enqueue(added);
            }
        }
    }

    private static string Describe(List<string> path) => path.Count == 0 ? "the hook" : path[^1];

    private async Task<ResolvedPackage> ResolveAsync(string alias, string spec, int depth, List<string> path, CancellationToken cancellationToken)
    {
        VersionSpec parsed;
        try
        {
            parsed = VersionSpec.Parse(alias, spec);
        }
        catch (PackageInstallException ex) when (path.Count > 0)
        {
            throw new PackageInstallException($"{ex.Message} (required by {string.Join(" → ", path)})", ex);
        }

        // De-duplication: a version already chosen that satisfies the range is reused.
        if (parsed.Kind == VersionSpecKind.Range)
        {
            var reuse = _packages.Values
                .Where(p => p.Name == parsed.PackageName && parsed.IsSatisfiedBy(p.Version))
                .OrderByDescending(p => Semver.SemVersion.Parse(p.Version, Semver.SemVersionStyles.Strict), Semver.SemVersion.PrecedenceComparer)
                .FirstOrDefault();
            if (reuse is not null)
                return reuse;
        }

        PackageManifest manifest;
        try
        {
            var packument = await GetPackumentAsync(parsed.PackageName, cancellationToken).ConfigureAwait(false);
            manifest = VersionPicker.Pick(packument, parsed);
        }
        catch (PackageInstallException ex) when (path.Count > 0)
        {
            throw new PackageInstallException($"{ex.Message} (required by {string.Join(" → ", path)})", ex);
        }

        var key = ResolvedPackage.PackageKey(manifest.Name, manifest.Version);
        if (_packages.TryGetValue(key, out var existing))
            return existing;
        if (_packages.Count >= maxPackages)
            throw new PackageInstallException($"The dependencies bring in more than {maxPackages} packages (Packages:MaxPackages).");
        var package = new ResolvedPackage(manifest, depth);
        _packages[key] = package;
        return package;
    }

    private Task<Packument> GetPackumentAsync(string name, CancellationToken cancellationToken)
    {
        if (!_packuments.TryGetValue(name, out var task))
        {
            task = source.GetPackumentAsync(name, cancellationToken);
            _packuments[name] = task;
        }
        return task;
    }

    /// <summary>npm's <c>os</c>/<c>cpu</c> check against the platform hooks report (Node on linux x64).</summary>
    internal static bool Supported(PackageManifest manifest, out string why)
    {
        why = "";
        if (!Allows(manifest.Os, "linux"))
        {
            why = $"it supports only os {string.Join(", ", manifest.Os)}";
            return false;
        }
        if (!Allows(manifest.Cpu, "x64"))
        {
            why = $"it supports only cpu {string.Join(", ", manifest.Cpu)}";
            return false;
        }
        return true;
    }

    private static bool Allows(IReadOnlyList<string> list, string value)
    {
        if (list.Count == 0)
            return true;
        if (list.Contains("!" + value))
            return false;
        var positives = list.Where(v => !v.StartsWith('!')).ToList();
        return positives.Count == 0 || positives.Contains(value) || positives.Contains("any");
    }
}
