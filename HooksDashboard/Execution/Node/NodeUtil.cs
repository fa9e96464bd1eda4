using System.Diagnostics;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// The host side of <c>util</c> and <c>process</c>: formatting through <see cref="ConsoleFormatter"/> (so
/// <c>util.inspect</c>, <c>util.format</c> and <c>console.log</c> always agree), type tests that must see the engine's
/// object kinds, UTF-8 for <c>TextEncoder</c>/<c>TextDecoder</c>, and the clocks.
/// </summary>
internal static class NodeUtil
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding Utf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);
    private static readonly UnicodeEncoding StrictUtf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding Utf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);
    private static readonly UnicodeEncoding StrictUtf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>The options <c>util.inspect</c> honours, read from a JS options object over <paramref name="defaults"/>.</summary>
    public static InspectOptions ReadInspectOptions(ObjectInstance options, InspectOptions defaults)
    {
        return defaults with
        {
            Depth = ReadCount(options.Get("depth"), defaults.Depth),
            MaxArrayLength = ReadCount(options.Get("maxArrayLength"), defaults.MaxArrayLength),
            BreakLength = ReadCount(options.Get("breakLength"), defaults.BreakLength),
        };
    }

    // null and Infinity mean "no limit", as in Node.
    private static int ReadCount(JsValue value, int fallback)
    {
        if (value.IsNull())
        {
            return int.MaxValue;
        }

        if (value is not JsNumber number)
        {
            return fallback;
        }

        var n = number.AsNumber();
        return double.IsNaN(n) ? fallback : n >= int.MaxValue ? int.MaxValue : n < -1 ? -1 : (int)n;
    }

    public static JsValue Binding(NodeRuntime runtime)
    {
        var engine = runtime.Engine;
        var binding = new JsObject(engine);
        binding.Set("format", runtime.Function("format", args => JsString.Create(ConsoleFormatter.Format(engine, args, int.MaxValue)), 0));
        binding.Set("inspect", runtime.Function("inspect", args =>
        {
            var options = args.Length > 1 && args[1] is ObjectInstance given ? ReadInspectOptions(given, InspectOptions.Default) : InspectOptions.Default;
            return JsString.Create(ConsoleFormatter.Inspect(engine, args.Length > 0 ? args[0] : JsValue.Undefined, options, int.MaxValue));
        }, 2));
        binding.Set("kind", runtime.Function("kind", args => JsString.Create(Kind(args.Length > 0 ? args[0] : JsValue.Undefined)), 1));
        binding.Set("encode", runtime.Function("encode", args =>
        {
            var text = args.Length > 0 ? TypeConverter.ToString(args[0]) : string.Empty;
            return engine.Intrinsics.Uint8Array.Construct(Utf8.GetBytes(text));
        }, 1));
        // decode(bytes, fatal, encoding): TextDecoder's canonical names utf-8 (default), utf-16le, utf-16be and
        // windows-1252 (which Node 20 decodes as ISO-8859-1: each byte its own code point).
        binding.Set("decode", runtime.Function("decode", args =>
        {
            var bytes = args.Length > 0 && args[0] is JsTypedArray typed ? ReadBytes(typed) : [];
            var fatal = args.Length > 1 && TypeConverter.ToBoolean(args[1]);
            var encoding = args.Length > 2 && args[2].IsString() ? args[2].AsString() : "utf-8";
            try
            {
                return JsString.Create(encoding switch
                {
                    "utf-16le" => (fatal ? StrictUtf16Le : Utf16Le).GetString(bytes),
                    "utf-16be" => (fatal ? StrictUtf16Be : Utf16Be).GetString(bytes),
                    "windows-1252" => Encoding.Latin1.GetString(bytes),
                    _ => (fatal ? StrictUtf8 : Utf8).GetString(bytes),
                });
            }
            catch (DecoderFallbackException)
            {
                throw runtime.Error(engine.Intrinsics.TypeError, "ERR_ENCODING_INVALID_ENCODED_DATA", $"The encoded data was not valid for encoding {encoding}");
            }
        }, 3));
        return binding;
    }

    /// <summary>The bytes a typed array views.</summary>
    public static byte[] ReadBytes(JsTypedArray typed)
    {
        if (typed.IsUint8Array())
        {
            return typed.AsUint8Array(); // one block copy of the viewed range, not a property read per byte
        }

        var length = (int)typed.Length;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)TypeConverter.ToNumber(typed.Get(i));
        }

        return bytes;
    }

    /// <summary>The engine's own kind of an object, which script cannot fake through <c>Symbol.toStringTag</c>.</summary>
    private static string Kind(JsValue value) => value switch
    {
        JsDate => "Date",
        JsRegExp => "RegExp",
        JsMap => "Map",
        JsSet => "Set",
        JsError => "Error",
        JsArrayBuffer => "ArrayBuffer",
        JsTypedArray typed => "TypedArray:" + TypedArrayName(typed),
        JsArray => "Array",
        ObjectInstance obj => obj.GetType().Name switch
        {
            "JsProxy" => "Proxy",
            "JsPromise" => "Promise",
            "JsWeakMap" => "WeakMap",
            "JsWeakSet" => "WeakSet",
            "JsDataView" => "DataView",
            "JsArguments" => "Arguments",
            "NumberInstance" or "JsNumberObject" => "Number",
            "StringInstance" or "JsStringObject" => "String",
            "BooleanInstance" or "JsBooleanObject" => "Boolean",
            "SymbolInstance" => "Symbol",
            "BigIntInstance" => "BigInt",
            "MapIterator" => "MapIterator",
            "SetIterator" => "SetIterator",
            "GeneratorInstance" or "Generator" => "Generator",
            var other => other,
        },
        _ => "primitive",
    };

    /// <summary>
    /// The built-in kind of a typed array from its element type (<c>Uint8Array</c> for a <c>Buffer</c> or any other
    /// subclass), never from a name script could change.
    /// </summary>
    private static string TypedArrayName(JsTypedArray typed) => typed switch
    {
        _ when typed.IsUint8Array() => "Uint8Array",
        _ when typed.IsInt8Array() => "Int8Array",
        _ when typed.IsUint8ClampedArray() => "Uint8ClampedArray",
        _ when typed.IsInt16Array() => "Int16Array",
        _ when typed.IsUint16Array() => "Uint16Array",
        _ when typed.IsInt32Array() => "Int32Array",
        _ when typed.IsUint32Array() => "Uint32Array",
        _ when typed.IsBigInt64Array() => "BigInt64Array",
        _ when typed.IsBigUint64Array() => "BigUint64Array",
        _ when typed.IsFloat16Array() => "Float16Array",
        _ when typed.IsFloat32Array() => "Float32Array",
        _ => "Float64Array",
    };

    /// <summary><c>process</c>'s host functions: clocks, the tick queue and warnings.</summary>
    public static JsValue ProcessBinding(NodeRuntime runtime)
    {
        var binding = new JsObject(runtime.Engine);
        binding.Set("pid", NodeRuntime.ProcessId);
        binding.Set("mainModule", runtime.Function("mainModule", _ => runtime.MainModule(), 0));
        binding.Set("hrtime", runtime.Function("hrtime", _ =>
        {
            var ticks = Stopwatch.GetTimestamp();
            var seconds = ticks / Stopwatch.Frequency;
            var nanos = (ticks % Stopwatch.Frequency) * 1_000_000_000 / Stopwatch.Frequency;
            return new JsArray(runtime.Engine, [JsNumber.Create(seconds), JsNumber.Create(nanos)]);
        }, 0));
        binding.Set("uptime", runtime.Function("uptime", _ => JsNumber.Create(runtime.ElapsedMs() / 1000.0), 0));
        binding.Set("nextTick", runtime.Function("nextTick", args =>
        {
            var rest = args.Length > 1 && args[1] is JsArray list ? list.ToArray() : [];
            runtime.NextTick(args[0], rest);
            return JsValue.Undefined;
        }, 2));
        binding.Set("warn", runtime.Function("warn", args =>
        {
            runtime.Output.Write("warn", TypeConverter.ToString(args[0]));
            return JsValue.Undefined;
        }, 1));
        binding.Set("write", runtime.Function("write", args =>
        {
            runtime.Output.Write(TypeConverter.ToString(args[0]), TypeConverter.ToString(args[1]));
            return JsValue.Undefined;
        }, 2));
        return binding;
    }
}
