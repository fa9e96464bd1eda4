using System.Text;
using HooksDashboard.Execution.Node;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using Semver;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// Node's CommonJS loader for one invocation: <c>require</c> of the hook's npm packages (<see cref="PackageGraph"/>)
/// with Node 20's resolution (built-ins first, <c>main</c>, <c>exports</c>/<c>imports</c>, extensions and
/// <c>index</c> files, <c>.json</c>), the module wrapper and <c>module</c> objects, and a module cache that lives and
/// dies with the invocation's engine. Files are presented under virtual paths
/// (<c>/hook/node_modules/&lt;name&gt;/...</c>) and read only inside the folders of the graph's packages, through
/// the process-wide <see cref="PackageFiles"/> cache; a request never leaves the package it is made from.
/// Evaluating a module happens in one place (<see cref="Evaluate"/>), for warm engines to reuse.
/// </summary>
internal sealed partial class ModuleLoader
{
    /// <summary>The virtual folder holding the hook's packages.</summary>
    public const string NodeModulesFolder = "/hook/node_modules";

    private static readonly string[] Extensions = [".js", ".json", ".node"];

    private readonly NodeRuntime _runtime;
    private readonly PackageGraph _graph;
    private readonly Func<ObjectInstance?> _hookModule;
    private readonly Dictionary<InstalledPackage, PackageLocation> _locations = new(ReferenceEqualityComparer.Instance);
    private readonly ModuleRecord _hook;
    private JsObject? _cache;
    private HashSet<string>? _warnedMains;

    public ModuleLoader(NodeRuntime runtime, PackageGraph graph, Func<ObjectInstance?> hookModule)
    {
        _runtime = runtime;
        _graph = graph;
        _hookModule = hookModule;
        _hook = new ModuleRecord(NodeRuntime.HookFileName, null, null, null);
    }

    private Engine Engine => _runtime.Engine;

    /// <summary><c>require.cache</c>: virtual file name → module object; deleting an entry makes the next require load the file again, as in Node.</summary>
    private JsObject Cache => _cache ??= new JsObject(Engine);

    /// <summary>The hook's own <c>require</c> (with <c>resolve</c> and <c>cache</c>).</summary>
    public ClrFunction CreateHookRequire() => CreateRequire(_hook);

    /// <summary><c>require(id)</c> from the hook's script.</summary>
    public JsValue RequireFromHook(string id) => Require(_hook, id);

    private ClrFunction CreateRequire(ModuleRecord record)
    {
        var require = new ClrFunction(Engine, "require", (_, args) => Require(record, _runtime.RequireArgument(args)), 1);
        var resolve = new ClrFunction(Engine, "resolve", (_, args) => ResolveForScript(record, _runtime.RequireArgument(args)), 2);
        resolve.FastSetDataProperty("paths", new ClrFunction(Engine, "paths", (_, args) => LookupPaths(record, _runtime.RequireArgument(args)), 1));
        require.FastSetDataProperty("resolve", resolve);
        require.FastSetDataProperty("cache", Cache);
        require.FastSetDataProperty("main", MainModule());
        return require;
    }

    private JsObject? _main;

    /// <summary>
    /// <c>require.main</c>: the runner's entry module, not the hook's. Webtask compiled a hook as a child module of its
    /// own runtime, so in a hook <c>require.main === module</c> is false and code guarded by it (a local test harness
    /// at the bottom of the file) does not run. Its <c>require</c> resolves as the hook's does.
    /// </summary>
    internal JsObject MainModule()
    {
        if (_main is not null)
        {
            return _main;
        }

        var main = _main = new JsObject(Engine);
        main.Set("id", JsString.Create("."));
        main.Set("path", JsString.Create("/webtask"));
        main.Set("exports", new JsObject(Engine));
        main.Set("filename", JsString.Create("/webtask/index.js"));
        main.Set("loaded", JsBoolean.True);
        main.Set("children", new JsArray(Engine));
        main.Set("paths", new JsArray(Engine, NodeModulePaths("/webtask").Select(static p => (JsValue)JsString.Create(p)).ToArray()));
        main.Set("require", CreateHookRequire());
        return main;
    }

