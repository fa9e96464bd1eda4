using System.Text;
using System.Text.Json;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;
using Jint.Runtime.Modules;
using JintModule = Jint.Runtime.Modules.Module;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// ES modules, as Node 20.20 loads them: <c>import</c>/<c>export</c> files (<c>.mjs</c>, or <c>.js</c> under a
/// <c>"type": "module"</c> package.json) run as Jint source text modules in the invocation's engine, found with the
/// <c>import</c> condition; CommonJS files and built-ins imported from them appear as modules whose <c>default</c>
/// is <c>module.exports</c> and whose named exports are the names Node's cjs-module-lexer would detect
/// (<see cref="CommonJsExportNames"/>); <c>require()</c> of an ES module returns its namespace (Node's require(esm):
/// the <c>"module.exports"</c> export when there is one, <c>__esModule: true</c> added when there is a default
/// export, <c>ERR_REQUIRE_ASYNC_MODULE</c> for a graph with top-level <c>await</c>); <c>import()</c> works from
/// CommonJS code. The same package graph, file cache and engine (so the same deadline, memory and recursion
/// limits) serve both systems; each engine keeps its own module records, as it keeps <c>require.cache</c>.
/// </summary>
internal sealed partial class ModuleLoader
{
    /// <summary>The specifier of the module whose default export loads CommonJS files and built-ins for ES modules.</summary>
    internal const string HostSpecifier = "\0hooksdashboard:commonjs";

    private const string FacadePrefix = "\0hooksdashboard:require-esm:";

    private readonly Dictionary<string, JintModule> _esModules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResolvedFile> _esFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsValue> _requiredEsm = new(StringComparer.Ordinal);
    private ClrFunction? _hostLoad;
    private (ModuleRecord Parent, string Filename)? _requiringEsm;

    /// <summary>
    /// The key Jint knows a module by (<see cref="EsmModuleHost.Resolve"/>): an absolute virtual path for a file, or
    /// <c>\0referrer\0specifier</c> for a bare specifier (resolved here, where the invocation's graph is known), or
    /// one of this loader's internal specifiers. Files are one record each whatever the key that reached them.
    /// </summary>
    // An ES module's functions keep their source text, as the CommonJS files' do (Function.prototype.toString).
    private static readonly ModuleParsingOptions SourceKept = ModuleParsingOptions.Default with { RetainFunctionSourceText = true };

    /// <summary>Whether an ES module (or the host's facade) was asked for in this engine: only then can Jint's module evaluation reject promises of its own.</summary>
    public bool LoadedEsModules { get; private set; }

    public JintModule LoadEsModule(ResolvedSpecifier resolved)
    {
        LoadedEsModules = true;
        var key = resolved.Key;
        if (key == HostSpecifier)
        {
            return Cached(key, () => ModuleFactory.BuildJsonModule(Engine, HostLoad, key));
        }

        if (key.StartsWith(FacadePrefix, StringComparison.Ordinal))
        {
            // require(esm) of a module with a default export: its namespace plus __esModule, as Node 20.20 returns it.
            var target = JsonSerializer.Serialize(key[FacadePrefix.Length..]);
            return Cached(key, () => ModuleFactory.BuildSourceTextModule(Engine, resolved,
                $"export * from {target};\nexport {{ default }} from {target};\nexport const __esModule = true;\n"));
        }

        ResolvedFile file;
        var parent = _hook;
        try
        {
            if (key[0] == '\0')
            {
                var separator = key.IndexOf('\0', 1);
                var referrer = key[1..separator];
                var specifier = key[(separator + 1)..];
                parent = RecordAt(referrer);
                if (IsBuiltin(specifier))
                {
                    return BuiltinModule(specifier, parent);
                }

                file = ResolveImport(parent, specifier);
            }
            else
            {
                file = FileAt(key) ?? throw new ResolutionException("ERR_MODULE_NOT_FOUND",
                    $"Cannot find module '{key}' imported from {EsmModuleHost.ImporterOf(key) ?? _hook.Filename}");
            }
        }
        catch (ResolutionException ex) when (ex.Code == "ERR_PACKAGE_PATH_NOT_EXPORTED")
        {
            // Node's ES module resolver names the importer after the exports error.
            throw ToJavaScript(new ResolutionException(ex.Code, ex.Message + " imported from " + parent.Filename, ex.Properties), parent);
        }
        catch (ResolutionException ex)
        {
            throw ToJavaScript(ex, parent);
        }

        return ModuleFor(file, resolved.ModuleRequest);
    }

