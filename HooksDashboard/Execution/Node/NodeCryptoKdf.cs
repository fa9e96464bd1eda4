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
        using var hmac = IncrementalHash.CreateHMAC(Name(digest), password);
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
            for (var k = 0; k < 16; k++)
            {
                x[k] ^= b[i * 16 + k];
            }

            Salsa208(x);
            var target = (i % 2 == 0 ? i / 2 : r + i / 2) * 16;
            x.CopyTo(y.AsSpan(target, 16));
        }

        Array.Copy(y, b, b.Length);
    }

    private static void Salsa208(Span<uint> b)
    {
        Span<uint> x = stackalloc uint[16];
        b.CopyTo(x);
        for (var i = 0; i < 8; i += 2)
        {
            x[4] ^= BitOperations.RotateLeft(x[0] + x[12], 7); x[8] ^= BitOperations.RotateLeft(x[4] + x[0], 9);
            x[12] ^= BitOperations.RotateLeft(x[8] + x[4], 13); x[0] ^= BitOperations.RotateLeft(x[12] + x[8], 18);
            x[9] ^= BitOperations.RotateLeft(x[5] + x[1], 7); x[13] ^= BitOperations.RotateLeft(x[9] + x[5], 9);
            x[1] ^= BitOperations.RotateLeft(x[13] + x[9], 13); x[5] ^= BitOperations.RotateLeft(x[1] + x[13], 18);
            x[14] ^= BitOperations.RotateLeft(x[10] + x[6], 7); x[2] ^= BitOperations.RotateLeft(x[14] + x[10], 9);
            x[6] ^= BitOperations.RotateLeft(x[2] + x[14], 13); x[10] ^= BitOperations.RotateLeft(x[6] + x[2], 18);
            x[3] ^= BitOperations.RotateLeft(x[15] + x[11], 7); x[7] ^= BitOperations.RotateLeft(x[3] + x[15], 9);
            x[11] ^= BitOperations.RotateLeft(x[7] + x[3], 13); x[15] ^= BitOperations.RotateLeft(x[11] + x[7], 18);
            x[1] ^= BitOperations.RotateLeft(x[0] + x[3], 7); x[2] ^= BitOperations.RotateLeft(x[1] + x[0], 9);
            x[3] ^= BitOperations.RotateLeft(x[2] + x[1], 13); x[0] ^= BitOperations.RotateLeft(x[3] + x[2], 18);
            x[6] ^= BitOperations.RotateLeft(x[5] + x[4], 7); x[7] ^= BitOperations.RotateLeft(x[6] + x[5], 9);
            x[4] ^= BitOperations.RotateLeft(x[7] + x[6], 13); x[5] ^= BitOperations.RotateLeft(x[4] + x[7], 18);
            x[11] ^= BitOperations.RotateLeft(x[10] + x[9], 7); x[8] ^= BitOperations.RotateLeft(x[11] + x[10], 9);
            x[9] ^= BitOperations.RotateLeft(x[8] + x[11], 13); x[10] ^= BitOperations.RotateLeft(x[9] + x[8], 18);
            x[12] ^= BitOperations.RotateLeft(x[15] + x[14], 7); x[13] ^= BitOperations.RotateLeft(x[12] + x[15], 9);
            x[14] ^= BitOperations.RotateLeft(x[13] + x[12], 13); x[15] ^= BitOperations.RotateLeft(x[14] + x[13], 18);
        }

        for (var i = 0; i < 16; i++)
        {
            b[i] += x[i];
        }
    }
}