    private JsValue Require(ModuleRecord parent, string id)
    {
        if (IsBuiltin(id))
        {
            // Package code gets stand-ins for some modules refused to the hook's own code (NodeModules.ForPackages).
            return ReferenceEquals(parent, _hook) ? _runtime.Require(id) : _runtime.RequireForPackage(id);
        }

        ResolvedFile file;
        try
        {
            file = Resolve(parent, id);
        }
        catch (ResolutionException ex)
        {
            throw ToJavaScript(ex, parent);
        }

        return Load(file, parent);
    }

    /// <summary>Node's <c>BuiltinModule.canBeRequiredWithoutScheme</c>, plus every <c>node:</c> name (unknown ones fail there).</summary>
    public static bool IsBuiltin(string id) =>
        id.StartsWith("node:", StringComparison.Ordinal)
        || NodeModules.Provided.ContainsKey(id)
        || NodeModules.Refused.ContainsKey(id)
        || (NodeModules.NotYet.Contains(id) && id != "test"); // node:test only exists with its scheme

    private JsString ResolveForScript(ModuleRecord parent, string id)
    {
        if (IsBuiltin(id))
        {
            if (id.StartsWith("node:", StringComparison.Ordinal) && !IsBuiltin(id[5..]) && id != "node:test")
            {
                _runtime.Require(id); // throws Node's ERR_UNKNOWN_BUILTIN_MODULE
            }

            return JsString.Create(id);
        }

        try
        {
            return JsString.Create(Resolve(parent, id).VirtualPath);
        }
        catch (ResolutionException ex)
        {
            throw ToJavaScript(ex, parent);
        }
    }

    // require.resolve.paths: null for built-ins, the folder for relative requests, the node_modules chain otherwise.
    private JsValue LookupPaths(ModuleRecord parent, string id)
    {
        if (IsBuiltin(id))
        {
            return JsValue.Null;
        }

        var folder = parent.Directory ?? "/hook";
        if (IsRelative(id))
        {
            return new JsArray(Engine, [JsString.Create(folder)]);
        }

        return new JsArray(Engine, NodeModulePaths(folder).Select(static p => (JsValue)JsString.Create(p)).ToArray());
    }

