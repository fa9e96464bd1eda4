using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using Jint.Constraints;
using Jint.Native;
using Jint.Runtime;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// Key derivation for <c>crypto</c>: PBKDF2 (any provided digest), scrypt (RFC 7914: .NET has none, so ROMix with
/// Salsa20/8 is written here over the host's PBKDF2-HMAC-SHA256) and HKDF. The long loops check the invocation's
/// deadline as they go, so a costly derivation ends as the hook's timeout instead of holding the thread; the costs
/// themselves are bounded (<see cref="MaxPbkdf2Iterations"/>, <see cref="MaxScryptMemory"/>).
/// </summary>
internal static class NodeCryptoKdf
{
    /// <summary>Most PBKDF2 iterations: 10 times OWASP's 600,000 for SHA-256; the deadline bounds the time anyway.</summary>
    public const int MaxPbkdf2Iterations = 10_000_000;

    /// <summary>Most memory scrypt may use (Node's default <c>maxmem</c>): 128·N·r bytes of ROMix state plus the blocks.</summary>
    public const long MaxScryptMemory = 32L * 1024 * 1024;

    /// <summary>Most bytes one derivation produces.</summary>
    public const int MaxDerivedBytes = 1024 * 1024;

    public static void Register(NodeRuntime runtime, JsObject binding)
    {
        binding.Set("maxPbkdf2Iterations", JsNumber.Create(MaxPbkdf2Iterations));
        binding.Set("maxScryptMemory", JsNumber.Create(MaxScryptMemory));
        binding.Set("maxDerivedBytes", JsNumber.Create(MaxDerivedBytes));

        // pbkdf2(password, salt, iterations, keylen, digest)
        binding.Set("pbkdf2", runtime.Function("pbkdf2", args =>
        {
            var output = Pbkdf2(runtime, NodeCrypto.BytesOf(runtime, args[0]), NodeCrypto.BytesOf(runtime, args[1]),
                (int)TypeConverter.ToNumber(args[2]), (int)TypeConverter.ToNumber(args[3]), TypeConverter.ToString(args[4]));
            return runtime.Engine.Intrinsics.Uint8Array.Construct(output);
        }, 5));

        // scrypt(password, salt, keylen, N, r, p): parameters checked by the script.
        binding.Set("scrypt", runtime.Function("scrypt", args =>
        {
            var output = Scrypt(runtime, NodeCrypto.BytesOf(runtime, args[0]), NodeCrypto.BytesOf(runtime, args[1]),
                (int)TypeConverter.ToNumber(args[2]), (long)TypeConverter.ToNumber(args[3]), (int)TypeConverter.ToNumber(args[4]), (int)TypeConverter.ToNumber(args[5]));
            return runtime.Engine.Intrinsics.Uint8Array.Construct(output);
        }, 6));

        // hkdf(digest, ikm, salt, info, keylen)
        binding.Set("hkdf", runtime.Function("hkdf", args =>
        {
            var output = HKDF.DeriveKey(Name(TypeConverter.ToString(args[0])), NodeCrypto.BytesOf(runtime, args[1]),
                (int)TypeConverter.ToNumber(args[4]), NodeCrypto.BytesOf(runtime, args[2]), NodeCrypto.BytesOf(runtime, args[3]));
            return runtime.Engine.Intrinsics.Uint8Array.Construct(output);
        }, 5));
    }

    /// <summary>Most HMAC computations (iterations × output blocks) given to the platform's uninterruptible PBKDF2.</summary>
    private const long PlatformPbkdf2Work = 1_000_000;

    private static int HashLength(HashAlgorithmName name) => name.Name switch
    {
        "MD5" => 16,
        "SHA1" => 20,
        "SHA384" => 48,
        "SHA512" => 64,
        _ => 32,
    };

