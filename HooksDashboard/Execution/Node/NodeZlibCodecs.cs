using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Org.BouncyCastle.Utilities.Zlib;

namespace HooksDashboard.Execution.Node;

/// <summary>A failure of a zlib stream, as zlib reports it: Node turns it into an <c>Error</c> with <c>code</c>/<c>errno</c>.</summary>
internal sealed class ZlibFailure(string message, string code, int? errno) : Exception(message)
{
    public string Code { get; } = code;

    public int? Errno { get; } = errno;

    public static ZlibFailure UnexpectedEnd() => new("unexpected end of file", "Z_BUF_ERROR", -5);

    public static ZlibFailure DataError(string message) => new(message, "Z_DATA_ERROR", -3);
}

/// <summary>What one write of a zlib stream produced, bounded before each block is added.</summary>
internal sealed class ZlibOutput(long limit, string mode)
{
    private byte[] _bytes = [];

    public int Length { get; private set; }

    public void Add(ReadOnlySpan<byte> block)
    {
        if (block.IsEmpty)
        {
            return;
        }

        if (Length + (long)block.Length > limit)
        {
            throw new ScriptLimitException(
                $"zlib's {mode} output would exceed {limit} bytes; the limit for a single allocation is {limit} bytes");
        }

        if (Length + block.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(Length + block.Length, Math.Max(256, _bytes.Length * 2)));
        }

        block.CopyTo(_bytes.AsSpan(Length));
        Length += block.Length;
    }

    public byte[] ToArray() => _bytes.AsSpan(0, Length).ToArray();
}

/// <summary>
/// The compressor or decompressor state of one zlib stream (<c>createGzip()</c>, ...), kept between its writes so output
/// is produced as input arrives. Flush values are Node's (<c>Z_NO_FLUSH</c> ... <c>Z_FINISH</c>, or brotli's
/// <c>BROTLI_OPERATION_*</c>). <see cref="Release"/> frees the state (brotli's is native); a codec that is dropped without
/// it is freed by the garbage collector (brotli's handles have finalizers).
/// </summary>
internal abstract class ZlibCodec
{
    private static int s_live;

    protected ZlibCodec() => Interlocked.Increment(ref s_live);

    /// <summary>Codecs created and not yet released, process-wide (for tests of their release).</summary>
    internal static int Live => Volatile.Read(ref s_live);

    public bool Released { get; private set; }

    /// <summary>Consumes all of <paramref name="input"/> (or ignores what follows the end of the data) and adds what it produced.</summary>
    public abstract void Write(ReadOnlySpan<byte> input, int flush, ZlibOutput output);

    /// <summary>Changes level and strategy mid-stream (deflate; the others ignore it, as zlib does); Node flushes before calling it.</summary>
    public virtual void Params(int level, int strategy, ZlibOutput output)
    {
    }

    public void Release()
    {
        if (Released)
        {
            return;
        }

        Released = true;
        Interlocked.Decrement(ref s_live);
        Free();
    }

    protected abstract void Free();

    public static ZlibCodec Create(string mode, int level, int strategy, int windowBits, int quality, int lgwin) => mode switch
    {
        "deflate" or "gzip" or "deflateRaw" => new DeflateCodec(mode, level, strategy, windowBits),
        "inflate" or "gunzip" or "inflateRaw" or "unzip" => new InflateCodec(mode),
        "brotliCompress" => new BrotliCompressCodec(quality, lgwin),
        "brotliDecompress" => new BrotliDecompressCodec(),
        _ => throw new InvalidOperationException($"Unknown zlib mode {mode}"),
    };

    protected const int BlockSize = 16 * 1024;
}

