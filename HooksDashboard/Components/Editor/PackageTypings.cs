using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HooksDashboard.Execution.Modules;
using Semver;

namespace HooksDashboard.Components.Editor;

/// <summary>One declaration file for Monaco: its <c>file:///node_modules/...</c> path and its text.</summary>
public sealed record TypingsLibrary(string Path, string Content);

/// <summary>
/// What the editor registers for a hook's installed npm dependencies: the packages' own declaration files, the
/// module names they type (name → entry file, relative to <c>file:///</c>, for the TypeScript <c>paths</c> option)
/// and what was left out and why.
/// </summary>
public sealed record PackageTypings(
    IReadOnlyList<TypingsLibrary> Libraries,
    IReadOnlyDictionary<string, string> Modules,
    IReadOnlyList<string> Notes,
    long Bytes)
{
    public static PackageTypings None { get; } = new([], new Dictionary<string, string>(StringComparer.Ordinal), [], 0);
}

/// <summary>
/// Collects the TypeScript declarations the hook's installed packages ship, for Monaco's completion and hovers:
/// per package the entry (<c>exports</c> with a <c>types</c> condition, <c>types</c>/<c>typings</c>, simple
/// <c>typesVersions</c>, the <c>.d.ts</c> beside <c>main</c>, <c>index.d.ts</c>) and every declaration file it
/// references (relative imports, <c>/// &lt;reference path&gt;</c>), then the packages those declarations import by
/// name (their own dependencies, or <c>@types/&lt;name&gt;</c> among them). A hook's <c>@types/x</c> dependency types
/// <c>x</c> when <c>x</c> ships none. Files are read only inside each package's folder of the package cache (a path
/// leaving it, or a link, is refused), and a hook gets at most <see cref="MaxFiles"/> files and <see cref="MaxBytes"/>
/// bytes: a package that would pass either is left out whole, with a note.
/// </summary>
public static partial class PackageTypingsCollector
{
    /// <summary>Declaration files registered per hook at most.</summary>
    public const int MaxFiles = 600;

    /// <summary>Bytes of declarations registered per hook at most (they travel over the dashboard's circuit).</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    // A single declaration file larger than this is not read.
    private const long MaxFileBytes = 2 * 1024 * 1024;

    // The TypeScript Monaco runs (BlazorMonaco 3.0.0 ships Monaco 0.34.1 with TypeScript 4.5.5): typesVersions keys
    // are matched against it.
    private static readonly SemVersion TypeScriptVersion = SemVersion.Parse("4.5.5", SemVersionStyles.Strict);

    // The conditions of `exports` a require() from the hook takes for typings, in the order of their keys.
    private static readonly HashSet<string> RequireConditions = new(StringComparer.Ordinal) { "types", "require", "node", "default" };
    private static readonly HashSet<string> ImportConditions = new(StringComparer.Ordinal) { "types", "import", "node", "default" };

    /// <summary>The typings of <paramref name="graph"/>'s packages, within the default caps.</summary>
    public static PackageTypings Collect(PackageGraph graph) => Collect(graph, MaxFiles, MaxBytes);

    /// <summary>The typings of <paramref name="graph"/>'s packages, at most <paramref name="maxFiles"/> files and <paramref name="maxBytes"/> bytes.</summary>
    public static PackageTypings Collect(PackageGraph graph, int maxFiles, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.Roots.Count == 0)
            return PackageTypings.None;

        var libraries = new List<TypingsLibrary>();
        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        var notes = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        var skipped = new List<string>();