    /// <summary>Node's require(esm): the namespace of an ES module graph evaluated synchronously.</summary>
    private JsValue RequireEsm(ResolvedFile file, ModuleRecord parent)
    {
        var path = file.VirtualPath;
        if (_requiredEsm.TryGetValue(path, out var known))
        {
            return known;
        }

        _esFiles[path] = file;
        var outer = _requiringEsm;
        _requiringEsm = (parent, path);
        ObjectInstance namespaceObject;
        try
        {
            namespaceObject = Engine.Modules.Import(path);
        }
        finally
        {
            _requiringEsm = outer;
        }

        JsValue result = namespaceObject;
        if (namespaceObject.HasProperty("module.exports"))
        {
            result = namespaceObject.Get("module.exports");
        }
        else if (namespaceObject.HasProperty("default"))
        {
            result = Engine.Modules.Import(FacadePrefix + path);
        }

        _requiredEsm[path] = result;
        return result;
    }

    private JintModule Cached(string key, Func<JintModule> build)
    {
        if (!_esModules.TryGetValue(key, out var module))
        {
            module = build();
            _esModules[key] = module;
        }

        return module;
    }

    /// <summary>The module of a resolved file: an ES module's source, a JSON module, or a CommonJS file seen from ES modules.</summary>
    private JintModule ModuleFor(ResolvedFile file, ModuleRequest request)
    {
        var path = file.VirtualPath;
        if (_esModules.TryGetValue(path, out var known))
        {
            return known;
        }

        _esFiles[path] = file;
        var specifier = new ResolvedSpecifier(request, path, Uri: null, SpecifierType.Bare);
        JintModule module;
        if (LongestExtension(path) == ".node")
        {
            throw _runtime.Error(Engine.Intrinsics.Error, "ERR_HOOKS_NATIVE_ADDON",
                $"Cannot load native add-on {path}: hooks run in a JavaScript engine, which cannot load compiled Node add-ons");
        }

        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            if (!request.IsJsonModule())
            {
                throw _runtime.Error(Engine.Intrinsics.TypeError, "ERR_IMPORT_ATTRIBUTE_MISSING",
                    $"Module \"file://{path}\" needs an import attribute of \"type: json\"");
            }

            module = ModuleFactory.BuildJsonModule(Engine, ParseJson(file), path);
        }
        else if (IsEsModule(file))
        {
            var text = SourceOf(file);
            if (_requiringEsm is { } requiring && HasTopLevelAwait(text, path))
            {
                throw _runtime.Error(Engine.Intrinsics.Error, "ERR_REQUIRE_ASYNC_MODULE",
                    "require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.\n"
                    + $"  From {requiring.Parent.Filename} \n  Requiring {requiring.Filename} ");
            }

            // Module code runs inside the invocation, so the deadline, memory and recursion limits cover it.
            module = ModuleFactory.BuildSourceTextModule(Engine, specifier, text, SourceKept);
        }
        else
        {
            module = ModuleFactory.BuildSourceTextModule(Engine, specifier, CommonJsFacade(path, CommonJsExportNames(file)));
        }