/// <summary>CRC-32 (IEEE, as gzip's trailer and zlib's <c>crc32</c>).</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
    {
        crc = ~crc;
        foreach (var b in bytes)
        {
            crc = Table[(crc ^ b) & 0xff] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xedb88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

/// <summary>
/// deflate, raw deflate and gzip on a managed zlib (BouncyCastle's port of JZlib, zlib 1.1.3), which has what
/// .NET's <see cref="DeflateStream"/> lacks: <c>Z_FULL_FLUSH</c>, <c>Z_PARTIAL_FLUSH</c> and <c>deflateParams</c>. The gzip
/// wrapper (header, CRC-32, size) is written here, as that zlib predates gzip support.
/// </summary>
internal sealed class DeflateCodec : ZlibCodec
{
    private readonly ZStream _z = new();
    private readonly bool _gzip;
    private readonly byte[] _block = new byte[BlockSize];
    private readonly int _level;
    private readonly int _strategy;
    private bool _headerWritten;
    private bool _ended;
    private uint _crc;
    private uint _size;

    public DeflateCodec(string mode, int level, int strategy, int windowBits)
    {
        _gzip = mode == "gzip";
        _level = level < 0 ? 6 : level;
        _strategy = strategy;
        // zlib turns 8 into 9 for deflate; the header then names a 512-byte window.
        var bits = Math.Clamp(windowBits, 9, 15);
        var rc = _z.deflateInit(_level, bits, nowrap: mode != "deflate");
        if (rc != JZlib.Z_OK)
        {
            throw new InvalidOperationException($"deflateInit failed ({rc})");
        }

        if (SupportedStrategy(strategy) != 0)
        {
            _z.next_out = _block;
            _z.next_out_index = 0;
            _z.avail_out = _block.Length;
            _z.deflateParams(_level, SupportedStrategy(strategy));
        }
    }

    /// <summary>zlib 1.1.3 knows filtered and Huffman-only; RLE and fixed (zlib 1.2) compress with the default strategy.</summary>
    private static int SupportedStrategy(int strategy) => strategy is 1 or 2 ? strategy : 0;

    public override void Write(ReadOnlySpan<byte> input, int flush, ZlibOutput output)
    {
        if (_ended)
        {
            return;
        }

        if (_gzip && !_headerWritten)
        {
            _headerWritten = true;
            // zlib's header: no name, no time, XFL by level (2 = best, 4 = fastest), OS 3 (Unix).
            byte xfl = _level == 9 ? (byte)2 : _level < 2 || _strategy >= 2 ? (byte)4 : (byte)0;
            output.Add([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3]);
        }

        if (_gzip)
        {
            _crc = Crc32.Update(_crc, input);
            _size += (uint)input.Length;
        }

        var zflush = flush switch
        {
            5 => JZlib.Z_PARTIAL_FLUSH, // Z_BLOCK: zlib 1.1.3 has no block flush; a partial flush also ends at a block boundary
            > 5 or < 0 => JZlib.Z_NO_FLUSH,
            _ => flush,
        };
        var source = input.ToArray();
        _z.next_in = source;
        _z.next_in_index = 0;
        _z.avail_in = source.Length;
        while (true)
        {
            _z.next_out = _block;
            _z.next_out_index = 0;
            _z.avail_out = _block.Length;
            var rc = _z.deflate(zflush);
            output.Add(_block.AsSpan(0, _block.Length - _z.avail_out));
            if (rc == JZlib.Z_STREAM_END)
            {
                _ended = true;
                break;
            }

            if (rc != JZlib.Z_OK && rc != JZlib.Z_BUF_ERROR)
            {
                throw new ZlibFailure(_z.msg ?? "stream error", "Z_STREAM_ERROR", -2);
            }

            if (rc == JZlib.Z_BUF_ERROR || (_z.avail_out != 0 && zflush != JZlib.Z_FINISH))
            {
                break;
            }
        }

        _z.next_in = null;
        if (_ended && _gzip)
        {
            Span<byte> trailer = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], _size);
            output.Add(trailer);
        }
    }

    public override void Params(int level, int strategy, ZlibOutput output)
    {
        if (_ended)
        {
            return;
        }

        _z.next_in = [];
        _z.next_in_index = 0;
        _z.avail_in = 0;
        _z.next_out = _block;
        _z.next_out_index = 0;
        _z.avail_out = _block.Length;
        var rc = _z.deflateParams(level < 0 ? 6 : level, SupportedStrategy(strategy));
        output.Add(_block.AsSpan(0, _block.Length - _z.avail_out));
        if (rc != JZlib.Z_OK && rc != JZlib.Z_BUF_ERROR)
        {
            throw new ZlibFailure(_z.msg ?? "stream error", "Z_STREAM_ERROR", -2);
        }
    }

    protected override void Free()
    {
        _z.deflateEnd();
        _z.free();
    }
}

