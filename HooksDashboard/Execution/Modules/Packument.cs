using System.Text.Json;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// A package's registry metadata ("packument"), reduced to what installing needs: its dist-tags and, per version,
/// the dependencies and the tarball. Read from npm's abbreviated form (<c>application/vnd.npm.install-v1+json</c>)
/// or the full document; unknown members are ignored.
/// </summary>
public sealed class Packument
{
    public Packument(string name, IReadOnlyDictionary<string, string> distTags, IReadOnlyDictionary<string, PackageManifest> versions)
    {
        Name = name;
        DistTags = distTags;
        Versions = versions;
    }

    public string Name { get; }

    /// <summary>Tag → version, e.g. <c>latest</c> → <c>4.17.21</c>.</summary>
    public IReadOnlyDictionary<string, string> DistTags { get; }

    /// <summary>Version → manifest, for every published version.</summary>
    public IReadOnlyDictionary<string, PackageManifest> Versions { get; }

    /// <summary>Parses a registry answer; throws <see cref="PackageInstallException"/> naming the package when it is not a packument.</summary>
    public static Packument Parse(string name, ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new PackageInstallException($"The registry's metadata for '{name}' is not a JSON object.");

            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("dist-tags", out var tagsElement) && tagsElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var tag in tagsElement.EnumerateObject())
                {
                    if (tag.Value.ValueKind == JsonValueKind.String)
                        tags[tag.Name] = tag.Value.GetString()!;
                }
            }

            var versions = new Dictionary<string, PackageManifest>(StringComparer.Ordinal);
            if (root.TryGetProperty("versions", out var versionsElement) && versionsElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var version in versionsElement.EnumerateObject())
                {
                    if (version.Value.ValueKind == JsonValueKind.Object)
                        versions[version.Name] = PackageManifest.FromJson(name, version.Name, version.Value);
                }
            }

            return new Packument(name, tags, versions);
        }
        catch (JsonException ex)
        {
            throw new PackageInstallException($"The registry's metadata for '{name}' is not valid JSON ({ex.Message}).", ex);
        }
    }
}

/// <summary>One published version of a package, as its packument (or its own package.json) describes it.</summary>
public sealed class PackageManifest
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

    public required string Name { get; init; }

    public required string Version { get; init; }

    public IReadOnlyDictionary<string, string> Dependencies { get; init; } = None;

    public IReadOnlyDictionary<string, string> OptionalDependencies { get; init; } = None;

    public IReadOnlyDictionary<string, string> PeerDependencies { get; init; } = None;

    /// <summary>Peer dependencies marked optional in <c>peerDependenciesMeta</c>: used when present, never installed for it.</summary>
    public IReadOnlySet<string> OptionalPeers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The tarball's URL (<c>dist.tarball</c>).</summary>
    public string? Tarball { get; init; }

    /// <summary>Subresource-integrity string (<c>dist.integrity</c>), e.g. <c>sha512-…</c>.</summary>
    public string? Integrity { get; init; }

    /// <summary>Hex SHA-1 of the tarball (<c>dist.shasum</c>); only used when no integrity is given.</summary>
    public string? Shasum { get; init; }

    /// <summary>The deprecation message, if the version is deprecated.</summary>
    public string? Deprecated { get; init; }

    /// <summary>Operating systems the package supports (<c>os</c>), with npm's <c>!name</c> exclusions.</summary>
    public IReadOnlyList<string> Os { get; init; } = [];

    /// <summary>CPU architectures the package supports (<c>cpu</c>).</summary>
    public IReadOnlyList<string> Cpu { get; init; } = [];

    internal static PackageManifest FromJson(string name, string version, JsonElement element)
    {
        var dist = element.TryGetProperty("dist", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        return new PackageManifest
        {
            Name = name,
            Version = version,
            Dependencies = Map(element, "dependencies"),
            OptionalDependencies = Map(element, "optionalDependencies"),
            PeerDependencies = Map(element, "peerDependencies"),
            OptionalPeers = OptionalPeerNames(element),
            Tarball = dist.ValueKind == JsonValueKind.Object ? String(dist, "tarball") : null,
            Integrity = dist.ValueKind == JsonValueKind.Object ? String(dist, "integrity") : null,
            Shasum = dist.ValueKind == JsonValueKind.Object ? String(dist, "shasum") : null,
            Deprecated = element.TryGetProperty("deprecated", out var deprecated) && deprecated.ValueKind == JsonValueKind.String
                ? deprecated.GetString()
                : null,
            Os = List(element, "os"),
            Cpu = List(element, "cpu"),
        };
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string> Map(JsonElement element, string property)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in value.EnumerateObject())
            {
                // npm treats a non-string range (rare, broken manifests) as "any version".
                map[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : "*";
            }
        }
        return map;
    }

    private static List<string> List(JsonElement element, string property)
    {
        var list = new List<string>();
        if (element.TryGetProperty(property, out var value))
        {
            if (value.ValueKind == JsonValueKind.Array)
                list.AddRange(value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
            else if (value.ValueKind == JsonValueKind.String)
                list.Add(value.GetString()!);
        }
        return list;
    }

    private static HashSet<string> OptionalPeerNames(JsonElement element)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (element.TryGetProperty("peerDependenciesMeta", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in meta.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("optional", out var optional) && optional.ValueKind == JsonValueKind.True)
                    names.Add(entry.Name);
            }
        }
        return names;
    }
}