    private static HashAlgorithmName Name(string digest) => digest switch
    {
        "md5" => HashAlgorithmName.MD5,
        "sha1" => HashAlgorithmName.SHA1,
        "sha384" => HashAlgorithmName.SHA384,
        "sha512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    private static void CheckDeadline(NodeRuntime runtime) => runtime.Engine.Constraints.Find<OperationDeadlineConstraint>()?.Check();

    // RFC 8018 5.2 with one keyed HMAC reused for every iteration, checking the deadline every 4,096 iterations.
    private static byte[] Pbkdf2(NodeRuntime runtime, byte[] password, byte[] salt, int iterations, int length, string digest)
    {
        var name = Name(digest);
        // Small derivations (a second at most) go to the platform's one-shot PBKDF2, several times faster than the
        // loop below but not interruptible; larger ones, and MD5 (which it lacks), take the loop with deadline checks.
        var blocks = (length + HashLength(name) - 1) / HashLength(name);
        if (name != HashAlgorithmName.MD5 && (long)iterations * Math.Max(blocks, 1) <= PlatformPbkdf2Work)
        {
            CheckDeadline(runtime);
            return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, name, length);
        }

        using var hmac = IncrementalHash.CreateHMAC(name, password);
        var hashLength = hmac.HashLengthInBytes;
        var output = new byte[length];
        Span<byte> u = stackalloc byte[hashLength];
        Span<byte> t = stackalloc byte[hashLength];
        Span<byte> index = stackalloc byte[4];
        for (uint block = 1, offset = 0; offset < length; block++, offset += (uint)hashLength)
        {
            hmac.AppendData(salt);
            BinaryPrimitives.WriteUInt32BigEndian(index, block);
            hmac.AppendData(index);
            hmac.GetHashAndReset(u);
            u.CopyTo(t);
            for (var i = 1; i < iterations; i++)
            {
                if ((i & 4095) == 0)
                {
                    CheckDeadline(runtime);
                }

                hmac.AppendData(u);
                hmac.GetHashAndReset(u);
                for (var j = 0; j < hashLength; j++)
                {
                    t[j] ^= u[j];
                }
            }

            t[..Math.Min(hashLength, length - (int)offset)].CopyTo(output.AsSpan((int)offset));
        }

        return output;
    }

