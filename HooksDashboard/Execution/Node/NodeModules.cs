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
        ["module"] = static r => r.Loader.ModuleBuiltin(),
        ["buffer"] = static r => r.EvaluateScript("buffer", NodeBuffer.Binding(r)),
        ["console"] = static r => r.Console,
        ["crypto"] = static r => r.EvaluateScript("crypto", NodeCrypto.Binding(r)),
        ["diagnostics_channel"] = static r => r.EvaluateScript("diagnostics_channel"),
        ["events"] = static r => r.EvaluateScript("events"),
        ["http"] = static r => r.RequireInternal("internal/http").Get("http"),
        ["https"] = static r => r.RequireInternal("internal/http").Get("https"),
        ["os"] = static r => r.EvaluateScript("os"),
        ["path"] = static r => r.EvaluateScript("path"),
        ["path/posix"] = static r => r.Require("path"),
        ["process"] = static r => r.EvaluateScript("process", NodeUtil.ProcessBinding(r)),
        ["querystring"] = static r => r.EvaluateScript("querystring"),
        ["string_decoder"] = static r => r.EvaluateScript("string_decoder"),
        ["timers"] = static r => r.EvaluateScript("timers", r.Timers()),
        ["timers/promises"] = static r => r.EvaluateScript("timers-promises"),
        ["url"] = static r => r.EvaluateScript("url", NodeUrl.Binding(r)),
        ["util"] = static r => r.EvaluateScript("util", NodeUtil.Binding(r)),
        ["util/types"] = static r => r.Require("util").Get("types"),
        ["sys"] = static r => r.Require("util"),
        ["stream"] = static r => r.EvaluateScript("stream"),
        ["stream/promises"] = static r => r.Require("stream").Get("promises"),
        ["stream/web"] = static r => WebStreams(r),
        ["zlib"] = static r => r.EvaluateScript("zlib", NodeZlib.Binding(r)),
        ["punycode"] = static r => r.EvaluateScript("punycode"),
        ["constants"] = static r => r.EvaluateScript("constants"),
        ["perf_hooks"] = static r => r.EvaluateScript("perf_hooks"),
        ["stream/consumers"] = static r => r.EvaluateScript("stream-consumers"),
        ["net"] = static r => r.EvaluateScript("net", Http.SocketBinding.Create(r)),
        ["tls"] = static r => r.EvaluateScript("tls", Http.SocketBinding.Create(r)),
        ["dns"] = static r => r.EvaluateScript("dns", Http.SocketBinding.Create(r)),
        ["dns/promises"] = static r => r.Require("dns").Get("promises"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary><c>stream/web</c>: the public classes of <c>internal/webstreams</c> (not its helpers for stream and fetch).</summary>
    private static Jint.Native.JsObject WebStreams(NodeRuntime runtime)
    {
        var all = runtime.RequireInternal("internal/webstreams");
        var exports = new Jint.Native.JsObject(runtime.Engine);
        foreach (var name in WebStreamNames)
        {
            exports.Set(name, all.Get(name));
        }

        return exports;
    }

    /// <summary>What Node 20's <c>stream/web</c> exports, in its order, that HooksDashboard provides.</summary>
    internal static readonly string[] WebStreamNames =
    [
        "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
        "ReadableByteStreamController", "ReadableStreamDefaultController", "TransformStream",
        "TransformStreamDefaultController", "WritableStream", "WritableStreamDefaultWriter",
        "WritableStreamDefaultController", "ByteLengthQueuingStrategy", "CountQueuingStrategy", "TextEncoderStream",
        "TextDecoderStream",
    ];

    /// <summary>Modules that would reach the host (files, processes, sockets, the engine itself): refused with why.</summary>
    public static readonly FrozenDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fs"] = "hooks run isolated from the server's file system",
        ["fs/promises"] = "hooks run isolated from the server's file system",
        ["child_process"] = "hooks may not start processes on the server",
        ["dgram"] = "hooks may not open sockets on the server",
        ["cluster"] = "hooks may not start processes on the server",
        ["worker_threads"] = "a hook runs on one thread, inside its own engine",
        ["vm"] = "hooks may not compile code at run time",
        ["v8"] = "hooks run in an isolated JavaScript engine, not in V8",
        ["inspector"] = "hooks may not attach a debugger to the server",
        ["inspector/promises"] = "hooks may not attach a debugger to the server",
        ["repl"] = "hooks have no interactive terminal",
        ["readline"] = "hooks have no interactive terminal",
        ["readline/promises"] = "hooks have no interactive terminal",
        ["tty"] = "hooks have no terminal",
        ["wasi"] = "hooks may not reach the server's file system or run WebAssembly",
        ["http2"] = "hooks may not open sockets on the server",
        ["async_hooks"] = "hooks run in an isolated JavaScript engine without Node's internals",
        ["trace_events"] = "hooks run in an isolated JavaScript engine without Node's internals",
        ["domain"] = "hooks run in an isolated JavaScript engine without Node's internals",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// What package code gets for some of the <see cref="Refused"/> names: stand-ins whose harmless parts work as Node's
    /// (constants, address checks, <c>isatty</c>) and whose every operation reaching the host fails with a Node-like
    /// error naming the policy. SDKs (aws-sdk, form-data, nexmo, debug, https-proxy-agent, the AWS SDK v3) require these
    /// at load for optional features; the hook's own <c>require</c> still gets the refusal, which tells its author
    /// at once. See docs/design.md, "Modules packages get instead of a refusal".
    /// </summary>
    public static readonly FrozenDictionary<string, Factory> ForPackages = new Dictionary<string, Factory>(StringComparer.Ordinal)
    {
        ["fs"] = static r => r.EvaluateScript("fs"),
        ["fs/promises"] = static r => r.RequireForPackage("fs").Get("promises"),
        ["child_process"] = static r => r.EvaluateScript("child_process"),
        ["tty"] = static r => r.EvaluateScript("tty"),
        ["http2"] = static r => r.EvaluateScript("http2"),
        ["domain"] = static r => r.EvaluateScript("domain"),
        ["dgram"] = static r => r.EvaluateScript("dgram"),
        ["worker_threads"] = static r => r.EvaluateScript("worker_threads"),
        ["async_hooks"] = static r => r.EvaluateScript("async_hooks"),
        ["readline"] = static r => r.EvaluateScript("readline"),
        ["readline/promises"] = static r => r.RequireForPackage("readline").Get("promises"),
        ["vm"] = static r => r.EvaluateScript("vm"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Node 20's other built-in names: planned (issue 10), not provided yet.</summary>
    public static readonly FrozenSet<string> NotYet = new[]
    {
        "test",
    }.ToFrozenSet(StringComparer.Ordinal);
}