/// <summary>
/// inflate (zlib wrapper), raw inflate, gunzip (multi-member: a member followed by anything but zero bytes starts another,
/// as Node does) and unzip (gzip or zlib told by the first two bytes), on the same managed zlib, with zlib's messages.
/// </summary>
internal sealed class InflateCodec : ZlibCodec
{
    private enum Phase
    {
        Detect,
        ZlibHeader,
        Header,
        Body,
        Trailer,
        Between, // a gzip member ended: a next byte other than 0 starts another member
        Done,
    }

    private readonly byte[] _block = new byte[BlockSize];
    private readonly List<byte> _pending = []; // header or trailer bytes gathered across writes
    private string _mode;
    private Phase _phase;
    private ZStream? _z;
    private uint _crc;
    private uint _size;

    public InflateCodec(string mode)
    {
        _mode = mode;
        _phase = mode switch
        {
            "unzip" => Phase.Detect,
            "gunzip" => Phase.Header,
            "inflate" => Phase.ZlibHeader,
            _ => Phase.Body,
        };
        if (_phase == Phase.Body)
        {
            StartBody();
        }
    }

    private void StartBody()
    {
        _z = new ZStream();
        var rc = _z.inflateInit(15, nowrap: _mode != "inflate");
        if (rc != JZlib.Z_OK)
        {
            throw new InvalidOperationException($"inflateInit failed ({rc})");
        }

        _crc = 0;
        _size = 0;
        _phase = Phase.Body;
    }

    public override void Write(ReadOnlySpan<byte> input, int flush, ZlibOutput output)
    {
        Feed(input.ToArray(), output);
        if (flush == JZlib.Z_FINISH && _phase is not (Phase.Done or Phase.Between))
        {
            if (_phase == Phase.Body && _mode == "inflateRaw" && FinishRaw(output))
            {
                return;
            }

            throw ZlibFailure.UnexpectedEnd();
        }
    }

    private void Feed(byte[] data, ZlibOutput output)
    {
        var position = 0;
        while (position < data.Length && _phase != Phase.Done)
        {
            position = _phase switch
            {
                Phase.Detect => Detect(data, position, output),
                Phase.ZlibHeader => ZlibHeader(data, position, output),
                Phase.Header => Header(data, position),
                Phase.Body => Body(data, position, output),
                Phase.Trailer => Trailer(data, position),
                _ => Between(data, position),
            };
        }
    }

    /// <summary>
    /// The zlib header (RFC 1950), checked here in zlib 1.2's order and words (zlib 1.1.3 checks the method first), then
    /// given to the inflater with the rest.
    /// </summary>
    private int ZlibHeader(byte[] data, int position, ZlibOutput output)
    {
        _pending.Add(data[position++]);
        if (_pending.Count < 2)
        {
            return position;
        }

        int cmf = _pending[0], flg = _pending[1];
        if (((cmf << 8) | flg) % 31 != 0)
        {
            throw ZlibFailure.DataError("incorrect header check");
        }

        if ((cmf & 0x0f) != 8)
        {
            throw ZlibFailure.DataError("unknown compression method");
        }

        if ((cmf >> 4) > 7)
        {
            throw ZlibFailure.DataError("invalid window size");
        }

        if ((flg & 0x20) != 0)
        {
            throw new ZlibFailure("Missing dictionary", "Z_NEED_DICT", 2);
        }

        var header = _pending.ToArray();
        _pending.Clear();
        StartBody();
        Body(header, 0, output);
        return position;
    }

    /// <summary>unzip: gzip when the input starts 1f 8b, otherwise zlib (decided once two bytes, or a first byte other than 1f, arrived).</summary>
    private int Detect(byte[] data, int position, ZlibOutput output)
    {
        _pending.Add(data[position]);
        if (_pending[0] == 0x1f && _pending.Count < 2)
        {
            return position + 1;
        }

        var gzip = _pending.Count == 2 && _pending[1] == 0x8b;
        var replay = _pending.ToArray();
        _pending.Clear();
        _mode = gzip ? "gunzip" : "inflate";
        _phase = gzip ? Phase.Header : Phase.ZlibHeader;
        // The bytes already taken start the stream: they go first.
        Feed(replay, output);
        return position + 1;
    }

