using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HooksDashboard.Storage;

/// <summary>
/// ULID-style ids like Auth0's hook ids (<c>01GQN0P01XY4VE0PCK7H20QZ4M</c>): 26 characters of Crockford
/// base32 encoding a 48-bit Unix millisecond timestamp followed by 80 random bits, so ids sort by creation time.
/// </summary>
public static class Ulid
{
    public const int Length = 26;

    /// <summary>Crockford's base32: no I, L, O or U, so ids read back unambiguously.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private const int RandomBytes = 10;

    /// <summary>
    /// Random parts drawn from the system's generator at once. One draw costs about as much for 1,000 bytes as for 10
    /// (10-25 µs on the 2-core benchmark machine, a system call): drawing per id made that the largest part of
    /// recording an invocation on the request path (docs/benchmarks.md, "the hooked request, stage by stage").
    /// </summary>
    internal const int PoolBytes = RandomBytes * 100;

    private static readonly Lock Gate = new();
    private static long _lastMilliseconds = -1;
    private static readonly byte[] LastRandom = new byte[RandomBytes];
    private static readonly byte[] Pool = new byte[PoolBytes];
    // Bytes of Pool already handed out; PoolBytes when it must be refilled.
    private static int _poolUsed = PoolBytes;

    /// <summary>A new id for the current time.</summary>
    public static string NewId() => NewId(DateTimeOffset.UtcNow);

    /// <summary>
    /// A new id for <paramref name="time"/>. Within one millisecond the random part is incremented instead of
    /// redrawn (the ULID spec's monotonic mode), so ids made in a burst still sort in creation order.
    /// </summary>
    public static string NewId(DateTimeOffset time)
    {
        var milliseconds = time.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(time));

        Span<byte> bytes = stackalloc byte[16];
        lock (Gate)
        {
            if (milliseconds != _lastMilliseconds || !Increment(LastRandom))
            {
                DrawRandom(LastRandom);
                _lastMilliseconds = milliseconds;
            }
            LastRandom.CopyTo(bytes[6..]);
        }
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)milliseconds;
            milliseconds >>= 8;
        }
        return Encode(bytes);
    }

    /// <summary>Fresh random bytes from the pool, each handed out once; under the gate.</summary>
    private static void DrawRandom(Span<byte> destination)
    {
        if (_poolUsed + destination.Length > PoolBytes)
        {
            RandomNumberGenerator.Fill(Pool);
            _poolUsed = 0;
        }
        Pool.AsSpan(_poolUsed, destination.Length).CopyTo(destination);
        // Not kept once used: a later reader of the pool's memory cannot learn an id's random part from it.
        Pool.AsSpan(_poolUsed, destination.Length).Clear();
        _poolUsed += destination.Length;
    }

    /// <summary>Adds one to a big-endian number; false when it overflows (then a fresh random part is drawn).</summary>
    private static bool Increment(byte[] value)
    {
        for (var i = value.Length - 1; i >= 0; i--)
        {
            if (++value[i] != 0)
                return true;
        }
        return false;
    }

    /// <summary>128 bits as 26 base32 digits, most significant first (the top 2 of the 130 encoded bits are 0).</summary>
    private static string Encode(ReadOnlySpan<byte> bytes) =>
        string.Create(Length, BinaryPrimitives.ReadUInt128BigEndian(bytes), static (chars, value) =>
        {
            for (var i = Length - 1; i >= 0; i--)
            {
                chars[i] = Alphabet[(int)(value & 31)];
                value >>= 5;
            }
        });
}
