using System.Buffers.Binary;
using System.Security.Cryptography;
using Jint.Native;
using Jint.Runtime;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// AES for <c>createCipheriv</c>/<c>createDecipheriv</c>: the block work of ECB and CBC (padding and buffering are the
/// script's), CTR and GCM's keystream at any byte offset, and GCM's tag (GHASH). The cipher's state (key, chaining
/// block, offset, the ciphertext a tag covers) lives in the script; each call imports the key for that call only.
/// .NET's <see cref="AesGcm"/> takes only 12-byte nonces and whole messages, while Node streams and accepts any IV
/// length, so GCM is CTR over AES-ECB plus GHASH here (checked against node's output).
/// </summary>
internal static class NodeCryptoCiphers
{
    public static void Register(NodeRuntime runtime, JsObject binding)
    {
        // aesBlocks(mode 'ecb'|'cbc', key, iv, data, decrypt): data is a whole number of blocks.
        binding.Set("aesBlocks", runtime.Function("aesBlocks", args =>
        {
            using var aes = Aes.Create();
            aes.Key = NodeCrypto.BytesOf(runtime, args[1]);
            var data = NodeCrypto.BytesOf(runtime, args[3]);
            var decrypt = TypeConverter.ToBoolean(args[4]);
            var output = TypeConverter.ToString(args[0]) == "ecb"
                ? decrypt ? aes.DecryptEcb(data, PaddingMode.None) : aes.EncryptEcb(data, PaddingMode.None)
                : decrypt ? aes.DecryptCbc(data, NodeCrypto.BytesOf(runtime, args[2]), PaddingMode.None) : aes.EncryptCbc(data, NodeCrypto.BytesOf(runtime, args[2]), PaddingMode.None);
            return runtime.Engine.Intrinsics.Uint8Array.Construct(output);
        }, 5));

        // aesStream(mode 'ctr'|'gcm', key, iv, offset, data): XOR with the keystream from byte `offset` on.
        binding.Set("aesStream", runtime.Function("aesStream", args =>
        {
            using var aes = Aes.Create();
            aes.Key = NodeCrypto.BytesOf(runtime, args[1]);
            var iv = NodeCrypto.BytesOf(runtime, args[2]);
            var gcm = TypeConverter.ToString(args[0]) == "gcm";
            var counter = gcm ? Increment32(J0(aes, iv)) : iv;
            var offset = (long)TypeConverter.ToNumber(args[3]);
            var data = NodeCrypto.BytesOf(runtime, args[4]);
            return runtime.Engine.Intrinsics.Uint8Array.Construct(Ctr(aes, counter, offset, data, wrap32: gcm));
        }, 5));

        // gcmTag(key, iv, aad, ciphertext, tagLength)
        binding.Set("gcmTag", runtime.Function("gcmTag", args =>
        {
            using var aes = Aes.Create();
            aes.Key = NodeCrypto.BytesOf(runtime, args[0]);
            var iv = NodeCrypto.BytesOf(runtime, args[1]);
            var aad = NodeCrypto.BytesOf(runtime, args[2]);
            var ciphertext = NodeCrypto.BytesOf(runtime, args[3]);
            var tagLength = (int)TypeConverter.ToNumber(args[4]);
            var h = aes.EncryptEcb(new byte[16], PaddingMode.None);
            var s = GHash(h, aad, ciphertext);
            var e = aes.EncryptEcb(J0(aes, iv), PaddingMode.None);
            var tag = new byte[tagLength];
            for (var i = 0; i < tagLength; i++)
            {
                tag[i] = (byte)(s[i] ^ e[i]);
            }

            return runtime.Engine.Intrinsics.Uint8Array.Construct(tag);
        }, 5));
    }

    // NIST SP 800-38D: J0 = IV || 0^31 || 1 for a 96-bit IV, GHASH(IV || pad || [len(IV)]64) otherwise.
    private static byte[] J0(Aes aes, byte[] iv)
    {
        if (iv.Length == 12)
        {
            return [.. iv, 0, 0, 0, 1];
        }

        var h = aes.EncryptEcb(new byte[16], PaddingMode.None);
        return GHash(h, [], iv, ivOnly: true);
    }

