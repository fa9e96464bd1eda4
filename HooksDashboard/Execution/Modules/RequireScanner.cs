using System.Collections.Frozen;
using Acornima;
using Acornima.Ast;

namespace HooksDashboard.Execution.Modules;

/// <summary>A package a script requires by a literal name: <c>require('x')</c>, <c>require("x/sub")</c>, <c>require('x@1.2.3')</c>.</summary>
/// <param name="Name">The package name.</param>
/// <param name="Version">The version of webtask's <c>name@version</c> form, or null.</param>
/// <param name="Specifier">The string as written.</param>
public sealed record RequiredPackage(string Name, string? Version, string Specifier);

/// <summary>
/// Finds the npm packages a script requires, with the parser the executor uses (Acornima, through Jint), so
/// comments, strings and template text never count: only calls <c>require(&lt;string literal&gt;)</c> anywhere in
/// the script. Node's built-in modules (with or without <c>node:</c>) and relative or absolute paths are left out, but
/// for paths into the hook's <c>node_modules</c> folder (<c>./node_modules/axios</c>), which name a package.
/// A script that does not parse yields nothing (the editor and the executor report the syntax error).
/// </summary>
public static class RequireScanner
{
    /// <summary>Node 20.20's <c>require('module').builtinModules</c>, in its order.</summary>
    internal static readonly string[] NodeBuiltinModules =
    [
        "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server",
        "_stream_duplex", "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap",
        "_stream_writable", "_tls_common", "_tls_wrap", "assert", "assert/strict", "async_hooks", "buffer",
        "child_process", "cluster", "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns",
        "dns/promises", "domain", "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
        "inspector/promises", "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks", "process",
        "punycode", "querystring", "readline", "readline/promises", "repl", "stream", "stream/consumers",
        "stream/promises", "stream/web", "string_decoder", "sys", "timers", "timers/promises", "tls",
        "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi", "worker_threads", "zlib",
    ];

    /// <summary>The names of <see cref="NodeBuiltinModules"/>, for lookups.</summary>
    public static readonly FrozenSet<string> NodeBuiltins = NodeBuiltinModules.ToFrozenSet(StringComparer.Ordinal);

    private static readonly ParserOptions Options = new()
    {
        AllowReturnOutsideFunction = true,
        EcmaVersion = EcmaVersion.Latest,
    };

    /// <summary>Whether a specifier names one of Node's built-in modules (<c>node:</c> prefixed names always do).</summary>
    public static bool IsBuiltin(string specifier)
    {
        ArgumentNullException.ThrowIfNull(specifier);
        return specifier.StartsWith("node:", StringComparison.Ordinal) || NodeBuiltins.Contains(specifier);
    }

    /// <summary>The distinct packages the script requires, in order of first appearance.</summary>
    public static IReadOnlyList<RequiredPackage> Scan(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        Script program;
        try
        {
            program = new Parser(Options).ParseScript(script, "hook.js");
        }
        catch (ParseErrorException)
        {
            return [];
        }

        var found = new List<RequiredPackage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in program.DescendantNodes())
        {
            if (node is not CallExpression { Callee: Identifier { Name: "require" }, Arguments.Count: >= 1 } call)
                continue;
            var specifier = call.Arguments[0] switch
            {
                StringLiteral literal => literal.Value,
                TemplateLiteral { Expressions.Count: 0, Quasis.Count: 1 } template => template.Quasis[0].Value.Cooked,
                _ => null,
            };
            if (specifier is null || IsBuiltin(specifier) || !seen.Add(specifier))
                continue;
            // A path into the hook's node_modules folder names the package it reaches.
            if (PackageNames.TryParseRequest(ModuleLoader.HookNodeModulesRequest(specifier) ?? specifier, out var name, out var version, out _))
                found.Add(new RequiredPackage(name, version, specifier));
        }
        return found;
    }
}
