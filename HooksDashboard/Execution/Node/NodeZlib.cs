using System.IO.Compression;
using System.Runtime.CompilerServices;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// The host side of <c>zlib</c>: one call compresses or decompresses a whole input with
/// <see cref="System.IO.Compression"/> (<see cref="ZLibStream"/>, <see cref="GZipStream"/>, <see cref="DeflateStream"/>,
/// <see cref="BrotliEncoder"/>/<see cref="BrotliStream"/>) and returns a <c>Uint8Array</c>; no host object outlives
/// the call. Decompressed output is bounded by the executor's <see cref="ExecutionLimits.MaxAllocationBytes"/> (a
/// decompression bomb is a limit error, checked while inflating, never after) and by the caller's
/// <c>maxOutputLength</c>. Errors carry zlib's <c>code</c>/<c>errno</c> and, where they can be told apart, zlib's
/// messages ("incorrect header check", "unexpected end of file", "incorrect data check").
/// </summary>
internal static class NodeZlib
{
    private const int ZDataError = -3;
    private const int ZBufError = -5;
    private const int ZNeedDict = 2;

    /// <summary>
    /// Makes .NET's inflaters report truncated input ("Found truncated data") instead of returning what they had, which
    /// is how zlib's "unexpected end of file" can be told from a complete stream. The switch is process-wide and read
    /// once by <see cref="DeflateStream"/>/<see cref="BrotliStream"/>, so it is set before any of them is used.
    /// </summary>
#pragma warning disable CA2255 // This is the application's own assembly: the switch must be set before System.IO.Compression reads it.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseStrictValidation() => AppContext.SetSwitch("System.IO.Compression.UseStrictValidation", true);

    public static JsValue Binding(NodeRuntime runtime)
    {
        var engine = runtime.Engine;
        var binding = new JsObject(engine);
        binding.Set("maxOutput", JsNumber.Create(runtime.Limits.MaxAllocationBytes));
        // process(mode, input, options): options = { level, strategy, quality, lgwin, maxOutputLength, partial }.
        binding.Set("process", runtime.Function("process", args =>
        {
            var mode = TypeConverter.ToString(Arg(args, 0));
            var input = Arg(args, 1) is JsTypedArray typed ? typed.AsUint8Array() : throw new InvalidOperationException("zlib.js passes bytes as Uint8Array");
            var options = Arg(args, 2) as ObjectInstance;
            var output = Process(runtime, mode, input, options);
            return engine.Intrinsics.Uint8Array.Construct(output);
        }, 3));

        // The streams' incremental codecs: open(mode, options) gives an opaque handle; write(handle, bytes, flush) returns
        // what that input produced; params/reset/close. A handle's state is freed by close (end, destroy), by the
        // runtime's disposal with its engine, or by the garbage collector if the script drops the stream.
        binding.Set("open", runtime.Function("open", args =>
        {
            var mode = TypeConverter.ToString(Arg(args, 0));
            var options = Arg(args, 1) as ObjectInstance;
            int Option(string name, int fallback) =>
                options?.Get(name) is JsNumber n && !double.IsNaN(n.AsNumber()) ? (int)n.AsNumber() : fallback;
            var codec = ZlibCodec.Create(mode, Option("level", -1), Option("strategy", 0), Option("windowBits", 15), Option("quality", 11), Option("lgwin", 22));
            runtime.TrackZlib(codec);
            return new ZlibHandle(engine, mode, codec);
        }, 2));
        binding.Set("write", runtime.Function("write", args =>
        {
            var handle = HandleOf(Arg(args, 0));
            var input = Arg(args, 1) is JsTypedArray typed ? typed.AsUint8Array() : throw new InvalidOperationException("zlib.js passes bytes as Uint8Array");
            var flush = (int)TypeConverter.ToNumber(Arg(args, 2));
            var output = new ZlibOutput(runtime.Limits.MaxAllocationBytes, handle.Mode);
            try
            {
                handle.Codec.Write(input, flush, output);
            }
            catch (ZlibFailure failure)
            {
                handle.Codec.Release();
                throw ZlibError(runtime, failure.Message, failure.Code, failure.Errno);
            }

            return engine.Intrinsics.Uint8Array.Construct(output.ToArray());
        }, 3));
        binding.Set("params", runtime.Function("params", args =>
        {
            var handle = HandleOf(Arg(args, 0));
            var output = new ZlibOutput(runtime.Limits.MaxAllocationBytes, handle.Mode);
            handle.Codec.Params((int)TypeConverter.ToNumber(Arg(args, 1)), (int)TypeConverter.ToNumber(Arg(args, 2)), output);
            return engine.Intrinsics.Uint8Array.Construct(output.ToArray());
        }, 3));
        binding.Set("close", runtime.Function("close", args =>
        {
            if (Arg(args, 0) is ZlibHandle handle)
            {
                handle.Codec.Release();
            }

            return JsValue.Undefined;
        }, 1));
        return binding;
    }

    private static ZlibHandle HandleOf(JsValue value) =>
        value is ZlibHandle { Codec.Released: false } handle ? handle : throw new InvalidOperationException("zlib binding closed");

