using System.Text;
using HooksDashboard.Execution.Node;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace HooksDashboard.Execution.Http;

/// <summary>
/// The host side of <c>internal-fetch.js</c>: starts requests on the invocation's <see cref="HttpSession"/> and turns
/// its events into calls of the script's callback. Only strings, numbers, booleans, arrays of strings and
/// <c>Uint8Array</c>s cross; no host object reaches the script.
/// </summary>
internal static class FetchBinding
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static JsObject Create(NodeRuntime runtime)
    {
        var engine = runtime.Engine;
        var binding = new JsObject(engine);
        binding.Set("request", runtime.Function("request", args => Request(runtime, args), 7));
        binding.Set("abort", runtime.Function("abort", args =>
        {
            if (args.Length > 0 && args[0] is JsNumber id)
                runtime.Http().Abort((int)id.AsNumber());
            return JsValue.Undefined;
        }, 1));
        // A streamed request body: write(id, Uint8Array[, wantDrain]) sends a chunk now and returns Node's write() result
        // (false: wait for the 'drain' event), endBody(id) ends it.
        binding.Set("write", runtime.Function("write", args =>
        {
            if (args.Length > 1 && args[0] is JsNumber id && args[1] is JsTypedArray chunk)
            {
                try
                {
                    var wantDrain = args.Length > 2 && TypeConverter.ToBoolean(args[2]);
                    return runtime.Http().WriteBody((int)id.AsNumber(), NodeUtil.ReadBytes(chunk), wantDrain) ? JsBoolean.True : JsBoolean.False;
                }
                catch (HttpStartException ex)
                {
                    throw runtime.Error(runtime.Engine.Intrinsics.Error, ex.Code, ex.Message);
                }
            }

            return JsBoolean.True;
        }, 3));
        // Response backpressure: pause(id) when the script's stream buffer is full, resume(id) when it reads again.
        binding.Set("pause", runtime.Function("pause", args =>
        {
            if (args.Length > 0 && args[0] is JsNumber id)
                runtime.Http().Pause((int)id.AsNumber());
            return JsValue.Undefined;
        }, 1));
        binding.Set("resume", runtime.Function("resume", args =>
        {
            if (args.Length > 0 && args[0] is JsNumber id)
                runtime.Http().Resume((int)id.AsNumber());
            return JsValue.Undefined;
        }, 1));
        binding.Set("endBody", runtime.Function("endBody", args =>
        {
            if (args.Length > 0 && args[0] is JsNumber id)
                runtime.Http().EndBody((int)id.AsNumber());
            return JsValue.Undefined;
        }, 1));
        binding.Set("encode", runtime.Function("encode", args =>
        {
            var text = TypeConverter.ToString(args.Length > 0 ? args[0] : JsValue.Undefined);
            if ((long)text.Length * 3 > runtime.Limits.MaxAllocationBytes && Utf8.GetByteCount(text) > runtime.Limits.MaxAllocationBytes)
                throw new ScriptLimitException($"Encoding a string of {text.Length} characters exceeds the allocation limit of {runtime.Limits.MaxAllocationBytes} bytes");
            return engine.Intrinsics.Uint8Array.Construct(Utf8.GetBytes(text));
        }, 1));
        binding.Set("decode", runtime.Function("decode", args =>
        {
            var bytes = args.Length > 0 && args[0] is JsTypedArray typed ? NodeUtil.ReadBytes(typed) : [];
            var span = bytes.AsSpan();
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                span = span[3..];
            if ((long)span.Length * 2 > runtime.Limits.MaxAllocationBytes)
                throw new ScriptLimitException($"Decoding {span.Length} bytes exceeds the allocation limit of {runtime.Limits.MaxAllocationBytes} bytes");
            return JsString.Create(Utf8.GetString(span));
        }, 1));
        return binding;
    }

    // request(method, url, headers, body, redirect, onEvent[, 'node' | 'node-stream' | 'stream'[, tls]]) -> id; 'stream': a
    // fetch whose body (a ReadableStream) follows by write/endBody; tls: an https request's own settings (tls_options.js).
    private static JsValue Request(NodeRuntime runtime, JsValue[] args)
    {
        JsValue Arg(int i) => i < args.Length ? args[i] : JsValue.Undefined;
        var method = TypeConverter.ToString(Arg(0));
        var url = TypeConverter.ToString(Arg(1));
        var headers = new List<string>();
        if (Arg(2) is JsArray array)
        {
            var length = (int)array.Length;
            for (var i = 0; i < length; i++)
                headers.Add(TypeConverter.ToString(array.Get(i)));
        }

        byte[]? body = Arg(3) is JsTypedArray typed ? NodeUtil.ReadBytes(typed) : null;
        var redirect = TypeConverter.ToString(Arg(4));
        var onEvent = Arg(5);
        if (!onEvent.IsCallable())
            throw new JavaScriptException(runtime.Engine.Intrinsics.TypeError, "fetch binding: onEvent must be a function");
        try
        {
            var mode = Arg(6) is JsString text ? text.ToString() : "";
            var streamed = mode is "node-stream" or "stream";
            var tls = Arg(7) is ObjectInstance tlsOptions ? SocketBinding.TlsOptions(tlsOptions) : null;
            return runtime.Http().Start(new HttpRequestSpec(method, url, headers, streamed ? null : body, redirect, Node: mode is "node-stream" or "node",
                Streamed: streamed, Tls: tls), onEvent);
        }
        catch (HttpStartException ex)
        {
            throw runtime.Error(runtime.Engine.Intrinsics.Error, ex.Code, ex.Message);
        }
    }

    /// <summary>Calls the script's callback with one event (on the engine's thread).</summary>
    public static void Deliver(Engine engine, JsValue target, HttpEvent ev)
    {
        JsValue[] args = ev.Kind switch
        {
            HttpEventKind.Response =>
            [
                JsString.Create("response"),
                JsNumber.Create(ev.Status),
                JsString.Create(ev.StatusText ?? ""),
                new JsArray(engine, [.. (ev.Headers ?? []).Select(h => (JsValue)JsString.Create(h))]),
                JsString.Create(ev.Url ?? ""),
                ev.Redirected ? JsBoolean.True : JsBoolean.False,
            ],
            HttpEventKind.Data => [JsString.Create("data"), engine.Intrinsics.Uint8Array.Construct(ev.Data ?? [])],
            HttpEventKind.End => [JsString.Create("end")],
            HttpEventKind.Drain => [JsString.Create("drain")],
            HttpEventKind.Finish => [JsString.Create("finish")],
            _ => ErrorArguments(ev.Failure, "request failed"),
        };
        engine.Call(target, JsValue.Undefined, args);
    }

    /// <summary>An error event's arguments, as the scripts read them: <c>'error', code, message, syscall, address, port</c>.</summary>
    internal static JsValue[] ErrorArguments(HttpFailure? failure, string fallbackMessage) =>
    [
        JsString.Create("error"),
        JsString.Create(failure?.Code ?? "ECONNRESET"),
        JsString.Create(failure?.Message ?? fallbackMessage),
        failure?.Syscall is { } syscall ? JsString.Create(syscall) : JsValue.Undefined,
        failure?.Address is { } address ? JsString.Create(address) : JsValue.Undefined,
        failure?.Port is { } port ? JsNumber.Create(port) : JsValue.Undefined,
    ];
}