    /// <summary>A gzip member's header (RFC 1952), gathered across writes; zlib's messages for what zlib rejects.</summary>
    private int Header(byte[] data, int position)
    {
        while (position < data.Length)
        {
            _pending.Add(data[position++]);
            var count = _pending.Count;
            if ((count == 1 && _pending[0] != 0x1f) || (count == 2 && _pending[1] != 0x8b))
            {
                throw ZlibFailure.DataError("incorrect header check");
            }

            if (count == 3 && _pending[2] != 8)
            {
                throw ZlibFailure.DataError("unknown compression method");
            }

            if (count == 4 && (_pending[3] & 0xe0) != 0)
            {
                throw ZlibFailure.DataError("unknown header flags set");
            }

            if (HeaderLength() is { } length && count == length)
            {
                if ((_pending[3] & 0x02) != 0)
                {
                    var bytes = _pending.ToArray();
                    var expected = (ushort)Crc32.Update(0, bytes.AsSpan(0, length - 2));
                    if (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(length - 2)) != expected)
                    {
                        throw ZlibFailure.DataError("header crc mismatch");
                    }
                }

                _pending.Clear();
                StartBody();
                return position;
            }
        }

        return position;
    }

    /// <summary>The header's full length once the gathered bytes tell it, else null.</summary>
    private int? HeaderLength()
    {
        if (_pending.Count < 10)
        {
            return null;
        }

        var flags = _pending[3];
        var length = 10;
        if ((flags & 0x04) != 0)
        {
            if (_pending.Count < 12)
            {
                return null;
            }

            length += 2 + (_pending[10] | (_pending[11] << 8));
        }

        foreach (var flag in new[] { 0x08, 0x10 })
        {
            if ((flags & flag) == 0)
            {
                continue;
            }

            var end = _pending.IndexOf(0, Math.Min(length, _pending.Count));
            if (end < 0 || length > _pending.Count)
            {
                return null;
            }

            length = end + 1;
        }

        return (flags & 0x02) != 0 ? length + 2 : length;
    }

    private int Body(byte[] data, int position, ZlibOutput output)
    {
        var z = _z!;
        z.next_in = data;
        z.next_in_index = position;
        z.avail_in = data.Length - position;
        while (true)
        {
            z.next_out = _block;
            z.next_out_index = 0;
            z.avail_out = _block.Length;
            var rc = z.inflate(JZlib.Z_NO_FLUSH);
            var produced = _block.AsSpan(0, _block.Length - z.avail_out);
            if (!produced.IsEmpty)
            {
                output.Add(produced);
                if (_mode == "gunzip")
                {
                    _crc = Crc32.Update(_crc, produced);
                    _size += (uint)produced.Length;
                }
            }

            switch (rc)
            {
                case JZlib.Z_STREAM_END:
                    var rest = z.next_in_index;
                    EndBody();
                    return rest;
                case JZlib.Z_NEED_DICT:
                    throw new ZlibFailure("Missing dictionary", "Z_NEED_DICT", 2);
                case JZlib.Z_DATA_ERROR:
                    throw ZlibFailure.DataError(z.msg ?? "invalid compressed data");
                case JZlib.Z_OK when z.avail_out == 0 || z.avail_in > 0:
                    continue;
                case JZlib.Z_OK or JZlib.Z_BUF_ERROR:
                    z.next_in = null;
                    return data.Length;
                default:
                    throw new ZlibFailure(z.msg ?? "stream error", "Z_STREAM_ERROR", -2);
            }
        }
    }

    /// <summary>
    /// zlib 1.1.3 may need one more (dummy) byte after a raw deflate stream to report its end; given at the end of
    /// input, it tells a complete raw stream from a truncated one.
    /// </summary>
    private bool FinishRaw(ZlibOutput output)
    {
        try
        {
            Body([0], 0, output);
        }
        catch (ZlibFailure)
        {
            return false;
        }

        return _phase == Phase.Done;
    }

    private void EndBody()
    {
        _z!.inflateEnd();
        _z.free();
        _z = null;
        _phase = _mode == "gunzip" ? Phase.Trailer : Phase.Done;
    }

    /// <summary>A gzip member's trailer: CRC-32 and size of the data (zlib's "incorrect data check"/"incorrect length check").</summary>
    private int Trailer(byte[] data, int position)
    {
        while (position < data.Length && _pending.Count < 8)
        {
            _pending.Add(data[position++]);
        }

        if (_pending.Count < 8)
        {
            return position;
        }

        var trailer = _pending.ToArray();
        _pending.Clear();
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != _crc)
        {
            throw ZlibFailure.DataError("incorrect data check");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(4)) != _size)
        {
            throw ZlibFailure.DataError("incorrect length check");
        }

        _phase = Phase.Between;
        return position;
    }

    /// <summary>After a gzip member: zero bytes end the data (the rest is ignored, as Node does), anything else is a new member.</summary>
    private int Between(byte[] data, int position)
    {
        _phase = data[position] == 0 ? Phase.Done : Phase.Header;
        return position;
    }

    protected override void Free()
    {
        _z?.inflateEnd();
        _z?.free();
        _z = null;
    }
}

