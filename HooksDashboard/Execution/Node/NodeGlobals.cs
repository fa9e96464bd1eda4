using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// Node's globals, each declared only when the hook's script names it (or names the global object) and built on its
/// first read: a hook that uses none of them pays nothing.
/// </summary>
internal static class NodeGlobals
{
    public static readonly (string Name, Func<NodeRuntime, JsValue> Create)[] All =
    [
        ("console", static r => r.Console),
        ("Buffer", static r => r.Require("buffer").Get("Buffer")),
        ("process", static r => r.Require("process")),
        ("queueMicrotask", static r => r.CreateQueueMicrotask()),
        ("structuredClone", static r => r.RequireInternal("internal/structured_clone").Get("structuredClone")),
        ("TextEncoder", static r => r.Require("util").Get("TextEncoder")),
        ("TextDecoder", static r => r.Require("util").Get("TextDecoder")),
        ("URL", static r => r.Require("url").Get("URL")),
        ("URLSearchParams", static r => r.Require("url").Get("URLSearchParams")),
        ("crypto", static r => r.Require("crypto").Get("webcrypto")),
        ("AbortController", static r => r.RequireInternal("internal/abort_controller").Get("AbortController")),
        ("AbortSignal", static r => r.RequireInternal("internal/abort_controller").Get("AbortSignal")),
        ("Event", static r => r.RequireInternal("internal/abort_controller").Get("Event")),
        ("EventTarget", static r => r.RequireInternal("internal/abort_controller").Get("EventTarget")),
        ("MessageChannel", static r => r.RequireInternal("internal/message_channel").Get("MessageChannel")),
        ("MessagePort", static r => r.RequireInternal("internal/message_channel").Get("MessagePort")),
        ("MessageEvent", static r => r.RequireInternal("internal/message_channel").Get("MessageEvent")),
        ("atob", static r => r.Function("atob", args => Atob(r, args), 1)),
        ("btoa", static r => r.Function("btoa", args => Btoa(r, args), 1)),
        ("performance", static r => r.Require("perf_hooks").Get("performance")),
        ("fetch", static r => r.RequireInternal("internal/fetch").Get("fetch")),
        ("Headers", static r => r.RequireInternal("internal/fetch").Get("Headers")),
        ("Request", static r => r.RequireInternal("internal/fetch").Get("Request")),
        ("Response", static r => r.RequireInternal("internal/fetch").Get("Response")),
        ("FormData", static r => r.RequireInternal("internal/fetch").Get("FormData")),
        ("Blob", static r => r.RequireInternal("internal/fetch").Get("Blob")),
        ("File", static r => r.RequireInternal("internal/fetch").Get("File")),
        ("DOMException", static r => r.RequireInternal("internal/dom_exception").Get("DOMException")),
        ("ReadableStream", static r => r.RequireInternal("internal/webstreams").Get("ReadableStream")),
        ("ReadableStreamDefaultReader", static r => r.RequireInternal("internal/webstreams").Get("ReadableStreamDefaultReader")),
        ("ReadableStreamBYOBReader", static r => r.RequireInternal("internal/webstreams").Get("ReadableStreamBYOBReader")),
        ("ReadableStreamBYOBRequest", static r => r.RequireInternal("internal/webstreams").Get("ReadableStreamBYOBRequest")),
        ("ReadableByteStreamController", static r => r.RequireInternal("internal/webstreams").Get("ReadableByteStreamController")),
        ("ReadableStreamDefaultController", static r => r.RequireInternal("internal/webstreams").Get("ReadableStreamDefaultController")),
        ("TransformStream", static r => r.RequireInternal("internal/webstreams").Get("TransformStream")),
        ("TransformStreamDefaultController", static r => r.RequireInternal("internal/webstreams").Get("TransformStreamDefaultController")),
        ("WritableStream", static r => r.RequireInternal("internal/webstreams").Get("WritableStream")),
        ("WritableStreamDefaultWriter", static r => r.RequireInternal("internal/webstreams").Get("WritableStreamDefaultWriter")),
        ("WritableStreamDefaultController", static r => r.RequireInternal("internal/webstreams").Get("WritableStreamDefaultController")),
        ("ByteLengthQueuingStrategy", static r => r.RequireInternal("internal/webstreams").Get("ByteLengthQueuingStrategy")),
        ("CountQueuingStrategy", static r => r.RequireInternal("internal/webstreams").Get("CountQueuingStrategy")),
        ("TextEncoderStream", static r => r.RequireInternal("internal/webstreams").Get("TextEncoderStream")),
        ("TextDecoderStream", static r => r.RequireInternal("internal/webstreams").Get("TextDecoderStream")),
    ];

    /// <summary>The WHATWG <c>btoa</c>: Latin-1 text to base64; a character above U+00FF is an InvalidCharacterError.</summary>
    private static JsString Btoa(NodeRuntime runtime, JsValue[] args)
    {
        if (args.Length == 0)
        {
            throw runtime.Error(runtime.Engine.Intrinsics.TypeError, "ERR_MISSING_ARGS", "The \"input\" argument must be specified");
        }

        var text = TypeConverter.ToString(args[0]);
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0xFF)
            {
                throw runtime.DomException("Invalid character", "InvalidCharacterError");
            }

            bytes[i] = (byte)text[i];
        }

        return JsString.Create(Convert.ToBase64String(bytes));
    }

    /// <summary>The WHATWG <c>atob</c> (forgiving base64: ASCII whitespace ignored, padding optional).</summary>
    private static JsString Atob(NodeRuntime runtime, JsValue[] args)
    {
        if (args.Length == 0)
        {
            throw runtime.Error(runtime.Engine.Intrinsics.TypeError, "ERR_MISSING_ARGS", "The \"input\" argument must be specified");
        }

        var text = TypeConverter.ToString(args[0]);
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\n' or '\f' or '\r')
            {
                continue;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                throw runtime.DomException("Invalid character", "InvalidCharacterError");
            }

            clean.Append(c);
        }

        var data = clean.ToString();
        if (data.Length % 4 == 0 && data.EndsWith("==", StringComparison.Ordinal))
        {
            data = data[..^2];
        }
        else if (data.Length % 4 == 0 && data.EndsWith('='))
        {
            data = data[..^1];
        }

        if (data.Length % 4 == 1 || data.Contains('=', StringComparison.Ordinal))
        {
            throw runtime.DomException("The string to be decoded is not correctly encoded.", "InvalidCharacterError");
        }

        // Leftover bits of the last character are ignored, as the forgiving algorithm says.
        var buffer = new List<byte>(data.Length * 3 / 4);
        int acc = 0, bits = 0;
        foreach (var c in data)
        {
            var value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a' + 26,
                >= '0' and <= '9' => c - '0' + 52,
                '+' => 62,
                _ => 63,
            };
            acc = (acc << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                buffer.Add((byte)((acc >> bits) & 0xFF));
            }
        }

        var chars = new char[buffer.Count];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)buffer[i];
        }

        return JsString.Create(new string(chars));
    }
}
