using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// Node's resolution of a package's <c>"exports"</c> (and <c>"imports"</c>) field for <c>require</c>
/// (<c>packageExportsResolve</c>/<c>resolvePackageTarget</c> of Node 20's <c>esm/resolve.js</c>, which its CommonJS
/// loader calls): sugar for the main entry, exact subpaths, <c>*</c> patterns with Node's best-match order, condition
/// objects tried in their key order against <see cref="Conditions"/> and <c>default</c>, fallback arrays, <c>null</c>
/// targets, and Node's errors with its texts. Pure: it returns a path relative to the package folder and reads no file.
/// </summary>
internal static partial class PackageExports
{
    /// <summary>
    /// Node 20.20's conditions for <c>require</c>, <c>module-sync</c> included (it selects ES modules that
    /// <c>require</c> loads since require(esm) is on by default, 20.19).
    /// </summary>
    public static readonly IReadOnlySet<string> Conditions = new HashSet<string>(["require", "module-sync", "node", "node-addons"], StringComparer.Ordinal);

    /// <summary>Node 20.20's conditions for <c>import</c> (its ES module resolver's defaults).</summary>
    public static readonly IReadOnlySet<string> ImportConditions = new HashSet<string>(["import", "module-sync", "node", "node-addons"], StringComparer.Ordinal);

    /// <summary>The target of <paramref name="subpath"/> (<c>.</c> or <c>./x</c>) in <paramref name="exports"/>, e.g. <c>./lib/x.js</c>.</summary>
    /// <param name="packageJsonPath">The (virtual) path of the <c>package.json</c>, for error texts.</param>
    public static string Resolve(JsonElement exports, string subpath, string packageJsonPath, IReadOnlySet<string>? conditions = null)
    {
        if (IsMainSugar(exports, packageJsonPath))
        {
            if (subpath != ".")
            {
                throw NotExported(subpath, packageJsonPath);
            }

            return ResolveTarget(exports, string.Empty, ".", packageJsonPath, pattern: false, isImports: false, conditions ?? Conditions)
                ?? throw NotExported(subpath, packageJsonPath);
        }

        return ResolveMap(exports, subpath, packageJsonPath, isImports: false, conditions ?? Conditions) ?? throw NotExported(subpath, packageJsonPath);
    }

    /// <summary>The target of a <c>#name</c> specifier in <paramref name="imports"/>: a package-relative path, or a bare specifier to resolve from the package.</summary>
    public static string ResolveImport(JsonElement imports, string name, string packageJsonPath, IReadOnlySet<string>? conditions = null)
    {
        if (name == "#" || name.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new ResolutionException("ERR_INVALID_MODULE_SPECIFIER",
                $"Invalid module \"{name}\" is not a valid internal imports specifier name imported from {packageJsonPath}") { ErrorType = "TypeError" };
        }

        if (imports.ValueKind == JsonValueKind.Object && ResolveMap(imports, name, packageJsonPath, isImports: true, conditions ?? Conditions) is { } target)
        {
            return target;
        }

        throw new ResolutionException("ERR_PACKAGE_IMPORT_NOT_DEFINED",
            $"Package import specifier \"{name}\" is not defined in package {packageJsonPath}") { ErrorType = "TypeError" };
    }