        // The hook's own dependencies first (a package's own typings before an @types package for the same name), then
        // what their declarations import, breadth-first.
        var queue = new Queue<InstalledPackage>(graph.Roots.Values
            .OrderBy(p => p.Name.StartsWith("@types/", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(p => p.Name, StringComparer.Ordinal));
        while (queue.Count > 0)
        {
            var package = queue.Dequeue();
            if (!seen.Add(package.Name))
                continue;
            var moduleName = ModuleNameOf(package.Name);
            if (modules.ContainsKey(moduleName) && package.Name.StartsWith("@types/", StringComparison.Ordinal))
                continue;

            var collected = CollectPackage(package, notes, maxFiles - libraries.Count, maxBytes - bytes);
            if (collected is null)
                continue;
            if (collected.TooLarge)
            {
                skipped.Add(package.Name);
                continue;
            }
            var packageBytes = collected.Bytes;
            libraries.AddRange(collected.Files);
            bytes += packageBytes;
            modules.TryAdd(moduleName, collected.Entry);
            foreach (var name in collected.BareImports)
            {
                if (FindDependency(package, graph, name) is { } dependency)
                    queue.Enqueue(dependency);
            }
        }
        if (skipped.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Typings left out (a hook's editor takes at most {maxFiles} declaration files and {FormatBytes(maxBytes)}): {string.Join(", ", skipped)}."));
        }
        return new PackageTypings(libraries, modules, notes, bytes);
    }

    /// <summary>The module a package types: <c>@types/node</c> → <c>node</c>, <c>@types/babel__core</c> → <c>@babel/core</c>.</summary>
    internal static string ModuleNameOf(string packageName)
    {
        if (!packageName.StartsWith("@types/", StringComparison.Ordinal))
            return packageName;
        var bare = packageName["@types/".Length..];
        var split = bare.IndexOf("__", StringComparison.Ordinal);
        return split > 0 ? "@" + bare[..split] + "/" + bare[(split + 2)..] : bare;
    }

    private static string TypesPackageOf(string moduleName) =>
        "@types/" + (moduleName.StartsWith('@') ? moduleName[1..].Replace("/", "__", StringComparison.Ordinal) : moduleName);

    private static InstalledPackage? FindDependency(InstalledPackage from, PackageGraph graph, string name)
    {
        foreach (var candidate in new[] { name, TypesPackageOf(name) })
        {
            if (from.Dependencies.TryGetValue(candidate, out var dependency) || graph.Roots.TryGetValue(candidate, out dependency))
                return dependency;
        }
        return null;
    }

    private sealed record CollectedPackage(string Entry, List<TypingsLibrary> Files, HashSet<string> BareImports, long Bytes, bool TooLarge);

    /// <summary>
    /// A package's declaration files, or null when it ships none; reading stops (<c>TooLarge</c>) as soon as they pass
    /// what is left of the hook's caps, so a huge package (aws-sdk v2's thousands of files) costs little.
    /// </summary>
    private static CollectedPackage? CollectPackage(InstalledPackage package, List<string> notes, int filesLeft, long bytesLeft)
    {
        var folder = Path.GetFullPath(package.Directory);
        var manifest = ReadManifest(folder);
        var entry = FindEntry(package, folder, manifest, notes);
        if (entry is null)
            return null;

        var prefix = "node_modules/" + package.Name + "/";
        var files = new List<TypingsLibrary>();
        var registered = new HashSet<string>(StringComparer.Ordinal);
        var bareImports = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<(string Relative, string Key)>();
        long bytes = 0;
        // An entry TypeScript 4.5 cannot name by its own extension (.d.cts, .d.mts) is registered under a .d.ts name.
        var entryKey = IsDts(entry) ? entry : entry + ".d.ts";
        pending.Enqueue((entry, entryKey));
        while (pending.Count > 0)
        {
            var (relative, key) = pending.Dequeue();
            if (!registered.Add(key))
                continue;
            var text = ReadInside(folder, relative);
            if (text is null)
                continue;
            files.Add(new TypingsLibrary("file:///" + prefix + key, text));
            bytes += text.Length;
            if (files.Count > filesLeft || bytes > bytesLeft)
                return new CollectedPackage(prefix + entryKey, files, bareImports, bytes, TooLarge: true);
            var directory = RelativeDirectory(relative);
            foreach (var specifier in References(text))
            {
                if (specifier.Kind == ReferenceKind.Types)
                {
                    bareImports.Add(specifier.Value);
                    continue;
                }
                if (IsRelative(specifier.Value) || specifier.Kind == ReferenceKind.Path)
                {
                    var resolved = ResolveRelative(folder, directory, specifier.Value, specifier.Kind == ReferenceKind.Path);
                    if (resolved is not null)
                        pending.Enqueue(resolved.Value);
                    continue;
                }
                var (name, subpath) = SplitBare(specifier.Value);
                if (name is null)
                    continue;
                if (name == package.Name && subpath is not null)
                {
                    // A package importing its own subpath (`pkg/sub`): TypeScript finds it through the `pkg/*` path mapping.
                    if (ResolveRelative(folder, "", subpath, isPath: false) is { } own)
                        pending.Enqueue(own);
                }
                else if (name != package.Name)
                    bareImports.Add(name);
            }
        }
        return files.Count == 0 ? null : new CollectedPackage(prefix + entryKey, files, bareImports, bytes, TooLarge: false);
    }

    private static JsonElement? ReadManifest(string folder)
    {
        var text = ReadInside(folder, "package.json");
        if (text is null)
            return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The package's declaration entry (relative to its folder), or null when it ships none.</summary>
    private static string? FindEntry(InstalledPackage package, string folder, JsonElement? manifest, List<string> notes)
    {
        var candidates = new List<string>();
        if (manifest is { } m)
        {
            if (m.TryGetProperty("exports", out var exports))
            {
                var root = RootExport(exports);
                if (root is { } r)
                {
                    ExportTargets(r, RequireConditions, candidates, 0);
                    ExportTargets(r, ImportConditions, candidates, 0);
                }
            }
            foreach (var field in new[] { "types", "typings" })
            {
                if (m.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } types)
                    candidates.Add(ApplyTypesVersions(m, types));
            }
            if (m.TryGetProperty("main", out var main) && main.ValueKind == JsonValueKind.String && main.GetString() is { Length: > 0 } mainPath)
                candidates.Add(mainPath);
        }
        candidates.Add(ApplyTypesVersions(manifest, "index.d.ts"));

        foreach (var candidate in candidates)
        {
            var relative = Normalize(candidate);
            if (relative is null)
            {
                notes.Add($"{package.Name}: its typings path '{candidate}' leaves the package; ignored.");
                continue;
            }
            foreach (var file in DeclarationFilesFor(relative))
            {
                if (IsFileInside(folder, file))
                    return file;
            }
        }
        return null;
    }

    /// <summary>The target of <c>exports["."]</c> (or the whole value when it is main sugar), or null.</summary>
    private static JsonElement? RootExport(JsonElement exports)
    {
        if (exports.ValueKind is JsonValueKind.String or JsonValueKind.Array)
            return exports;
        if (exports.ValueKind != JsonValueKind.Object)
            return null;
        var keys = exports.EnumerateObject().ToList();
        if (keys.Count > 0 && keys.All(k => !k.Name.StartsWith('.')))
            return exports;
        return exports.TryGetProperty(".", out var dot) ? dot : null;
    }

    private static void ExportTargets(JsonElement target, HashSet<string> conditions, List<string> into, int depth)
    {
        if (depth > 16)
            return;
        switch (target.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(target.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in target.EnumerateArray())
                    ExportTargets(item, conditions, into, depth + 1);
                break;
            case JsonValueKind.Object:
                foreach (var property in target.EnumerateObject())
                {
                    if (conditions.Contains(property.Name))
                        ExportTargets(property.Value, conditions, into, depth + 1);
                }
                break;
        }
    }

    /// <summary>typesVersions when simple: the first range TypeScript 4.5 satisfies, its <c>*</c> or exact mapping of the path.</summary>
    private static string ApplyTypesVersions(JsonElement? manifest, string path)
    {
        if (manifest is not { } m || !m.TryGetProperty("typesVersions", out var versions) || versions.ValueKind != JsonValueKind.Object)
            return path;
        foreach (var range in versions.EnumerateObject())
        {
            if (!SemVersionRange.TryParseNpm(range.Name, out var parsed) || !parsed.Contains(TypeScriptVersion))
                continue;
            if (range.Value.ValueKind != JsonValueKind.Object)
                return path;
            var bare = path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
            foreach (var mapping in range.Value.EnumerateObject())
            {
                if (mapping.Value.ValueKind != JsonValueKind.Array || mapping.Value.GetArrayLength() == 0 ||
                    mapping.Value[0].ValueKind != JsonValueKind.String)
                    continue;
                var target = mapping.Value[0].GetString()!;
                if (mapping.Name == bare)
                    return target;
                var star = mapping.Name.IndexOf('*', StringComparison.Ordinal);
                if (star < 0)
                    continue;
                var (before, after) = (mapping.Name[..star], mapping.Name[(star + 1)..]);
                if (bare.Length >= before.Length + after.Length && bare.StartsWith(before, StringComparison.Ordinal) && bare.EndsWith(after, StringComparison.Ordinal))
                    return target.Replace("*", bare[before.Length..(bare.Length - after.Length)], StringComparison.Ordinal);
            }
            return path;
        }
        return path;
    }

    /// <summary>The declaration files a path may name, in TypeScript's order of preference.</summary>
    private static IEnumerable<string> DeclarationFilesFor(string relative)
    {
        if (IsDts(relative) || relative.EndsWith(".d.cts", StringComparison.Ordinal) || relative.EndsWith(".d.mts", StringComparison.Ordinal))
        {
            yield return relative;
            yield break;
        }
        foreach (var (js, dts) in new[] { (".js", ".d.ts"), (".cjs", ".d.cts"), (".mjs", ".d.mts") })
        {
            if (relative.EndsWith(js, StringComparison.Ordinal))
            {
                yield return relative[..^js.Length] + dts;
                yield break;
            }
        }
        if (relative.EndsWith(".ts", StringComparison.Ordinal) || relative.EndsWith(".json", StringComparison.Ordinal))
            yield break;
        if (relative.Length > 0)
            yield return relative + ".d.ts";
        yield return relative.Length == 0 ? "index.d.ts" : relative + "/index.d.ts";
    }

    /// <summary>
    /// A relative import or reference path from a declaration file in <paramref name="directory"/>: the file inside the
    /// package and the name TypeScript 4.5 will look it up by (its own name, or <c>&lt;specifier&gt;.d.ts</c> for a
    /// <c>.d.cts</c>/<c>.d.mts</c> file named with <c>.cjs</c>/<c>.mjs</c>); null when it is not there or leaves the package.
    /// </summary>
    private static (string Relative, string Key)? ResolveRelative(string folder, string directory, string specifier, bool isPath)
    {
        var joined = Normalize(directory.Length == 0 ? specifier : directory + "/" + specifier);
        if (joined is null)
            return null;
        if (isPath)
            return IsFileInside(folder, joined) ? (joined, IsDts(joined) ? joined : joined + ".d.ts") : null;
        foreach (var file in DeclarationFilesFor(joined))
        {
            if (IsFileInside(folder, file))
                return (file, IsDts(file) ? file : joined + ".d.ts");
        }
        return null;
    }

    /// <summary>A path relative to the package's folder, with <c>.</c> and <c>..</c> applied; null when it leaves the folder or is absolute.</summary>
    internal static string? Normalize(string path)
    {
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal) ||
            path.StartsWith('/') || Path.IsPathRooted(path))
            return null;
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
                continue;
            if (part == "..")
            {
                if (parts.Count == 0)
                    return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static bool IsFileInside(string folder, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(folder, relative));
        if (!full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return false;
        var info = new FileInfo(full);
        return info.Exists && info.LinkTarget is null && (info.Attributes & FileAttributes.ReparsePoint) == 0;
    }

    /// <summary>A file's text when it is a plain file inside the package's folder and not too large; else null.</summary>
    private static string? ReadInside(string folder, string relative)
    {
        if (!IsFileInside(folder, relative))
            return null;
        var full = Path.GetFullPath(Path.Combine(folder, relative));
        try
        {
            var info = new FileInfo(full);
            if (info.Length > MaxFileBytes)
                return null;
            return File.ReadAllText(full, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string RelativeDirectory(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "" : relative[..slash];
    }

    private static bool IsDts(string path) => path.EndsWith(".d.ts", StringComparison.Ordinal);

    private static bool IsRelative(string specifier) =>
        specifier is "." or ".." || specifier.StartsWith("./", StringComparison.Ordinal) || specifier.StartsWith("../", StringComparison.Ordinal);

    /// <summary><c>name/sub</c> or <c>@scope/name/sub</c> → (name, sub or null); (null, null) for a built-in-like or odd specifier.</summary>
    private static (string? Name, string? Subpath) SplitBare(string specifier)
    {
        if (specifier.StartsWith("node:", StringComparison.Ordinal) || specifier.StartsWith('/'))
            return (null, null);
        var parts = specifier.Split('/');
        var nameParts = specifier.StartsWith('@') ? 2 : 1;
        if (parts.Length < nameParts || parts.Take(nameParts).Any(p => p.Length == 0))
            return (null, null);
        var name = string.Join('/', parts.Take(nameParts));
        var subpath = parts.Length > nameParts ? string.Join('/', parts.Skip(nameParts)) : null;
        return (name, subpath);
    }

    private enum ReferenceKind
    {
        Module,
        Path,
        Types,
    }

    private readonly record struct Reference(ReferenceKind Kind, string Value);

    /// <summary>What a declaration file refers to: triple-slash references and module specifiers of imports and exports.</summary>
    private static IEnumerable<Reference> References(string text)
    {
        foreach (Match match in TripleSlash().Matches(text))
            yield return new Reference(match.Groups[1].Value == "path" ? ReferenceKind.Path : ReferenceKind.Types, match.Groups[2].Value);
        foreach (Match match in ModuleSpecifier().Matches(text))
        {
            var value = match.Groups["a"].Success ? match.Groups["a"].Value : match.Groups["b"].Success ? match.Groups["b"].Value : match.Groups["c"].Value;
            if (value.Length > 0)
                yield return new Reference(ReferenceKind.Module, value);
        }
    }

    private static string FormatBytes(long bytes) =>
        bytes >= 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB");

    [GeneratedRegex("""^\s*///\s*<reference\s+(path|types)\s*=\s*["']([^"']+)["']""", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TripleSlash();

    // `from '...'` (import/export), `import '...'`, `import('...')` (types), `require('...')` (import x = require).
    [GeneratedRegex("""\bfrom\s*["'](?<a>[^"'\r\n]+)["']|\bimport\s*["'](?<b>[^"'\r\n]+)["']|\b(?:import|require)\s*\(\s*["'](?<c>[^"'\r\n]+)["']\s*\)""", RegexOptions.CultureInvariant)]
    private static partial Regex ModuleSpecifier();
}
