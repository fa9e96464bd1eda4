using System.Buffers.Text;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// The host side of <c>buffer.js</c>: transcoding between strings and bytes with Node's lenient rules, where a loop
/// in script would cost a property access per byte. Every function takes and returns plain JS values (strings,
/// numbers, <c>Uint8Array</c>s): no host object reaches the hook. The encoding names arrive normalised by
/// <c>buffer.js</c> (<c>utf8</c>, <c>hex</c>, <c>base64</c>, <c>base64url</c>, <c>latin1</c>, <c>ascii</c>, <c>utf16le</c>).
/// </summary>
internal static class NodeBuffer
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static JsValue Binding(NodeRuntime runtime)
    {
        var engine = runtime.Engine;
        var binding = new JsObject(engine);
        var maxBytes = runtime.Limits.MaxAllocationBytes;
        binding.Set("encode", runtime.Function("encode", args =>
        {
            var text = TypeConverter.ToString(Arg(args, 0));
            var encoding = TypeConverter.ToString(Arg(args, 1));
            CheckSize(EncodedLength(text, encoding), maxBytes, $"Buffer.from(<string of {text.Length} characters>, '{encoding}')");
            return engine.Intrinsics.Uint8Array.Construct(Encode(text, encoding));
        }, 2));
        binding.Set("decode", runtime.Function("decode", args =>
        {
            var source = Arg(args, 0);
            var encoding = TypeConverter.ToString(Arg(args, 1));
            var length = source is JsTypedArray typed ? (long)typed.Length : 0;
            CheckSize(DecodedLength(length, encoding) * sizeof(char), maxBytes, $"buffer.toString('{encoding}') of {length} bytes");
            return JsString.Create(Decode(Bytes(runtime, source), encoding));
        }, 2));
        // compare(a, b): -1, 0 or 1 over two Uint8Arrays (views already cut to the ranges compared).
        binding.Set("compare", runtime.Function("compare", args =>
            JsNumber.Create(Math.Sign(Bytes(runtime, Arg(args, 0)).AsSpan().SequenceCompareTo(Bytes(runtime, Arg(args, 1))))), 2));
        // indexOf(haystack, needle, from, forward): the index of needle's bytes starting the search at from, or -1.
        binding.Set("indexOf", runtime.Function("indexOf", args =>
        {
            var haystack = Bytes(runtime, Arg(args, 0));
            var needle = Bytes(runtime, Arg(args, 1));
            var from = (int)Math.Clamp(TypeConverter.ToNumber(Arg(args, 2)), -1, haystack.Length);
            if (TypeConverter.ToBoolean(Arg(args, 3)))
            {
                var found = from >= haystack.Length ? -1 : haystack.AsSpan(Math.Max(from, 0)).IndexOf(needle);
                return JsNumber.Create(found < 0 ? -1 : found + Math.Max(from, 0));
            }

            var end = Math.Min(from + needle.Length, haystack.Length);
            return JsNumber.Create(end < needle.Length ? -1 : haystack.AsSpan(0, end).LastIndexOf(needle));
        }, 4));
        binding.Set("utf8Length", runtime.Function("utf8Length", args => JsNumber.Create(Utf8.GetByteCount(TypeConverter.ToString(Arg(args, 0)))), 1));
        foreach (var (name, create) in NodeGlobals.All)
        {
            if (name is "atob" or "btoa")
            {
                binding.Set(name, create(runtime));
            }
        }

        return binding;
    }

    // Host-made strings and arrays bypass the guards on script allocations: the same single-allocation limit applies.
    private static void CheckSize(long bytes, long maxBytes, string what)
    {
        if (bytes > maxBytes)
        {
            throw new ScriptLimitException($"{what} would allocate {bytes} bytes; the limit for a single allocation is {maxBytes} bytes");
        }
    }

    private static long EncodedLength(string text, string encoding) => encoding switch
    {
        "utf8" => text.Length <= 1024 ? text.Length * 3L : Utf8.GetByteCount(text),
        "utf16le" => text.Length * 2L,
        _ => text.Length,
    };

    private static long DecodedLength(long bytes, string encoding) => encoding switch
    {
        "hex" => bytes * 2,
        "base64" or "base64url" => (bytes + 2) / 3 * 4,
        "utf16le" => bytes / 2,
        _ => bytes,
    };

    // The Buffer methods can be called on anything (Buffer.prototype.toString.call({})): a TypeError, as Node's binding says.
    private static byte[] Bytes(NodeRuntime runtime, JsValue value) =>
        value is JsTypedArray typed && typed.IsUint8Array()
            ? typed.AsUint8Array()
            : throw runtime.Error(runtime.Engine.Intrinsics.TypeError, "ERR_INVALID_ARG_TYPE", "argument must be a buffer");

    private static JsValue Arg(JsValue[] args, int index) => args.Length > index ? args[index] : JsValue.Undefined;

    /// <summary>The bytes of <paramref name="text"/> in <paramref name="encoding"/>, decoding leniently as Node does.</summary>
    public static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf8" => Utf8.GetBytes(text), // a lone surrogate becomes EF BF BD, as in Node
        "hex" => FromHex(text),
        "base64" or "base64url" => FromBase64(text),
        "latin1" or "ascii" => FromLatin1(text), // Node writes 'ascii' as latin1: the low byte of each code unit
        "utf16le" => Encoding.Unicode.GetBytes(text.ToCharArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unnormalised encoding"),
    };

    /// <summary>The text of <paramref name="bytes"/> in <paramref name="encoding"/> (invalid UTF-8 becomes U+FFFD).</summary>
    public static string Decode(byte[] bytes, string encoding) => encoding switch
    {
        "utf8" => Utf8.GetString(bytes),
        "hex" => Convert.ToHexStringLower(bytes),
        "base64" => Convert.ToBase64String(bytes),
        "base64url" => Base64Url.EncodeToString(bytes),
        "latin1" => Latin1(bytes, 0xFF),
        "ascii" => Latin1(bytes, 0x7F),
        "utf16le" => Utf16(bytes),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unnormalised encoding"),
    };

    private static string Latin1(byte[] bytes, int mask) =>
        string.Create(bytes.Length, (bytes, mask), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)(state.bytes[i] & state.mask);
            }
        });

    // A trailing odd byte is dropped, as in Node.
    private static string Utf16(byte[] bytes) =>
        string.Create(bytes.Length / 2, bytes, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)(source[2 * i] | (source[(2 * i) + 1] << 8));
            }
        });

    private static byte[] FromLatin1(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = (byte)text[i];
        }

        return bytes;
    }

    // Node stops at the first pair that is not two hex digits; an odd last digit is dropped.
    private static byte[] FromHex(string text)
    {
        var bytes = new byte[text.Length / 2];
        var count = 0;
        for (; count < bytes.Length; count++)
        {
            var high = HexValue(text[2 * count]);
            var low = HexValue(text[(2 * count) + 1]);
            if (high < 0 || low < 0)
            {
                break;
            }

            bytes[count] = (byte)((high << 4) | low);
        }

        return count == bytes.Length ? bytes : bytes[..count];
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    // Node's base64 decoder takes both alphabets, skips every other character (whitespace, junk) and stops at the
    // first '='; leftover bits of an incomplete last group are dropped.
    private static byte[] FromBase64(string text)
    {
        var bytes = new byte[(text.Length * 3 / 4) + 3];
        int count = 0, acc = 0, bits = 0;
        foreach (var c in text)
        {
            var value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a' + 26,
                >= '0' and <= '9' => c - '0' + 52,
                '+' or '-' => 62,
                '/' or '_' => 63,
                '=' => -2,
                _ => -1,
            };
            if (value == -2)
            {
                break;
            }

            if (value < 0)
            {
                continue;
            }

            acc = ((acc << 6) | value) & 0xFFFFFF;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[count++] = (byte)(acc >> bits);
            }
        }

        return bytes[..count];
    }
}