    private static string? ResolveMap(JsonElement map, string subpath, string packageJsonPath, bool isImports, IReadOnlySet<string> conditions)
    {
        if (map.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (!subpath.Contains('*', StringComparison.Ordinal) && !subpath.EndsWith('/') && map.TryGetProperty(subpath, out var exact))
        {
            return ResolveTarget(exact, string.Empty, subpath, packageJsonPath, pattern: false, isImports, conditions);
        }

        string? bestKey = null;
        var bestMatch = string.Empty;
        foreach (var property in map.EnumerateObject())
        {
            var key = property.Name;
            var star = key.IndexOf('*', StringComparison.Ordinal);
            if (star < 0 || !subpath.StartsWith(key[..star], StringComparison.Ordinal))
            {
                continue;
            }

            var trailer = key[(star + 1)..];
            if (subpath.Length >= key.Length && subpath.EndsWith(trailer, StringComparison.Ordinal)
                && PatternKeyCompare(bestKey ?? string.Empty, key) == 1 && key.LastIndexOf('*') == star)
            {
                bestKey = key;
                bestMatch = subpath[star..(subpath.Length - trailer.Length)];
            }
        }

        return bestKey is null
            ? null
            : ResolveTarget(map.GetProperty(bestKey), bestMatch, bestKey, packageJsonPath, pattern: true, isImports, conditions);
    }

    // Node's patternKeyCompare: the longer prefix before '*' wins, then the longer key.
    private static int PatternKeyCompare(string a, string b)
    {
        var aStar = a.IndexOf('*', StringComparison.Ordinal);
        var bStar = b.IndexOf('*', StringComparison.Ordinal);
        var baseA = aStar == -1 ? a.Length : aStar + 1;
        var baseB = bStar == -1 ? b.Length : bStar + 1;
        if (baseA > baseB) return -1;
        if (baseB > baseA) return 1;
        if (aStar == -1) return 1;
        if (bStar == -1) return -1;
        if (a.Length > b.Length) return -1;
        if (b.Length > a.Length) return 1;
        return 0;
    }

    // exports is sugar for { ".": exports } when it is a string, an array or an object of conditions only.
    private static bool IsMainSugar(JsonElement exports, string packageJsonPath)
    {
        if (exports.ValueKind is JsonValueKind.String or JsonValueKind.Array)
        {
            return true;
        }

        if (exports.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        bool? sugar = null;
        foreach (var property in exports.EnumerateObject())
        {
            var conditional = property.Name.Length == 0 || property.Name[0] != '.';
            if (sugar is null)
            {
                sugar = conditional;
            }
            else if (sugar != conditional)
            {
                throw new ResolutionException("ERR_INVALID_PACKAGE_CONFIG",
                    $"Invalid package config {packageJsonPath}. \"exports\" cannot contain some keys starting with '.' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.");
            }
        }

        return sugar ?? false;
    }

    // Undefined (no condition matched) is null with matched=false; a null target is null with matched=true. Both
    // end as "not exported" for the caller; inside arrays they differ only in which error survives, as in Node.
    private static string? ResolveTarget(JsonElement target, string subpath, string key, string packageJsonPath, bool pattern, bool isImports, IReadOnlySet<string> conditions)
    {
        switch (target.ValueKind)
        {
            case JsonValueKind.String:
                return ResolveTargetString(target.GetString()!, subpath, key, packageJsonPath, pattern, isImports);
            case JsonValueKind.Array:
                ResolutionException? last = null;
                foreach (var item in target.EnumerateArray())
                {
                    string? resolved;
                    try
                    {
                        resolved = ResolveTarget(item, subpath, key, packageJsonPath, pattern, isImports, conditions);
                    }
                    catch (ResolutionException ex) when (ex.Code == "ERR_INVALID_PACKAGE_TARGET")
                    {
                        last = ex;
                        continue;
                    }

                    if (resolved is not null)
                    {
                        return resolved;
                    }

                    last = null;
                }

                return last is null ? null : throw last;
            case JsonValueKind.Object:
                foreach (var property in target.EnumerateObject())
                {
                    if (IsArrayIndex(property.Name))
                    {
                        throw new ResolutionException("ERR_INVALID_PACKAGE_CONFIG",
                            $"Invalid package config {packageJsonPath}. \"exports\" cannot contain numeric property keys.");
                    }
                }

                foreach (var property in target.EnumerateObject())
                {
                    if (property.Name == "default" || conditions.Contains(property.Name))
                    {
                        if (ResolveTarget(property.Value, subpath, key, packageJsonPath, pattern, isImports, conditions) is { } resolved)
                        {
                            return resolved;
                        }

                        // Node goes on to the next condition only when this one resolved to "undefined" (nothing
                        // matched inside it); a null target stops the search. Both are "not exported" here.
                        if (IsNullTarget(property.Value))
                        {
                            return null;
                        }
                    }
                }

                return null;
            case JsonValueKind.Null:
                return null;
            default:
                throw InvalidTarget(key, target.GetRawText(), packageJsonPath, isImports);
        }
    }

    private static bool IsNullTarget(JsonElement target) => target.ValueKind == JsonValueKind.Null;

    private static bool IsArrayIndex(string key) =>
        uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index != uint.MaxValue
        && index.ToString(CultureInfo.InvariantCulture) == key;

    private static string ResolveTargetString(string target, string subpath, string key, string packageJsonPath, bool pattern, bool isImports)
    {
        if (subpath.Length > 0 && !pattern && !target.EndsWith('/'))
        {
            throw InvalidTarget(key, target, packageJsonPath, isImports);
        }

        if (!target.StartsWith("./", StringComparison.Ordinal))
        {
            if (isImports && !target.StartsWith("../", StringComparison.Ordinal) && !target.StartsWith('/'))
            {
                // An import mapped to a package name: resolved like a bare require from inside the package.
                return BareImportPrefix + (pattern ? target.Replace("*", subpath, StringComparison.Ordinal) : target + subpath);
            }

            throw InvalidTarget(key, target, packageJsonPath, isImports);
        }

        if (InvalidSegment().IsMatch(target[2..]))
        {
            throw InvalidTarget(key, target, packageJsonPath, isImports);
        }

        if (subpath.Length == 0)
        {
            return target;
        }

        if (InvalidSegment().IsMatch(subpath))
        {
            var request = pattern ? key.Replace("*", subpath, StringComparison.Ordinal) : key + subpath;
            throw new ResolutionException("ERR_INVALID_MODULE_SPECIFIER",
                $"Invalid module \"{request}\" request is not a valid match in pattern \"{key}\" for the \"{(isImports ? "imports" : "exports")}\" resolution of {packageJsonPath}") { ErrorType = "TypeError" };
        }

        return pattern ? target.Replace("*", subpath, StringComparison.Ordinal) : target + subpath;
    }

    /// <summary>Marks an <c>imports</c> target that names another package rather than a file of this one.</summary>
    public const string BareImportPrefix = "\0bare:";

    private static ResolutionException NotExported(string subpath, string packageJsonPath) => new("ERR_PACKAGE_PATH_NOT_EXPORTED",
        subpath == "."
            ? $"No \"exports\" main defined in {packageJsonPath}"
            : $"Package subpath '{subpath}' is not defined by \"exports\" in {packageJsonPath}");

    private static ResolutionException InvalidTarget(string key, string target, string packageJsonPath, bool isImports)
    {
        var relative = !isImports && target.Length > 0 && !target.StartsWith("./", StringComparison.Ordinal) ? "; targets must start with \"./\"" : string.Empty;
        var shown = JsonSerializer.Serialize(target);
        return new ResolutionException("ERR_INVALID_PACKAGE_TARGET", key == "."
            ? $"Invalid \"exports\" main target {shown} defined in the package config {packageJsonPath}{relative}"
            : $"Invalid \"{(isImports ? "imports" : "exports")}\" target {shown} defined for '{key}' in the package config {packageJsonPath}{relative}");
    }

    // Node's invalidSegmentRegEx: an empty, ".", ".." or "node_modules" segment (also percent-encoded).
    [GeneratedRegex(@"(^|\\|/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))?(\\|/|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InvalidSegment();
}

/// <summary>A require that cannot be resolved: Node's <c>code</c> and message, and the extra properties Node sets.</summary>
internal sealed class ResolutionException : Exception
{
    public ResolutionException()
    {
        Code = "MODULE_NOT_FOUND";
    }

    public ResolutionException(string message)
        : base(message)
    {
        Code = "MODULE_NOT_FOUND";
    }

    public ResolutionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "MODULE_NOT_FOUND";
    }

    public ResolutionException(string code, string message, IReadOnlyDictionary<string, string>? properties = null)
        : base(message)
    {
        Code = code;
        Properties = properties;
    }

    public string Code { get; }

    /// <summary>Other string properties Node puts on the error (<c>path</c>, <c>requestPath</c>).</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; }

    /// <summary>Whether Node adds the require stack to this error (its final "Cannot find module").</summary>
    public bool WithRequireStack { get; init; }

    /// <summary>The error's constructor name: Node throws TypeError for some ERR_* codes.</summary>
    public string ErrorType { get; init; } = "Error";
}