    /// <summary>A zlib stream's codec as script holds it: an object with no properties of its own.</summary>
    private sealed class ZlibHandle : ObjectInstance
    {
        public ZlibHandle(Engine engine, string mode, ZlibCodec codec)
            : base(engine)
        {
            Mode = mode;
            Codec = codec;
        }

        public string Mode { get; }

        public ZlibCodec Codec { get; }
    }

    private static byte[] Process(NodeRuntime runtime, string mode, byte[] input, ObjectInstance? options)
    {
        int Option(string name, int fallback) =>
            options?.Get(name) is JsNumber n && !double.IsNaN(n.AsNumber()) ? (int)n.AsNumber() : fallback;

        var userMax = options?.Get("maxOutputLength") is JsNumber max ? (long)max.AsNumber() : long.MaxValue;
        var partial = options?.Get("partial") is JsBoolean { } b && b.AsBoolean();
        switch (mode)
        {
            case "deflate":
            case "gzip":
            case "deflateRaw":
                return Compress(mode, input, Option("level", -1), Option("strategy", 0));
            case "brotliCompress":
                return CompressBrotli(input, Option("quality", 11), Option("lgwin", 22));
            case "inflate":
            case "gunzip":
            case "inflateRaw":
            case "unzip":
            case "brotliDecompress":
                return Decompress(runtime, mode, input, userMax, partial);
            default:
                throw new InvalidOperationException($"Unknown zlib mode {mode}");
        }
    }

    private static byte[] Compress(string mode, byte[] input, int level, int strategy)
    {
        if (input.Length == 0)
        {
            return EmptyStream(mode, level);
        }

        var options = new ZLibCompressionOptions
        {
            CompressionLevel = level < 0 ? 6 : level,
            CompressionStrategy = (ZLibCompressionStrategy)strategy,
        };
        using var output = new MemoryStream(input.Length / 2 + 64);
        using (Stream compressor = mode switch
        {
            "gzip" => new GZipStream(output, options, leaveOpen: true),
            "deflate" => new ZLibStream(output, options, leaveOpen: true),
            _ => new DeflateStream(output, options, leaveOpen: true),
        })
        {
            compressor.Write(input);
        }

        return output.ToArray();
    }

    /// <summary>
    /// The compressed form of no bytes, which .NET's compressors do not write (they emit nothing until given data): one
    /// final empty fixed-Huffman block (03 00), in a zlib wrapper (header by level, Adler-32 of nothing = 1) or a gzip
    /// member (CRC-32 and size 0), as zlib writes them.
    /// </summary>
    private static byte[] EmptyStream(string mode, int level)
    {
        byte[] block = [0x03, 0x00];
        return mode switch
        {
            "deflateRaw" => block,
            "deflate" => [0x78, level switch { 0 or 1 => 0x01, >= 2 and <= 5 => 0x5e, 7 or 8 or 9 => 0xda, _ => 0x9c }, .. block, 0x00, 0x00, 0x00, 0x01],
            _ => [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, .. block, 0, 0, 0, 0, 0, 0, 0, 0],
        };
    }

    private static byte[] CompressBrotli(byte[] input, int quality, int window)
    {
        var destination = new byte[BrotliEncoder.GetMaxCompressedLength(input.Length)];
        if (!BrotliEncoder.TryCompress(input, destination, out var written, quality, window))
        {
            throw new InvalidOperationException("Brotli compression did not fit its maximum compressed length");
        }

        return destination.AsSpan(0, written).ToArray();
    }

    private static byte[] Decompress(NodeRuntime runtime, string mode, byte[] input, long userMax, bool partial)
    {
        if (mode == "unzip")
        {
            mode = input.Length >= 2 && input[0] == 0x1f && input[1] == 0x8b ? "gunzip" : "inflate";
        }

        if (input.Length == 0)
        {
            return partial ? [] : throw ZlibError(runtime, "unexpected end of file", "Z_BUF_ERROR", ZBufError);
        }

        var headerError = mode switch
        {
            "inflate" => CheckZlibHeader(input),
            "gunzip" => CheckGzipHeader(input),
            _ => null,
        };
        if (headerError is { } error)
        {
            throw ZlibError(runtime, error.Message, error.Code, error.Errno);
        }

        var limit = Math.Min(userMax, runtime.Limits.MaxAllocationBytes);
        using var output = new MemoryStream();
        try
        {
            using var source = new MemoryStream(input, writable: false);
            using Stream inflater = mode switch
            {
                "inflate" => new ZLibStream(source, CompressionMode.Decompress),
                "gunzip" => new GZipStream(source, CompressionMode.Decompress),
                "inflateRaw" => new DeflateStream(source, CompressionMode.Decompress),
                _ => new BrotliStream(source, CompressionMode.Decompress),
            };
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = inflater.Read(buffer)) > 0)
            {
                if (output.Length + read > limit)
                {
                    if (limit == userMax && userMax < runtime.Limits.MaxAllocationBytes)
                    {
                        throw runtime.Error((ObjectInstance)runtime.Engine.Global.Get("RangeError"), "ERR_BUFFER_TOO_LARGE", $"Cannot create a Buffer larger than {userMax} bytes");
                    }

                    throw new ScriptLimitException(
                        $"zlib's {mode} output would exceed {runtime.Limits.MaxAllocationBytes} bytes; the limit for a single allocation is {runtime.Limits.MaxAllocationBytes} bytes");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidOperationException) when (mode == "brotliDecompress")
        {
            // .NET's Brotli decoder reports bad data as an InvalidOperationException ("Decoder ran into invalid data").
            throw ZlibError(runtime, "Decompression failed", "ERR_BROTLI_DECOMPRESSION_FAILED", null);
        }
        catch (InvalidDataException ex)
        {
            if (IsTruncation(ex))
            {
                if (partial)
                {
                    return output.ToArray();
                }

                throw ZlibError(runtime, "unexpected end of file", "Z_BUF_ERROR", ZBufError);
            }

            if (mode == "brotliDecompress")
            {
                throw ZlibError(runtime, "Decompression failed", "ERR_BROTLI_DECOMPRESSION_FAILED", null);
            }

            // The checksum is the one failure .NET does not name: the body inflating on its own means only it was wrong.
            var message = mode != "inflateRaw" && BodyInflates(mode, input) ? "incorrect data check" : "invalid compressed data";
            throw ZlibError(runtime, message, "Z_DATA_ERROR", ZDataError);
        }

        return output.ToArray();
    }

