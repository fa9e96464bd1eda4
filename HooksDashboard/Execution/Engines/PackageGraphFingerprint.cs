using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Execution.Engines;

/// <summary>
/// What a package graph resolves to, as one string for <see cref="WarmEngineKey"/>: every package reachable from the
/// roots (name, version, folder — folders are content-addressed) and every edge, in a stable order. Two graphs with
/// the same fingerprint load the same files the same way. Computed once per graph object.
/// </summary>
internal static class PackageGraphFingerprint
{
    private static readonly ConditionalWeakTable<PackageGraph, string> Cache = [];

    public static string Of(PackageGraph graph) => Cache.GetValue(graph, Compute);

    private static string Compute(PackageGraph graph)
    {
        var text = new StringBuilder();
        var seen = new Dictionary<InstalledPackage, int>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<InstalledPackage>();
        int Number(InstalledPackage package)
        {
            if (!seen.TryGetValue(package, out var number))
            {
                number = seen.Count;
                seen[package] = number;
                queue.Enqueue(package);
            }

            return number;
        }

        foreach (var (name, package) in graph.Roots.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append("root ").Append(name).Append(" #").Append(Number(package)).Append('\n');
        }

        while (queue.TryDequeue(out var package))
        {
            text.Append('#').Append(seen[package]).Append(' ').Append(package.Name).Append('@').Append(package.Version)
                .Append(' ').Append(package.Directory).Append('\n');
            foreach (var (name, dependency) in package.Dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                text.Append("  ").Append(name).Append(" #").Append(Number(dependency)).Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