/// <summary>Brotli compression on .NET's <see cref="BrotliEncoder"/>, which keeps its state between calls and can flush.</summary>
internal sealed class BrotliCompressCodec(int quality, int window) : ZlibCodec
{
    private const int OperationFlush = 1;
    private const int OperationFinish = 2;
    private const int OperationEmitMetadata = 3;

    private BrotliEncoder _encoder = new(quality, window);
    private readonly byte[] _block = new byte[BlockSize];
    private bool _ended;

    public override void Write(ReadOnlySpan<byte> input, int flush, ZlibOutput output)
    {
        if (_ended)
        {
            return;
        }

        var final = flush == OperationFinish;
        while (true)
        {
            var status = _encoder.Compress(input, _block, out var consumed, out var written, final);
            input = input[consumed..];
            output.Add(_block.AsSpan(0, written));
            if (status == OperationStatus.Done && input.IsEmpty)
            {
                break;
            }

            if (status is not (OperationStatus.Done or OperationStatus.DestinationTooSmall))
            {
                throw new ZlibFailure("Compression failed", "ERR_BROTLI_COMPRESSION_FAILED", null);
            }
        }

        _ended = final;
        if (flush is OperationFlush or OperationEmitMetadata)
        {
            OperationStatus status;
            do
            {
                status = _encoder.Flush(_block, out var written);
                output.Add(_block.AsSpan(0, written));
            }
            while (status == OperationStatus.DestinationTooSmall);
        }
    }

    protected override void Free() => _encoder.Dispose();
}

/// <summary>Brotli decompression on .NET's <see cref="BrotliDecoder"/>, fed as input arrives.</summary>
internal sealed class BrotliDecompressCodec : ZlibCodec
{
    private const int OperationFinish = 2;

    private BrotliDecoder _decoder;
    private readonly byte[] _block = new byte[BlockSize];
    private bool _ended;

    public override void Write(ReadOnlySpan<byte> input, int flush, ZlibOutput output)
    {
        while (!_ended)
        {
            var status = _decoder.Decompress(input, _block, out var consumed, out var written);
            input = input[consumed..];
            output.Add(_block.AsSpan(0, written));
            if (status == OperationStatus.Done)
            {
                _ended = true;
            }
            else if (status == OperationStatus.InvalidData)
            {
                throw new ZlibFailure("Decompression failed", "ERR_BROTLI_DECOMPRESSION_FAILED", null);
            }
            else if (status == OperationStatus.NeedMoreData && (input.IsEmpty || (consumed == 0 && written == 0)))
            {
                break;
            }
        }

        if (flush == OperationFinish && !_ended)
        {
            throw ZlibFailure.UnexpectedEnd();
        }
    }

    protected override void Free() => _decoder.Dispose();
}