    private static bool IsTruncation(InvalidDataException ex) =>
        ex.Message.Contains("truncated", StringComparison.OrdinalIgnoreCase);

    /// <summary>zlib's own header checks (RFC 1950), with zlib's messages.</summary>
    private static (string Message, string Code, int Errno)? CheckZlibHeader(byte[] input)
    {
        if (input.Length < 2)
        {
            return null; // too short: the inflater reports the truncation
        }

        int cmf = input[0], flg = input[1];
        if (((cmf << 8) | flg) % 31 != 0)
        {
            return ("incorrect header check", "Z_DATA_ERROR", ZDataError);
        }

        if ((cmf & 0x0f) != 8)
        {
            return ("unknown compression method", "Z_DATA_ERROR", ZDataError);
        }

        if ((cmf >> 4) > 7)
        {
            return ("invalid window size", "Z_DATA_ERROR", ZDataError);
        }

        return (flg & 0x20) != 0 ? ("Missing dictionary", "Z_NEED_DICT", ZNeedDict) : null;
    }

    /// <summary>The gzip member header's fixed part (RFC 1952), with zlib's messages.</summary>
    private static (string Message, string Code, int Errno)? CheckGzipHeader(byte[] input)
    {
        if (input[0] != 0x1f || (input.Length > 1 && input[1] != 0x8b))
        {
            return ("incorrect header check", "Z_DATA_ERROR", ZDataError);
        }

        if (input.Length > 2 && input[2] != 8)
        {
            return ("unknown compression method", "Z_DATA_ERROR", ZDataError);
        }

        return input.Length > 3 && (input[3] & 0xe0) != 0 ? ("unknown header flags set", "Z_DATA_ERROR", ZDataError) : null;
    }

    /// <summary>Whether the deflate body of a zlib or gzip input inflates without its wrapper (so only the checksum failed).</summary>
    private static bool BodyInflates(string mode, byte[] input)
    {
        var start = mode == "inflate" ? 2 : GzipBodyStart(input);
        if (start < 0 || start >= input.Length)
        {
            return false;
        }

        try
        {
            using var raw = new DeflateStream(new MemoryStream(input, start, input.Length - start, writable: false), CompressionMode.Decompress);
            var buffer = new byte[16 * 1024];
            long total = 0;
            int read;
            while ((read = raw.Read(buffer)) > 0)
            {
                total += read;
                if (total > 64L * 1024 * 1024)
                {
                    return false;
                }
            }

            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static int GzipBodyStart(byte[] input)
    {
        if (input.Length < 10)
        {
            return -1;
        }

        var flags = input[3];
        var position = 10;
        if ((flags & 0x04) != 0)
        {
            if (position + 2 > input.Length) return -1;
            position += 2 + (input[position] | (input[position + 1] << 8));
        }

        if ((flags & 0x08) != 0)
        {
            while (position < input.Length && input[position] != 0) position++;
            position++;
        }

        if ((flags & 0x10) != 0)
        {
            while (position < input.Length && input[position] != 0) position++;
            position++;
        }

        if ((flags & 0x02) != 0)
        {
            position += 2;
        }

        return position;
    }

    private static JavaScriptException ZlibError(NodeRuntime runtime, string message, string code, int? errno)
    {
        var error = (ObjectInstance)runtime.Engine.Construct(runtime.Engine.Intrinsics.Error, [JsString.Create(message)]);
        if (errno is { } number)
        {
            error.Set("errno", JsNumber.Create(number));
        }

        error.Set("code", JsString.Create(code));
        return new JavaScriptException(error);
    }

    private static JsValue Arg(JsValue[] args, int index) => args.Length > index ? args[index] : JsValue.Undefined;
}
