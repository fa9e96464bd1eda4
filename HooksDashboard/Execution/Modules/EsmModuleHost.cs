using System.Runtime.CompilerServices;
using Jint;
using Jint.Runtime;
using Jint.Runtime.Modules;
using JintModule = Jint.Runtime.Modules.Module;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// The module loader of every hook engine (one instance, shared by the engines' options): <c>import</c> and
/// <c>import()</c> are answered by the invocation's <see cref="ModuleLoader"/>, which each engine registers here.
/// <see cref="Resolve"/> sees no engine, so it only turns a relative specifier into the absolute virtual path it
/// names (files are keyed by path, one record each) and leaves bare specifiers to <see cref="LoadModule"/>, which
/// resolves them against the engine's package graph. An engine without a registered loader refuses every import
/// with a catchable error (<see cref="UnsupportedModuleLoader.Message"/>).
/// </summary>
internal sealed class EsmModuleHost : IModuleLoader
{
    private static readonly ConditionalWeakTable<Engine, Func<ModuleLoader>> Loaders = new();

    // Who asked for a path, for the "imported from" of a not-found error: Jint resolves and loads on the engine's
    // thread, one request after the other, and a path key no longer names its importer.
    [ThreadStatic]
    private static Dictionary<string, string>? _importers;

    public static EsmModuleHost Instance { get; } = new();

    private EsmModuleHost()
    {
    }

    /// <summary>Makes <paramref name="engine"/>'s imports load through the loader <paramref name="loader"/> gives (created on first use).</summary>
    public static void Register(Engine engine, Func<ModuleLoader> loader) => Loaders.AddOrUpdate(engine, loader);

    public ResolvedSpecifier Resolve(string? referencingModuleLocation, ModuleRequest moduleRequest)
    {
        var specifier = moduleRequest.Specifier;
        var referrer = referencingModuleLocation ?? string.Empty;
        string key;
        if (specifier.Length > 0 && specifier[0] == '\0')
        {
            key = specifier; // the loader's own modules
        }
        else if (specifier.StartsWith('/') && (referencingModuleLocation is null || referrer.StartsWith('\0')))
        {
            key = ModuleLoader.Normalize(specifier); // require(esm) and its facade import a resolved file by its path
        }
        else if ((specifier.StartsWith("./", StringComparison.Ordinal) || specifier.StartsWith("../", StringComparison.Ordinal) || specifier.StartsWith('/'))
            && PackageRoot(referrer) is { } root)
        {
            var path = ModuleLoader.Normalize(specifier.StartsWith('/') ? specifier : referrer[..referrer.LastIndexOf('/')] + "/" + specifier);
            // As with require: a path resolves inside the importing package only.
            key = path.StartsWith(root + "/", StringComparison.Ordinal) ? path : "\0" + referrer + "\0" + path;
            _importers ??= new(StringComparer.Ordinal);
            if (_importers.Count > 1024)
            {
                _importers.Clear();
            }

            _importers[key] = referrer;
        }
        else
        {
            key = "\0" + referrer + "\0" + specifier;
        }

        return new ResolvedSpecifier(moduleRequest, key, Uri: null, SpecifierType.Bare);
    }

    public JintModule LoadModule(Engine engine, ResolvedSpecifier resolved)
    {
        if (!Loaders.TryGetValue(engine, out var loader))
        {
            throw new JavaScriptException(engine.Intrinsics.Error, UnsupportedModuleLoader.Message(resolved.ModuleRequest.Specifier));
        }

        return loader().LoadEsModule(resolved);
    }

    /// <summary>The invocation loader registered for <paramref name="engine"/> (created on first use), if any.</summary>
    public static ModuleLoader? LoaderOf(Engine engine) => Loaders.TryGetValue(engine, out var loader) ? loader() : null;

    /// <summary>The file that last imported <paramref name="path"/> on this thread, if any.</summary>
    public static string? ImporterOf(string path) => _importers?.GetValueOrDefault(path);

    /// <summary>The package folder of a virtual file path (<c>/hook/node_modules/[@scope/]name</c>, possibly nested), or null.</summary>
    private static string? PackageRoot(string path)
    {
        const string Marker = "/node_modules/";
        var at = path.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || !path.StartsWith(ModuleLoader.NodeModulesFolder + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var start = at + Marker.Length;
        var end = path.IndexOf('/', start);
        if (end > 0 && path[start] == '@')
        {
            end = path.IndexOf('/', end + 1);
        }

        return end < 0 ? null : path[..end];
    }
}

/// <summary>
/// The engines' Jint host: fills <c>import.meta</c> of an ES module file (<see cref="ModuleLoader.FillImportMeta"/>)
/// from the module's virtual path, through the loader registered for the engine.
/// </summary>
internal sealed class HookJintHost : Jint.Runtime.Host
{
    public override void FinalizeImportMeta(Jint.Native.Object.ObjectInstance importMeta, JintModule moduleRecord)
    {
        var location = moduleRecord.Location;
        if (location.Length > 0 && location[0] == '/' && EsmModuleHost.LoaderOf(Engine) is { } loader)
        {
            loader.FillImportMeta(importMeta, location);
        }
    }
}