    private static byte[] Increment32(byte[] block)
    {
        var next = (byte[])block.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(next.AsSpan(12), BinaryPrimitives.ReadUInt32BigEndian(next.AsSpan(12)) + 1);
        return next;
    }

    // Counter mode from byte `offset`: block i of the keystream is E(counter + i), the counter a 128-bit big-endian
    // number (CTR) or incremented in its last 32 bits only (GCM's inc32).
    private static byte[] Ctr(Aes aes, byte[] counter, long offset, byte[] data, bool wrap32)
    {
        if (data.Length == 0)
        {
            return [];
        }

        var firstBlock = offset / 16;
        var lastBlock = (offset + data.Length - 1) / 16;
        var blocks = (int)(lastBlock - firstBlock + 1);
        var counters = new byte[blocks * 16];
        var hi = BinaryPrimitives.ReadUInt64BigEndian(counter);
        var lo = BinaryPrimitives.ReadUInt64BigEndian(counter.AsSpan(8));
        for (var i = 0; i < blocks; i++)
        {
            var step = (ulong)(firstBlock + i);
            ulong blockHi, blockLo;
            if (wrap32)
            {
                blockHi = hi;
                blockLo = (lo & 0xFFFFFFFF00000000UL) | (uint)((uint)lo + (uint)step);
            }
            else
            {
                blockLo = lo + step;
                blockHi = hi + (blockLo < lo ? 1UL : 0UL);
            }

            BinaryPrimitives.WriteUInt64BigEndian(counters.AsSpan(i * 16), blockHi);
            BinaryPrimitives.WriteUInt64BigEndian(counters.AsSpan(i * 16 + 8), blockLo);
        }

        var stream = aes.EncryptEcb(counters, PaddingMode.None);
        var skip = (int)(offset % 16);
        var output = new byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            output[i] = (byte)(data[i] ^ stream[skip + i]);
        }

        return output;
    }

    // GHASH_H(A || pad || C || pad || [len(A)]64 || [len(C)]64); with ivOnly, GHASH_H(IV || pad || 0^64 || [len(IV)]64).
    private static byte[] GHash(byte[] h, byte[] aad, byte[] data, bool ivOnly = false)
    {
        var hHi = BinaryPrimitives.ReadUInt64BigEndian(h);
        var hLo = BinaryPrimitives.ReadUInt64BigEndian(h.AsSpan(8));
        ulong yHi = 0, yLo = 0;
        Span<byte> block = stackalloc byte[16];

        void Absorb(ReadOnlySpan<byte> bytes, Span<byte> block)
        {
            for (var i = 0; i < bytes.Length; i += 16)
            {
                block.Clear();
                bytes[i..Math.Min(i + 16, bytes.Length)].CopyTo(block);
                yHi ^= BinaryPrimitives.ReadUInt64BigEndian(block);
                yLo ^= BinaryPrimitives.ReadUInt64BigEndian(block[8..]);
                (yHi, yLo) = Multiply(yHi, yLo, hHi, hLo);
            }
        }

        Absorb(aad, block);
        Absorb(data, block);
        yHi ^= ivOnly ? 0UL : (ulong)aad.Length * 8;
        yLo ^= (ulong)data.Length * 8;
        (yHi, yLo) = Multiply(yHi, yLo, hHi, hLo);
        var result = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(result, yHi);
        BinaryPrimitives.WriteUInt64BigEndian(result.AsSpan(8), yLo);
        return result;
    }

    // Multiplication in GF(2^128) with GCM's bit order (SP 800-38D, algorithm 1), without data-dependent branches.
    private static (ulong Hi, ulong Lo) Multiply(ulong xHi, ulong xLo, ulong yHi, ulong yLo)
    {
        ulong zHi = 0, zLo = 0, vHi = yHi, vLo = yLo;
        for (var i = 0; i < 128; i++)
        {
            var bit = i < 64 ? (xHi >> (63 - i)) & 1 : (xLo >> (127 - i)) & 1;
            var mask = 0UL - bit;
            zHi ^= vHi & mask;
            zLo ^= vLo & mask;
            var carry = 0UL - (vLo & 1);
            vLo = (vLo >> 1) | (vHi << 63);
            vHi = (vHi >> 1) ^ (0xE100000000000000UL & carry);
        }

        return (zHi, zLo);
    }
}