        _esModules[path] = module;
        return module;
    }

    private JintModule BuiltinModule(string specifier, ModuleRecord parent)
    {
        // Package code gets the packages' stand-ins, as with require.
        var forHook = ReferenceEquals(parent, _hook);
        var exports = forHook ? _runtime.Require(specifier) : _runtime.RequireForPackage(specifier);
        var key = (forHook ? "\0builtin:hook:" : "\0builtin:package:") + specifier;
        var names = exports.GetOwnPropertyKeys(Types.String)
            .Where(k => exports.GetOwnProperty(k).Enumerable)
            .Select(static k => k.ToString())
            .ToList();
        return Cached(key, () => ModuleFactory.BuildSourceTextModule(Engine,
            new ResolvedSpecifier(new ModuleRequest(key, []), key, Uri: null, SpecifierType.Bare), CommonJsFacade(key, names)));
    }

    /// <summary>
    /// A CommonJS module seen from ES modules (Node's commonjs translator): evaluated when the importing graph
    /// evaluates, <c>default</c> = <c>module.exports</c>, each detected name a snapshot of its property.
    /// </summary>
    private static string CommonJsFacade(string id, IEnumerable<string> names)
    {
        var source = new StringBuilder();
        source.Append("import load from ").Append(JsonSerializer.Serialize(HostSpecifier)).Append(";\n");
        source.Append("const exports = load(").Append(JsonSerializer.Serialize(id)).Append(");\n");
        source.Append("export default exports;\n");
        var index = 0;
        foreach (var name in names.Where(static n => n != "default").Distinct(StringComparer.Ordinal))
        {
            var quoted = JsonSerializer.Serialize(name);
            source.Append("const _").Append(index).Append(" = exports[").Append(quoted).Append("];\n");
            source.Append("export { _").Append(index).Append(" as ").Append(quoted).Append(" };\n");
            index++;
        }

        return source.ToString();
    }

    /// <summary>The host module's function: runs a CommonJS file (or gives a built-in) for an ES module importing it.</summary>
    private ClrFunction HostLoad => _hostLoad ??= new ClrFunction(Engine, "load", (_, args) =>
    {
        var id = args.Length > 0 ? args[0].ToString() : string.Empty;
        if (id.StartsWith("\0builtin:hook:", StringComparison.Ordinal))
        {
            return _runtime.Require(id["\0builtin:hook:".Length..]);
        }

        if (id.StartsWith("\0builtin:package:", StringComparison.Ordinal))
        {
            return _runtime.RequireForPackage(id["\0builtin:package:".Length..]);
        }

        if (!_esFiles.TryGetValue(id, out var file))
        {
            throw new JavaScriptException(Engine.Intrinsics.Error, $"Cannot find module '{id}'");
        }

        // Node gives a CommonJS module loaded by an ES module no parent module.
        return Load(file, new ModuleRecord(file.VirtualPath, Dirname(file.VirtualPath), file.Package, null));
    }, 1);

    private static bool IsEsModule(ResolvedFile file) =>
        file.VirtualPath.EndsWith(".mjs", StringComparison.Ordinal)
        || (file.VirtualPath.EndsWith(".js", StringComparison.Ordinal) && ReadPackageScope(file.Package, Dirname(file.VirtualPath)) is { Manifest.Type: "module" });

    private string SourceOf(ResolvedFile file)
    {
        var text = PackageFiles.ModuleText(Real(file.Package, file.VirtualPath));
        return text.Text ?? throw _runtime.Error(Engine.Intrinsics.Error, "ERR_HOOKS_MODULE_UNREADABLE", $"Cannot load {file.VirtualPath}: {text.Problem}");
    }

    /// <summary>The record of an importing file: a file of one of the graph's packages, else the hook.</summary>
    private ModuleRecord RecordAt(string referrer)
    {
        if (referrer.Length > 0 && referrer[0] == '/')
        {
            PackageLocation? best = null;
            foreach (var location in _locations.Values)
            {
                if (Contains(location, referrer) && (best is null || location.Virtual.Length > best.Virtual.Length))
                {
                    best = location;
                }
            }

            if (best is not null)
            {
                return new ModuleRecord(referrer, Dirname(referrer), best, null);
            }
        }

        return _hook;
    }

    /// <summary>A file given by absolute virtual path (a relative import, resolved against its importer's path): it must exist, as is.</summary>
    private ResolvedFile? FileAt(string path)
    {
        // The deepest package holding the path: /hook/node_modules/a also "contains" a's nested
        // /hook/node_modules/a/node_modules/b/..., whose files live in b's own folder of the package cache.
        PackageLocation? owner = null;
        foreach (var location in _locations.Values)
        {
            if (Contains(location, path) && (owner is null || location.Virtual.Length > owner.Virtual.Length))
            {
                owner = location;
            }
        }

        if (owner is null)
        {
            return null;
        }

        var kind = Kind(owner, path);
        if (kind == PathKind.Directory)
        {
            throw new ResolutionException("ERR_UNSUPPORTED_DIR_IMPORT", $"Directory import '{path}' is not supported resolving ES modules");
        }

        return kind == PathKind.File ? new ResolvedFile(owner, path) : null;
    }

    /// <summary>
    /// Node 20's ES module resolution of a bare or <c>#</c> specifier: <c>imports</c>/<c>exports</c> with the
    /// <c>import</c> condition, a package without <c>exports</c> by its <c>main</c> (legacy main resolve), a subpath as
    /// an exact file (no extensions, no folder index).
    /// </summary>
    private ResolvedFile ResolveImport(ModuleRecord parent, string request)
    {
        if (request[0] == '#' && parent.Package is { } scoped && ReadPackageScope(scoped, parent.Directory!) is { Manifest.Imports: { } imports } scope)
        {
            var target = PackageExports.ResolveImport(imports, request, scope.JsonPath, PackageExports.ImportConditions);
            if (target.StartsWith(PackageExports.BareImportPrefix, StringComparison.Ordinal))
            {
                return ResolveImport(parent, target[PackageExports.BareImportPrefix.Length..]);
            }

            return ExportedFile(scoped, scope.Folder, target, scope.JsonPath, request);
        }

        if (request[0] == '/' || IsRelative(request))
        {
            // The hook's script has no folder, and a path from a package file that leaves its package is not followed
            // (as with require; EsmModuleHost.Resolve hands such a path over already resolved).
            throw new ResolutionException("ERR_MODULE_NOT_FOUND", $"Cannot find module '{request}' imported from {parent.Filename}");
        }

        if (parent.Package is { } self && ReadPackageScope(self, parent.Directory!) is { Manifest: { Name: { } selfName, Exports: { ValueKind: not JsonValueKind.Null } selfExports } } selfScope
            && (request == selfName || request.StartsWith(selfName + "/", StringComparison.Ordinal)))
        {
            var target = PackageExports.Resolve(selfExports, "." + request[selfName.Length..], selfScope.JsonPath, PackageExports.ImportConditions);
            return ExportedFile(self, selfScope.Folder, target, selfScope.JsonPath, request);
        }

        var (name, expansion) = SplitPackageName(request);
        if (name is null)
        {
            throw new ResolutionException("ERR_INVALID_MODULE_SPECIFIER", $"Invalid module \"{request}\" is not a valid package name imported from {parent.Filename}") { ErrorType = "TypeError" };
        }

        InstalledPackage? package;
        (package, name) = PackageNamed(parent, request, name);

        if (package is null)
        {
            throw new ResolutionException("ERR_MODULE_NOT_FOUND", $"Cannot find package '{name}' imported from {parent.Filename}");
        }

        var location = Locate(package, name, parent.Package);
        var manifest = PackageFiles.Manifest(location.Real + "/package.json");
        if (manifest is { Invalid: true })
        {
            throw InvalidConfig(location.Virtual + "/package.json");
        }

        if (manifest?.Exports is { ValueKind: not JsonValueKind.Null } exports)
        {
            var jsonPath = location.Virtual + "/package.json";
            var target = PackageExports.Resolve(exports, "." + expansion, jsonPath, PackageExports.ImportConditions);
            return ExportedFile(location, location.Virtual, target, jsonPath, request);
        }

        if (expansion.Length == 0)
        {
            return TryPackage(location, location.Virtual, request)
                ?? throw new ResolutionException("ERR_MODULE_NOT_FOUND", $"Cannot find package '{location.Virtual}' imported from {parent.Filename}");
        }

        var path = Normalize(location.Virtual + expansion);
        return FileAt(path) ?? throw new ResolutionException("ERR_MODULE_NOT_FOUND", $"Cannot find module '{path}' imported from {parent.Filename}");
    }

    /// <summary>Whether an ES module's top level awaits (<c>await</c> or <c>for await</c> outside any function).</summary>
    private static bool HasTopLevelAwait(string source, string path)
    {
        if (!source.Contains("await", StringComparison.Ordinal))
        {
            return false;
        }

        Acornima.Ast.Module program;
        try
        {
            program = new Parser().ParseModule(source, path);
        }
        catch (ParseErrorException)
        {
            return false; // the module build reports the syntax error
        }

        var pending = new Stack<Acornima.Ast.Node>();
        pending.Push(program);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is AwaitExpression || node is ForOfStatement { Await: true })
            {
                return true;
            }

            foreach (var child in node.ChildNodes)
            {
                if (child is not IFunction)
                {
                    pending.Push(child);
                }
            }
        }

        return false;
    }
}
