using System.Collections.Concurrent;
using Acornima.Ast;
using Jint;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// The JavaScript sources of built-in modules (<c>Execution/Node/*.js</c>, embedded), each parsed once per process
/// on its first <c>require</c> and shared by every engine after that. A module script evaluates to a factory
/// <c>function (require, binding) { ...; return exports; }</c>: <c>require</c> reaches other built-ins and the
/// <c>internal/*</c> helpers, <c>binding</c> holds the host functions the module's C# side provides (or undefined).
/// </summary>
internal static class NodeScripts
{
    private static readonly ConcurrentDictionary<string, Lazy<Prepared<Script>>> Prepared = new(StringComparer.Ordinal);

    /// <summary>The prepared script of <paramref name="file"/> (without <c>.js</c>), parsed on first use.</summary>
    public static Prepared<Script> Get(string file) =>
        Prepared.GetOrAdd(file, static name => new Lazy<Prepared<Script>>(() => Load(name))).Value;

    private static Prepared<Script> Load(string file)
    {
        using var stream = typeof(NodeScripts).Assembly.GetManifestResourceStream($"HooksDashboard.Execution.Node.{file}.js")
            ?? throw new InvalidOperationException($"Embedded module script {file}.js is missing");
        using var reader = new StreamReader(stream);
        // A source name other than hook.js keeps module frames out of the user's error locations.
        return Engine.PrepareScript(reader.ReadToEnd(), $"node:{file}", strict: true);
    }
}