    // RFC 7914 scrypt: B = PBKDF2-SHA256(P, S, 1, p·128·r); each block through ROMix; DK = PBKDF2-SHA256(P, B, 1, dkLen).
    private static byte[] Scrypt(NodeRuntime runtime, byte[] password, byte[] salt, int length, long n, int r, int p)
    {
        var blockLength = 128 * r;
        var b = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * blockLength);
        var words = 32 * r;
        var x = new uint[words];
        var v = new uint[checked((int)(n * words))];
        var scratch = new uint[words];
        for (var i = 0; i < p; i++)
        {
            var chunk = b.AsSpan(i * blockLength, blockLength);
            for (var k = 0; k < words; k++)
            {
                x[k] = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(k * 4)..]);
            }

            RoMix(runtime, x, v, scratch, n, r);
            for (var k = 0; k < words; k++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(chunk[(k * 4)..], x[k]);
            }
        }

        return Rfc2898DeriveBytes.Pbkdf2(password, b, 1, HashAlgorithmName.SHA256, length);
    }

    private static void RoMix(NodeRuntime runtime, uint[] x, uint[] v, uint[] scratch, long n, int r)
    {
        var words = x.Length;
        for (long i = 0; i < n; i++)
        {
            if ((i & 1023) == 0)
            {
                CheckDeadline(runtime);
            }

            Array.Copy(x, 0, v, i * words, words);
            BlockMix(x, scratch, r);
        }

        for (long i = 0; i < n; i++)
        {
            if ((i & 1023) == 0)
            {
                CheckDeadline(runtime);
            }

            // Integerify: the first word of the last 64-byte block, modulo N (a power of two up to 2^32 here).
            var j = (long)(x[(2 * r - 1) * 16] & (ulong)(n - 1));
            for (var k = 0; k < words; k++)
            {
                x[k] ^= v[j * words + k];
            }

            BlockMix(x, scratch, r);
        }
    }

    // BlockMix_{Salsa20/8, r}: Y_i = Salsa(X ^ B_i); output the even Y's then the odd ones.
    private static void BlockMix(uint[] b, uint[] y, int r)
    {
        Span<uint> x = stackalloc uint[16];
        b.AsSpan((2 * r - 1) * 16, 16).CopyTo(x);
        for (var i = 0; i < 2 * r; i++)
        {
            var block = b.AsSpan(i * 16, 16);
            for (var k = 0; k < 16; k++)
            {
                x[k] ^= block[k];
            }

            Salsa208(x);
            x.CopyTo(y.AsSpan((i % 2 == 0 ? i / 2 : r + i / 2) * 16, 16));
        }

        Array.Copy(y, b, b.Length);
    }

    // Salsa20/8's core on 16 words held in locals (the hot loop of scrypt: N·2r calls per block).
    private static void Salsa208(Span<uint> b)
    {
        uint x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7];
        uint x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14], x15 = b[15];
        for (var i = 0; i < 8; i += 2)
        {
            x4 ^= BitOperations.RotateLeft(x0 + x12, 7); x8 ^= BitOperations.RotateLeft(x4 + x0, 9);
            x12 ^= BitOperations.RotateLeft(x8 + x4, 13); x0 ^= BitOperations.RotateLeft(x12 + x8, 18);
            x9 ^= BitOperations.RotateLeft(x5 + x1, 7); x13 ^= BitOperations.RotateLeft(x9 + x5, 9);
            x1 ^= BitOperations.RotateLeft(x13 + x9, 13); x5 ^= BitOperations.RotateLeft(x1 + x13, 18);
            x14 ^= BitOperations.RotateLeft(x10 + x6, 7); x2 ^= BitOperations.RotateLeft(x14 + x10, 9);
            x6 ^= BitOperations.RotateLeft(x2 + x14, 13); x10 ^= BitOperations.RotateLeft(x6 + x2, 18);
            x3 ^= BitOperations.RotateLeft(x15 + x11, 7); x7 ^= BitOperations.RotateLeft(x3 + x15, 9);
            x11 ^= BitOperations.RotateLeft(x7 + x3, 13); x15 ^= BitOperations.RotateLeft(x11 + x7, 18);
            x1 ^= BitOperations.RotateLeft(x0 + x3, 7); x2 ^= BitOperations.RotateLeft(x1 + x0, 9);
            x3 ^= BitOperations.RotateLeft(x2 + x1, 13); x0 ^= BitOperations.RotateLeft(x3 + x2, 18);
            x6 ^= BitOperations.RotateLeft(x5 + x4, 7); x7 ^= BitOperations.RotateLeft(x6 + x5, 9);
            x4 ^= BitOperations.RotateLeft(x7 + x6, 13); x5 ^= BitOperations.RotateLeft(x4 + x7, 18);
            x11 ^= BitOperations.RotateLeft(x10 + x9, 7); x8 ^= BitOperations.RotateLeft(x11 + x10, 9);
            x9 ^= BitOperations.RotateLeft(x8 + x11, 13); x10 ^= BitOperations.RotateLeft(x9 + x8, 18);
            x12 ^= BitOperations.RotateLeft(x15 + x14, 7); x13 ^= BitOperations.RotateLeft(x12 + x15, 9);
            x14 ^= BitOperations.RotateLeft(x13 + x12, 13); x15 ^= BitOperations.RotateLeft(x14 + x13, 18);
        }

        b[0] += x0; b[1] += x1; b[2] += x2; b[3] += x3; b[4] += x4; b[5] += x5; b[6] += x6; b[7] += x7;
        b[8] += x8; b[9] += x9; b[10] += x10; b[11] += x11; b[12] += x12; b[13] += x13; b[14] += x14; b[15] += x15;
    }
}