    /// <summary>
    /// What a relative or absolute request from the hook names inside <see cref="NodeModulesFolder"/>, as a package
    /// request (<c>./node_modules/axios/lib/x</c> → <c>axios/lib/x</c>); null for any other path or request.
    /// </summary>
    internal static string? HookNodeModulesRequest(string request)
    {
        if (string.IsNullOrEmpty(request) || !(request[0] == '/' || IsRelative(request)) || request.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        const string Prefix = NodeModulesFolder + "/";
        var path = Normalize(request[0] == '/' ? request : "/hook/" + request);
        return path.StartsWith(Prefix, StringComparison.Ordinal) && path.Length > Prefix.Length ? path[Prefix.Length..] : null;
    }

    private static bool IsRelative(string id) =>
        id is "." or ".." || id.StartsWith("./", StringComparison.Ordinal) || id.StartsWith("../", StringComparison.Ordinal);

    // ---------------------------------------------------------------- resolution

    private ResolvedFile Resolve(ModuleRecord parent, string request)
    {
        if (request[0] == '#' && parent.Package is { } scoped && ReadPackageScope(scoped, parent.Directory!) is { Manifest.Imports: { } imports } scope)
        {
            var target = PackageExports.ResolveImport(imports, request, scope.JsonPath);
            if (target.StartsWith(PackageExports.BareImportPrefix, StringComparison.Ordinal))
            {
                return Resolve(parent, target[PackageExports.BareImportPrefix.Length..]);
            }

            return ExportedFile(scoped, scope.Folder, target, scope.JsonPath, request);
        }

        var absolute = request[0] == '/';
        if (absolute || IsRelative(request))
        {
            // The hook's folder holds nothing but its packages: a path into /hook/node_modules (Auth0 samples write
            // `require('./node_modules/axios')`) is the package's file or folder, found as Node finds a path (the
            // package's "main", not its "exports").
            if (parent.Package is not { } from)
            {
                if (HookNodeModulesRequest(request) is { } inside && SplitPackageName(inside) is ({ } insideName, var insidePath)
                    && PackageNamed(parent, inside, insideName) is ({ } insidePackage, var realName))
                {
                    var insideLocation = Locate(insidePackage, realName, null);
                    return FindInPackage(insideLocation, Normalize(insideLocation.Virtual + insidePath), HasTrailingSlash(request), request)
                        ?? throw NotFound(request);
                }

                throw NotFound(request);
            }

            var basePath = Normalize(absolute ? request : parent.Directory + "/" + request);
            return FindInPackage(from, basePath, HasTrailingSlash(request), request) ?? throw NotFound(request);
        }

        if (parent.Package is { } self && TrySelf(self, parent.Directory!, request) is { } selfFile)
        {
            return selfFile;
        }

        var (name, expansion) = SplitPackageName(request);
        if (name is null)
        {
            throw NotFound(request);
        }

        InstalledPackage? package;
        (package, name) = PackageNamed(parent, request, name);

        if (package is null)
        {
            throw NotFound(request);
        }

        var location = Locate(package, name, parent.Package);
        var manifest = PackageFiles.Manifest(location.Real + "/package.json");
        if (manifest is { Invalid: true })
        {
            throw InvalidConfig(location.Virtual + "/package.json");
        }

        if (manifest?.Exports is { ValueKind: not System.Text.Json.JsonValueKind.Null } exports)
        {
            var jsonPath = location.Virtual + "/package.json";
            var target = PackageExports.Resolve(exports, "." + expansion, jsonPath);
            return ExportedFile(location, location.Virtual, target, jsonPath, request);
        }

        return FindInPackage(location, Normalize(location.Virtual + expansion), HasTrailingSlash(request), request) ?? throw NotFound(request);
    }

    // Node's finalizeEsmResolution: an exports/imports target must be an existing file, taken as is (no extensions).
    private static ResolvedFile ExportedFile(PackageLocation location, string folder, string target, string jsonPath, string request)
    {
        var path = Normalize(folder + "/" + target);
        if (Kind(location, path) == PathKind.File)
        {
            return new ResolvedFile(location, path);
        }

        throw new ResolutionException("MODULE_NOT_FOUND", $"Cannot find module '{path}'", new Dictionary<string, string> { ["path"] = jsonPath });
    }

    // A package may require itself by its name through its own "exports" (Node's trySelf).
    private static ResolvedFile? TrySelf(PackageLocation location, string folder, string request)
    {
        if (ReadPackageScope(location, folder) is not { Manifest: { Name: { } name, Exports: { ValueKind: not System.Text.Json.JsonValueKind.Null } exports } } scope)
        {
            return null;
        }

        if (request != name && !request.StartsWith(name + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var target = PackageExports.Resolve(exports, "." + request[name.Length..], scope.JsonPath);
        return ExportedFile(location, scope.Folder, target, scope.JsonPath, request);
    }

    private static (string? Name, string Expansion) SplitPackageName(string request)
    {
        // Node's EXPORTS_PATTERN: ^((?:@[^/\\%]+\/)?[^./\\%][^/\\%]*)(\/.*)?$
        var slash = request.IndexOf('/', StringComparison.Ordinal);
        if (request[0] == '@')
        {
            if (slash < 2)
            {
                return (null, string.Empty);
            }

            var next = request.IndexOf('/', slash + 1);
            slash = next;
        }

        var name = slash < 0 ? request : request[..slash];
        var expansion = slash < 0 ? string.Empty : request[slash..];
        var last = name[(name.LastIndexOf('/') + 1)..];
        if (last.Length == 0 || last[0] == '.' || name.AsSpan().IndexOfAny('\\', '%') >= 0)
        {
            return (null, string.Empty);
        }

        return (name, expansion);
    }

    /// <summary>webtask's <c>require('name@version')</c>: the name and the version (or range) it pins, or null.</summary>
    private static (string Name, string Version)? WebtaskVersion(string name)
    {
        var at = name.LastIndexOf('@');
        return at > 0 && at < name.Length - 1 && !(name[0] == '@' && at < name.IndexOf('/', StringComparison.Ordinal))
            ? (name[..at], name[(at + 1)..])
            : null;
    }

    private InstalledPackage PinnedRoot(string request, string name, string version)
    {
        if (!_graph.Roots.TryGetValue(name, out var package))
        {
            throw NotFound(request, $"the hook's dependencies do not include '{name}'");
        }

        if (package.Version == version)
        {
            return package;
        }

        if (!SemVersion.TryParse(package.Version, SemVersionStyles.Strict, out var installed))
        {
            throw NotFound(request, $"the hook's dependencies have {name} {package.Version}, not {version}");
        }

        if (!SemVersionRange.TryParseNpm(version, out var range))
        {
            throw NotFound(request, $"'{version}' is not a valid version or range (the hook's dependencies have {name} {package.Version})");
        }

        return range.Contains(installed)
            ? package
            : throw NotFound(request, $"the hook's dependencies have {name} {package.Version}, which does not satisfy {version}");
    }

    /// <summary>
    /// A bare name: the hook's own dependencies from the hook; from a package, its dependencies, the package itself,
    /// then the hook's dependencies (Node's walk up the node_modules folders ends in the hook's own).
    /// </summary>
    private InstalledPackage? FindPackage(PackageLocation? from, string name)
    {
        if (from is not null)
        {
            if (from.Package.Dependencies.TryGetValue(name, out var dependency))
            {
                return dependency;
            }

            if (from.Key == name)
            {
                return from.Package;
            }
        }

        return _graph.Roots.GetValueOrDefault(name);
    }

    /// <summary>Where a package appears: <c>/hook/node_modules/name</c> for the hook's own, nested under its dependant otherwise.</summary>
    private PackageLocation Locate(InstalledPackage package, string key, PackageLocation? via)
    {
        if (_locations.TryGetValue(package, out var known))
        {
            return known;
        }

        var root = _graph.Roots.TryGetValue(key, out var candidate) && ReferenceEquals(candidate, package);
        var folder = root || via is null ? $"{NodeModulesFolder}/{key}" : $"{via.Virtual}/node_modules/{key}";
        var real = Path.TrimEndingDirectorySeparator(Path.GetFullPath(package.Directory));
        var location = new PackageLocation(package, key, folder, real);
        _locations[package] = location;
        return location;
    }

    // Node's _findPath for one base path: X, X.js, X.json, X.node, then X as a folder.
    private ResolvedFile? FindInPackage(PackageLocation location, string basePath, bool trailingSlash, string request)
    {
        if (!trailingSlash)
        {
            if (Kind(location, basePath) == PathKind.File)
            {
                return new ResolvedFile(location, basePath);
            }

            if (TryExtensions(location, basePath) is { } withExtension)
            {
                return withExtension;
            }
        }

        return Kind(location, basePath) == PathKind.Directory ? TryPackage(location, basePath, request) : null;
    }

    private static ResolvedFile? TryExtensions(PackageLocation location, string basePath)
    {
        foreach (var extension in Extensions)
        {
            if (Kind(location, basePath + extension) == PathKind.File)
            {
                return new ResolvedFile(location, basePath + extension);
            }
        }

        return null;
    }

    // Node's tryPackage: the folder's package.json "main" (as a file, with extensions, as a folder's index), else index.
    private ResolvedFile? TryPackage(PackageLocation location, string folder, string request)
    {
        var manifest = Kind(location, folder + "/package.json") == PathKind.File ? PackageFiles.Manifest(Real(location, folder + "/package.json")) : null;
        if (manifest is { Invalid: true })
        {
            throw InvalidConfig(folder + "/package.json");
        }

        if (string.IsNullOrEmpty(manifest?.Main))
        {
            return TryExtensions(location, folder + "/index");
        }

        var main = Normalize(manifest.Main.StartsWith('/') ? manifest.Main : folder + "/" + manifest.Main);
        var found = (Kind(location, main) == PathKind.File ? new ResolvedFile(location, main) : null)
            ?? TryExtensions(location, main)
            ?? TryExtensions(location, main + "/index");
        if (found is null && TryExtensions(location, folder + "/index") is { } index)
        {
            if ((_warnedMains ??= new(StringComparer.Ordinal)).Add(folder))
            {
                var emitWarning = _runtime.Require("process").Get("emitWarning");
                Engine.Call(emitWarning, JsValue.Undefined, [
                    JsString.Create($"Invalid 'main' field in '{folder}/package.json' of '{manifest.Main}'. Please either fix that or report it to the module author"),
                    JsString.Create("DeprecationWarning"),
                    JsString.Create("DEP0128"),
                ]);
            }

            return index;
        }

        return found ?? throw new ResolutionException("MODULE_NOT_FOUND",
            $"Cannot find module '{main}'. Please verify that the package.json has a valid \"main\" entry",
            new Dictionary<string, string> { ["path"] = folder + "/package.json", ["requestPath"] = request });
    }

    /// <summary>The nearest package.json from <paramref name="folder"/> up to the package's own folder (Node's readPackageScope).</summary>
    private static PackageScope? ReadPackageScope(PackageLocation location, string folder)
    {
        for (var current = folder; Contains(location, current); current = current[..current.LastIndexOf('/')])
        {
            var jsonPath = current + "/package.json";
            if (Kind(location, jsonPath) == PathKind.File && PackageFiles.Manifest(Real(location, jsonPath)) is { } manifest)
            {
                return manifest.Invalid ? throw InvalidConfig(jsonPath) : new PackageScope(current, jsonPath, manifest);
            }

            if (current == location.Virtual)
            {
                break;
            }
        }

        return null;
    }

    private static bool HasTrailingSlash(string request) =>
        request.EndsWith('/') || request is "." or ".." || request.EndsWith("/.", StringComparison.Ordinal) || request.EndsWith("/..", StringComparison.Ordinal);

    /// <summary>
    /// The package a bare request names, seen from <paramref name="parent"/>: from the hook itself webtask's
    /// <c>name@version</c> picks the root package (the name comes back without its version), else Node's walk up
    /// the <c>node_modules</c> folders. Shared by <c>require</c> and <c>import</c>.
    /// </summary>
    private (InstalledPackage? Package, string Name) PackageNamed(ModuleRecord parent, string request, string name) =>
        parent.Package is null && WebtaskVersion(name) is { } pinned
            ? (PinnedRoot(request, pinned.Name, pinned.Version), pinned.Name)
            : (FindPackage(parent.Package, name), name);

    private static bool Contains(PackageLocation location, string path) =>
        path == location.Virtual || (path.StartsWith(location.Virtual, StringComparison.Ordinal) && path.Length > location.Virtual.Length && path[location.Virtual.Length] == '/');

    private static string Real(PackageLocation location, string path) => location.Real + path[location.Virtual.Length..];

    /// <summary>What a virtual path holds, read only when it lies inside <paramref name="location"/>'s folder.</summary>
    private static PathKind Kind(PackageLocation location, string path)
    {
        if (!Contains(location, path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return PathKind.None;
        }

        // Every folder between the package's own and the path must be a real folder: a link could lead outside it.
        for (var slash = path.Length > location.Virtual.Length ? path.IndexOf('/', location.Virtual.Length + 1) : -1; slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            if (PackageFiles.KindOf(Real(location, path[..slash])) != PathKind.Directory)
            {
                return PathKind.None;
            }
        }

        return PackageFiles.KindOf(Real(location, path));
    }

    /// <summary>POSIX <c>path.resolve</c> of an absolute path: no <c>.</c>, <c>..</c>, empty segments or trailing slash.</summary>
    internal static string Normalize(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>Node's <c>Module._nodeModulePaths</c> for a virtual folder.</summary>
    private static List<string> NodeModulePaths(string folder)
    {
        var paths = new List<string>();
        var segments = folder.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length; i > 0; i--)
        {
            if (segments[i - 1] == "node_modules")
            {
                continue;
            }

            paths.Add("/" + string.Join('/', segments.Take(i)) + "/node_modules");
        }

        paths.Add("/node_modules");
        return paths;
    }

    // ---------------------------------------------------------------- loading

    private JsValue Load(ResolvedFile file, ModuleRecord parent)
    {
        var filename = file.VirtualPath;
        if (Cache.Get(filename) is ObjectInstance cached)
        {
            AddChild(parent, cached);
            return cached.Get("exports");
        }

        if (Accelerated(file) is { } accelerated)
        {
            return accelerated;
        }

        var extension = LongestExtension(filename);
        if (extension == ".node")
        {
            throw _runtime.Error(Engine.Intrinsics.Error, "ERR_HOOKS_NATIVE_ADDON",
                $"Cannot load native add-on {filename}: hooks run in a JavaScript engine, which cannot load compiled Node add-ons");
        }

        if (IsEsModule(file))
        {
            return RequireEsm(file, parent);
        }

        var record = new ModuleRecord(filename, Dirname(filename), file.Package, parent);
        var module = CreateModule(record, parent);
        Cache.Set(filename, module);
        AddChild(parent, module);
        // Module evaluation: counted apart from the call's memory (InvocationAllocationConstraint.BeginModuleLoad).
        var allocations = _runtime.Allocations;
        allocations?.BeginModuleLoad();
        try
        {
            if (extension == ".json")
            {
                module.Set("exports", ParseJson(file));
            }
            else
            {
                Evaluate(record, module);
            }
        }
        catch
        {
            // As Node: a module that threw while loading is forgotten, so a later require tries again.
            Cache.Delete(filename);
            RemoveChild(parent, module);
            throw;
        }
        finally
        {
            allocations?.EndModuleLoad();
        }

        module.Set("loaded", JsBoolean.True);
        return module.Get("exports");
    }

    /// <summary>
    /// Runs a module's code: its prepared wrapper (shared by every engine) evaluated in this engine and called with
    /// <c>this</c> = <c>module.exports</c>. The one place module code runs, so a warm engine pool can reuse it.
    /// </summary>
    private void Evaluate(ModuleRecord record, ObjectInstance module)
    {
        var prepared = PackageFiles.Script(Real(record.Package!, record.Filename), record.Filename);
        if (prepared.ReadProblem is { } problem)
        {
            throw _runtime.Error(Engine.Intrinsics.Error, "ERR_HOOKS_MODULE_UNREADABLE", $"Cannot load {record.Filename}: {problem}");
        }

        if (prepared.Syntax is { } syntax)
        {
            throw SyntaxError(record.Filename, syntax);
        }

        var wrapper = NodeRuntime.EvaluateWithoutJobs(Engine, prepared.Script!.Value);
        var exports = module.Get("exports");
        record.Require = CreateRequire(record);
        module.FastSetProperty("require", new PropertyDescriptor(record.Require, PropertyFlag.NonEnumerable | PropertyFlag.Writable | PropertyFlag.Configurable));
        Engine.Call(wrapper, exports, [exports, record.Require, module, JsString.Create(record.Filename), JsString.Create(record.Directory!)]);
    }

    private JavaScriptException SyntaxError(string filename, SyntaxProblem syntax)
    {
        var error = NewSyntaxError($"{syntax.Description} ({filename}:{syntax.Line}:{syntax.Column})");
        // Node's report of a syntax error in a required file: the place, the line and a caret.
        var caret = new string(' ', Math.Clamp(syntax.Column - 1, 0, syntax.SourceLine.Length)) + "^";
        error.Set("stack", JsString.Create($"{filename}:{syntax.Line}\n{syntax.SourceLine}\n{caret}\n\nSyntaxError: {syntax.Description}"));
        return new JavaScriptException(error);
    }

    private JsValue ParseJson(ResolvedFile file)
    {
        var text = PackageFiles.Text(Real(file.Package, file.VirtualPath));
        if (text.Text is null)
        {
            throw _runtime.Error(Engine.Intrinsics.Error, "ERR_HOOKS_MODULE_UNREADABLE", $"Cannot load {file.VirtualPath}: {text.Problem}");
        }

        if (JsonErrorText.Describe(text.Text) is { } message)
        {
            throw new JavaScriptException(NewSyntaxError($"{file.VirtualPath}: {message}"));
        }

        try
        {
            return new JsonParser(Engine).Parse(text.Text);
        }
        catch (JavaScriptException ex)
        {
            // Grammar V8 accepts but Jint's parser refuses (nesting deeper than it allows).
            throw new JavaScriptException(NewSyntaxError($"{file.VirtualPath}: {ex.Message}"));
        }
    }

    // Jint keeps its SyntaxError constructor internal; its JSON parser throws a genuine instance (the global
    // SyntaxError may have been replaced by script), whose message is then set.
    private ObjectInstance NewSyntaxError(string message)
    {
        try
        {
            new JsonParser(Engine).Parse(string.Empty);
        }
        catch (JavaScriptException ex) when (ex.Error is ObjectInstance error)
        {
            error.DefineOwnProperty("message", new PropertyDescriptor(JsString.Create(message), PropertyFlag.NonEnumerable | PropertyFlag.Writable | PropertyFlag.Configurable));
            error.DefineOwnProperty("stack", new PropertyDescriptor(JsString.Create("SyntaxError: " + message), PropertyFlag.NonEnumerable | PropertyFlag.Writable | PropertyFlag.Configurable));
            return error;
        }

        throw new InvalidOperationException("Jint's JSON parser accepted an empty text");
    }

    private JsObject CreateModule(ModuleRecord record, ModuleRecord parent)
    {
        var module = new JsObject(Engine);
        module.Set("id", JsString.Create(record.Filename));
        module.Set("path", JsString.Create(record.Directory!));
        module.Set("exports", new JsObject(Engine));
        module.Set("filename", JsString.Create(record.Filename));
        module.Set("loaded", JsBoolean.False);
        module.Set("children", new JsArray(Engine));
        module.Set("paths", new JsArray(Engine, NodeModulePaths(record.Directory!).Select(static p => (JsValue)JsString.Create(p)).ToArray()));
        var parentModule = parent.Package is null ? _hookModule() : parent.Module;
        module.FastSetProperty("parent", new PropertyDescriptor(parentModule ?? (JsValue)JsValue.Undefined, PropertyFlag.NonEnumerable | PropertyFlag.Writable | PropertyFlag.Configurable));
        record.Module = module;
        return module;
    }

    private void AddChild(ModuleRecord parent, ObjectInstance child)
    {
        if ((parent.Package is null ? _hookModule() : parent.Module) is not { } parentModule || parentModule.Get("children") is not JsArray children)
        {
            return;
        }

        for (uint i = 0; i < children.Length; i++)
        {
            if (ReferenceEquals(children.Get(i), child))
            {
                return;
            }
        }

        children.Push(child);
    }

    private void RemoveChild(ModuleRecord parent, ObjectInstance child)
    {
        if ((parent.Package is null ? _hookModule() : parent.Module)?.Get("children") is JsArray children)
        {
            var length = children.Length;
            for (uint i = 0; i < length; i++)
            {
                if (ReferenceEquals(children.Get(i), child))
                {
                    for (var j = i; j + 1 < length; j++)
                    {
                        children.Set(j, children.Get(j + 1));
                    }

                    children.Set("length", length - 1);
                    return;
                }
            }
        }
    }

    // Node's findLongestRegisteredExtension: ".js" for anything it does not know.
    private static string LongestExtension(string filename)
    {
        var name = filename[(filename.LastIndexOf('/') + 1)..];
        for (var dot = name.IndexOf('.', 1); dot > 0; dot = name.IndexOf('.', dot + 1))
        {
            var extension = name[dot..];
            if (Array.IndexOf(Extensions, extension) >= 0)
            {
                return extension;
            }
        }

        return ".js";
    }

    private static string Dirname(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    // ---------------------------------------------------------------- errors

    private static ResolutionException NotFound(string request, string? why = null) =>
        new("MODULE_NOT_FOUND", why is null ? $"Cannot find module '{request}'" : $"Cannot find module '{request}': {why}") { WithRequireStack = true };

    private static ResolutionException InvalidConfig(string jsonPath) =>
        new("ERR_INVALID_PACKAGE_CONFIG", $"Invalid package config {jsonPath}.");

    private JavaScriptException ToJavaScript(ResolutionException exception, ModuleRecord parent)
    {
        var stack = new List<string>();
        for (var cursor = parent; cursor is not null; cursor = cursor.Parent)
        {
            stack.Add(cursor.Filename);
        }

        var message = exception.WithRequireStack
            ? new StringBuilder(exception.Message).Append("\nRequire stack:\n- ").AppendJoin("\n- ", stack).ToString()
            : exception.Message;
        var constructor = exception.ErrorType == "TypeError" ? Engine.Intrinsics.TypeError : Engine.Intrinsics.Error;
        var error = (ObjectInstance)Engine.Construct(constructor, [JsString.Create(message)]);
        error.Set("code", JsString.Create(exception.Code));
        if (exception.WithRequireStack)
        {
            error.Set("requireStack", new JsArray(Engine, stack.Select(static s => (JsValue)JsString.Create(s)).ToArray()));
        }

        foreach (var (key, value) in exception.Properties ?? new Dictionary<string, string>())
        {
            error.Set(key, JsString.Create(value));
        }

        return new JavaScriptException(error);
    }

    /// <summary>A package as this invocation presents it: the name it was required by, its virtual and real folders.</summary>
    /// <summary>
    /// The exports the engine gives natively for a script file of a package it does not evaluate (AcceleratedPackages);
    /// its other files (package.json) read as usual.
    /// </summary>
    private JsValue? Accelerated(ResolvedFile file)
    {
        var package = file.Package.Package;
        if (AcceleratedPackages.ExportOf(package.Name, package.Version) is not { } export
            || LongestExtension(file.VirtualPath) is not (".js" or ".cjs" or ".mjs"))
        {
            return null;
        }

        // bcrypt's promises.js is a helper of its own that code may require by path.
        return _runtime.RequireInternal("internal/bcrypt").Get(export == "bcrypt" && file.VirtualPath.EndsWith("/promises.js", StringComparison.Ordinal)
            ? "bcryptPromises"
            : export);
    }

    private sealed record PackageLocation(InstalledPackage Package, string Key, string Virtual, string Real);

    private sealed record ResolvedFile(PackageLocation Package, string VirtualPath);

    private sealed record PackageScope(string Folder, string JsonPath, PackageJson Manifest);

    /// <summary>A loaded (or loading) module, or the hook itself (no package, no folder).</summary>
    private sealed class ModuleRecord(string filename, string? directory, PackageLocation? package, ModuleRecord? parent)
    {
        public string Filename { get; } = filename;

        public string? Directory { get; } = directory;

        public PackageLocation? Package { get; } = package;

        public ModuleRecord? Parent { get; } = parent;

        public ObjectInstance? Module { get; set; }

        public ClrFunction? Require { get; set; }
    }
}
