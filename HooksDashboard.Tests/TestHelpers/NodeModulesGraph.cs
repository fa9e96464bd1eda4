using System.Text.Json;
using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// Builds a <see cref="PackageGraph"/> from a folder laid out as <c>node_modules</c> (what <c>npm install</c> writes,
/// or a fixture folder): every top-level package (scoped ones too) is a root, and each package's declared
/// dependencies, peer and optional dependencies are found as Node's walk up the <c>node_modules</c> folders finds them.
/// </summary>
internal static class NodeModulesGraph
{
    public static PackageGraph FromFolder(string nodeModules)
    {
        var top = Path.GetFullPath(nodeModules);
        var packages = new Dictionary<string, InstalledPackage>(StringComparer.Ordinal);
        var roots = new Dictionary<string, InstalledPackage>(StringComparer.Ordinal);
        foreach (var (name, folder) in PackagesIn(top))
        {
            roots[name] = Load(folder, packages, top);
        }

        return new PackageGraph(roots);
    }

    private static IEnumerable<(string Name, string Folder)> PackagesIn(string nodeModules)
    {
        if (!Directory.Exists(nodeModules))
        {
            yield break;
        }

        foreach (var folder in Directory.GetDirectories(nodeModules).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            if (name.StartsWith('.'))
            {
                continue;
            }

            if (name.StartsWith('@'))
            {
                foreach (var scoped in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
                {
                    yield return ($"{name}/{Path.GetFileName(scoped)}", scoped);
                }
            }
            else if (File.Exists(Path.Combine(folder, "package.json")))
            {
                yield return (name, folder);
            }
        }
    }

    private static InstalledPackage Load(string folder, Dictionary<string, InstalledPackage> packages, string top)
    {
        if (packages.TryGetValue(folder, out var known))
        {
            return known;
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json")));
        var root = manifest.RootElement;
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileName(folder);
        var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "0.0.0";
        var package = new InstalledPackage(name, version, folder);
        packages[folder] = package;

        foreach (var field in (string[])["dependencies", "peerDependencies", "optionalDependencies"])
        {
            if (!root.TryGetProperty(field, out var dependencies) || dependencies.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var dependency in dependencies.EnumerateObject())
            {
                if (!package.Dependencies.ContainsKey(dependency.Name) && Find(folder, dependency.Name, top) is { } found)
                {
                    package.Dependencies[dependency.Name] = Load(found, packages, top);
                }
            }
        }

        return package;
    }

    // Node's lookup: <folder>/node_modules/<name>, then the same from each parent folder, up to the top node_modules.
    private static string? Find(string folder, string name, string top)
    {
        for (var current = folder; current is not null && current.Length >= Path.GetDirectoryName(top)!.Length; current = Path.GetDirectoryName(current))
        {
            if (Path.GetFileName(current) == "node_modules")
            {
                continue;
            }

            var candidate = Path.Combine(current, "node_modules", name);
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        return null;
    }
}
