using System.Collections.Frozen;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// What <c>require(name)</c> can answer for Node's built-in names: a module HooksDashboard provides (built on the
/// first <c>require</c> of an invocation), a module refused for a reason, or one of Node's modules not provided yet.
/// Adding a module is one entry in <see cref="Provided"/> (and its <c>Execution/Node/&lt;name&gt;.js</c> script and/or
/// C# binding).
/// </summary>
internal static class NodeModules
{
    /// <summary>A built-in module: how to build its exports in one invocation.</summary>
    public delegate Jint.Native.JsValue Factory(NodeRuntime runtime);

    /// <summary>Modules a hook may require, by name without the <c>node:</c> prefix.</summary>
    public static readonly FrozenDictionary<string, Factory> Provided = new Dictionary<string, Factory>(StringComparer.Ordinal)
    {
        ["assert"] = static r => r.EvaluateScript("assert"),
        ["assert/strict"] = static r => r.Require("assert").Get("strict"),
        ["buffer"] = static r => r.EvaluateScript("buffer", NodeBuffer.Binding(r)),
        ["console"] = static r => r.Console,
        ["crypto"] = static r => r.EvaluateScript("crypto", NodeCrypto.Binding(r)),
        ["events"] = static r => r.EvaluateScript("events"),
        // Present so packages that require it at load time work; every call is refused (fs.js).
        ["fs"] = static r => r.EvaluateScript("fs"),
        ["fs/promises"] = static r => r.Require("fs").Get("promises"),
        ["http"] = static r => r.RequireInternal("internal/http").Get("http"),
        ["https"] = static r => r.RequireInternal("internal/http").Get("https"),
        // Present so agent packages load; sockets are refused when used (net.js, tls.js).
        ["net"] = static r => r.EvaluateScript("net"),
        ["tls"] = static r => r.EvaluateScript("tls"),
        ["http2"] = static r => r.EvaluateScript("http2"),
        ["os"] = static r => r.EvaluateScript("os"),
        ["path"] = static r => r.EvaluateScript("path"),
        ["path/posix"] = static r => r.Require("path"),
        ["process"] = static r => r.EvaluateScript("process", NodeUtil.ProcessBinding(r)),
        ["querystring"] = static r => r.EvaluateScript("querystring"),
        ["string_decoder"] = static r => r.EvaluateScript("string_decoder"),
        ["timers"] = static r => r.EvaluateScript("timers", r.Timers()),
        // isatty() is false; streams are refused (tty.js).
        ["tty"] = static r => r.EvaluateScript("tty"),
        ["timers/promises"] = static r => r.EvaluateScript("timers-promises"),
        ["url"] = static r => r.EvaluateScript("url", NodeUrl.Binding(r)),
        ["util"] = static r => r.EvaluateScript("util", NodeUtil.Binding(r)),
        ["util/types"] = static r => r.Require("util").Get("types"),
        ["sys"] = static r => r.Require("util"),
        ["stream"] = static r => r.EvaluateScript("stream"),
        ["stream/promises"] = static r => r.Require("stream").Get("promises"),
        ["zlib"] = static r => r.EvaluateScript("zlib", NodeZlib.Binding(r)),
        ["punycode"] = static r => r.EvaluateScript("punycode"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Modules that would reach the host (files, processes, sockets, the engine itself): refused with why.</summary>
    public static readonly FrozenDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["child_process"] = "hooks may not start processes on the server",
        ["dgram"] = "hooks may not open sockets on the server",
        ["cluster"] = "hooks may not start processes on the server",
        ["worker_threads"] = "a hook runs on one thread, inside its own engine",
        ["vm"] = "hooks may not compile code at run time",
        ["v8"] = "hooks run in an isolated JavaScript engine, not in V8",
        ["inspector"] = "hooks may not attach a debugger to the server",
        ["inspector/promises"] = "hooks may not attach a debugger to the server",
        ["module"] = "hooks may not load code from the server's file system",
        ["repl"] = "hooks have no interactive terminal",
        ["readline"] = "hooks have no interactive terminal",
        ["readline/promises"] = "hooks have no interactive terminal",
        ["wasi"] = "hooks may not reach the server's file system or run WebAssembly",
        ["dns"] = "hooks may not query the server's resolver",
        ["dns/promises"] = "hooks may not query the server's resolver",
        ["async_hooks"] = "hooks run in an isolated JavaScript engine without Node's internals",
        ["trace_events"] = "hooks run in an isolated JavaScript engine without Node's internals",
        ["perf_hooks"] = "hooks run in an isolated JavaScript engine without Node's internals",
        ["diagnostics_channel"] = "hooks run in an isolated JavaScript engine without Node's internals",
        ["domain"] = "hooks run in an isolated JavaScript engine without Node's internals",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Node 20's other built-in names: planned (issue 10), not provided yet.</summary>
    public static readonly FrozenSet<string> NotYet = new[]
    {
        "constants", "stream/consumers", "stream/web", "test",
    }.ToFrozenSet(StringComparer.Ordinal);
}
