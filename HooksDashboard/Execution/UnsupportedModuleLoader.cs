using Jint;
using Jint.Runtime;
using Jint.Runtime.Modules;

namespace HooksDashboard.Execution;

/// <summary>
/// A module loader that loads nothing; its <see cref="Message"/> is what <see cref="Modules.EsmModuleHost"/> answers for
/// an engine without a registered module loader. Jint's default loader throws a host
/// <see cref="InvalidOperationException"/> for <c>import('x')</c>, which escaped the script's <c>try</c>/<c>catch</c> and
/// ended the run as an internal error. Refusing in <see cref="LoadModule"/>, which runs inside the dynamic import's
/// promise job, makes <c>import()</c> reject with an ordinary JavaScript error the hook can catch.
/// </summary>
internal sealed class UnsupportedModuleLoader : IModuleLoader
{
    public static UnsupportedModuleLoader Instance { get; } = new();

    private UnsupportedModuleLoader()
    {
    }

    /// <summary>Never read: nothing is resolved against it.</summary>
    public Uri BasePath { get; } = new("file:///");

    /// <summary>Keeps the specifier as written, so the refusal names what the hook asked for.</summary>
    public ResolvedSpecifier Resolve(string? referencingModuleLocation, ModuleRequest moduleRequest) =>
        new(moduleRequest, moduleRequest.Specifier, Uri: null, SpecifierType.Bare);

    public Module LoadModule(Engine engine, ResolvedSpecifier resolved) =>
        throw new JavaScriptException(engine.Intrinsics.Error, Message(resolved.ModuleRequest.Specifier));

    /// <summary>The refusal's text, e.g. <c>import('fs') is not supported: HooksDashboard hooks cannot load ES modules</c>.</summary>
    public static string Message(string specifier) =>
        $"import('{specifier}') is not supported: HooksDashboard hooks cannot load ES modules";
}
