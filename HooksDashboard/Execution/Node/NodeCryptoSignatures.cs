using System.Numerics;
using System.Security.Cryptography;
using Jint.Native;
using Jint.Runtime;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// RSA (PKCS#1 v1.5 and PSS) and ECDSA signatures for <c>crypto.sign</c>/<c>verify</c>, <c>Sign</c>/<c>Verify</c> and
/// <c>subtle.sign</c>/<c>verify</c>. .NET's PSS fixes the salt length to the digest's; Node signs with the largest
/// salt by default and verifies any salt length, so PSS verification is EMSA-PSS over the public operation here, and
/// signing with another salt length is EMSA-PSS over a blinded CRT private operation.
/// </summary>
internal static class NodeCryptoSignatures
{
    public const int PaddingPkcs1 = 1;
    public const int PaddingPss = 6;
    public const int SaltLengthDigest = -1;
    public const int SaltLengthMaxOrAuto = -2;

    public static void Register(NodeRuntime runtime, JsObject binding)
    {
        // sign(digest, der, asymmetricKeyType, data, padding, saltLength, dsaEncoding)
        binding.Set("sign", runtime.Function("sign", args =>
        {
            var digest = Digest(args[0]);
            using var key = NodeCryptoKeys.Load(NodeCrypto.BytesOf(runtime, args[1]), TypeConverter.ToString(args[2]), isPrivate: true);
            var data = NodeCrypto.BytesOf(runtime, args[3]);
            return runtime.Engine.Intrinsics.Uint8Array.Construct(Sign(runtime, key, digest, data, Int(args[4], PaddingPkcs1),
                Int(args[5], SaltLengthMaxOrAuto), TypeConverter.ToString(args[6])));
        }, 7));

        // verify(digest, der, isPrivate, asymmetricKeyType, data, signature, padding, saltLength, dsaEncoding)
        binding.Set("verify", runtime.Function("verify", args =>
        {
            var digest = Digest(args[0]);
            using var key = NodeCryptoKeys.Load(NodeCrypto.BytesOf(runtime, args[1]), TypeConverter.ToString(args[3]), TypeConverter.ToBoolean(args[2]));
            var ok = Verify(runtime, key, digest, NodeCrypto.BytesOf(runtime, args[4]), NodeCrypto.BytesOf(runtime, args[5]),
                Int(args[6], PaddingPkcs1), Int(args[7], SaltLengthMaxOrAuto), TypeConverter.ToString(args[8]));
            return ok ? JsBoolean.True : JsBoolean.False;
        }, 9));
    }

    private static int Int(JsValue value, int fallback) => value is JsUndefined ? fallback : (int)TypeConverter.ToNumber(value);

    // crypto.js has mapped the algorithm name to one of NodeCrypto.Algorithm's; null/undefined is SHA-256 as in Node.
    internal static HashAlgorithmName Digest(JsValue value) =>
        (value is JsString s ? s.ToString() : "sha256") switch
        {
            "md5" => HashAlgorithmName.MD5,
            "sha1" => HashAlgorithmName.SHA1,
            "sha384" => HashAlgorithmName.SHA384,
            "sha512" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA256,
        };

    private static byte[] Sign(NodeRuntime runtime, NodeCryptoKeys.HostKey key, HashAlgorithmName digest, byte[] data, int padding, int saltLength, string dsaEncoding)
    {
        if (key.Algorithm is ECDsa ec)
        {
            return ec.SignData(data, digest, Format(dsaEncoding));
        }

        var rsa = (RSA)key.Algorithm;
        if (padding == PaddingPkcs1)
        {
            return rsa.SignData(data, digest, RSASignaturePadding.Pkcs1);
        }

        if (padding != PaddingPss)
        {
            throw IllegalPadding(runtime);
        }

        var hash = Hash(digest, data);
        var emBits = rsa.KeySize - 1;
        var emLength = (emBits + 7) / 8;
        var max = emLength - hash.Length - 2;
        var salt = saltLength switch
        {
            SaltLengthDigest => hash.Length,
            SaltLengthMaxOrAuto => max,
            _ => saltLength,
        };
        if (salt < 0 || salt > max)
        {
            throw NodeCryptoKeys.OpenSsl(runtime, "ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE", "error:0200006E:rsa routines::data too large for key size",
                "rsa routines", "data too large for key size");
        }

        if (salt == hash.Length)
        {
            return rsa.SignHash(hash, digest, RSASignaturePadding.Pss);
        }

        var encoded = EncodePss(digest, hash, emBits, salt);
        return PrivateOperation(rsa, encoded);
    }

    private static bool Verify(NodeRuntime runtime, NodeCryptoKeys.HostKey key, HashAlgorithmName digest, byte[] data, byte[] signature, int padding, int saltLength, string dsaEncoding)
    {
        try
        {
            if (key.Algorithm is ECDsa ec)
            {
                return ec.VerifyData(data, signature, digest, Format(dsaEncoding));
            }

            var rsa = (RSA)key.Algorithm;
            if (padding == PaddingPkcs1)
            {
                return rsa.VerifyData(data, signature, digest, RSASignaturePadding.Pkcs1);
            }

            if (padding != PaddingPss)
            {
                throw IllegalPadding(runtime);
            }

            var hash = Hash(digest, data);
            return VerifyPss(rsa, digest, hash, signature, saltLength == SaltLengthDigest ? hash.Length : saltLength);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static DSASignatureFormat Format(string dsaEncoding) =>
        dsaEncoding == "ieee-p1363" ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence;

    private static JavaScriptException IllegalPadding(NodeRuntime runtime) =>
        NodeCryptoKeys.OpenSsl(runtime, "ERR_OSSL_ILLEGAL_OR_UNSUPPORTED_PADDING_MODE", "error:1C8000A5:Provider routines::illegal or unsupported padding mode",
            "Provider routines", "illegal or unsupported padding mode");

    // MD5 is offered for signatures because Node offers it (legacy verification); nothing of the server relies on it.
#pragma warning disable CA5350, CA5351
    public static byte[] Hash(HashAlgorithmName digest, byte[] data) => digest.Name switch
    {
        "MD5" => MD5.HashData(data),
        "SHA1" => SHA1.HashData(data),
        "SHA384" => SHA384.HashData(data),
        "SHA512" => SHA512.HashData(data),
        _ => SHA256.HashData(data),
    };
#pragma warning restore CA5350, CA5351

    // RFC 8017 9.1.1 EMSA-PSS-ENCODE with MGF1 over the same digest.
    private static byte[] EncodePss(HashAlgorithmName digest, byte[] hash, int emBits, int saltLength)
    {
        var emLength = (emBits + 7) / 8;
        var salt = RandomNumberGenerator.GetBytes(saltLength);
        var h = Hash(digest, [.. new byte[8], .. hash, .. salt]);
        var db = new byte[emLength - hash.Length - 1];
        db[db.Length - saltLength - 1] = 0x01;
        salt.CopyTo(db, db.Length - saltLength);
        var mask = Mgf1(digest, h, db.Length);
        for (var i = 0; i < db.Length; i++)
        {
            db[i] ^= mask[i];
        }

        db[0] &= (byte)(0xFF >> (8 * emLength - emBits));
        return [.. db, .. h, 0xBC];
    }

    // RFC 8017 9.1.2 EMSA-PSS-VERIFY; a negative salt length detects the salt (RSA_PSS_SALTLEN_AUTO).
    private static bool VerifyPss(RSA rsa, HashAlgorithmName digest, byte[] hash, byte[] signature, int saltLength)
    {
        var p = rsa.ExportParameters(false);
        var n = Unsigned(p.Modulus!);
        var s = Unsigned(signature);
        var k = p.Modulus!.Length;
        if (signature.Length != k || s >= n)
        {
            return false;
        }

        var emBits = rsa.KeySize - 1;
        var emLength = (emBits + 7) / 8;
        var m = BigInteger.ModPow(s, Unsigned(p.Exponent!), n);
        var em = ToBytes(m, k);
        if (emLength < k)
        {
            if (em[0] != 0)
            {
                return false;
            }

            em = em[1..];
        }

        if (emLength < hash.Length + 2 || em[^1] != 0xBC)
        {
            return false;
        }

        var db = em[..(emLength - hash.Length - 1)];
        var h = em[(emLength - hash.Length - 1)..^1];
        var topMask = (byte)(0xFF >> (8 * emLength - emBits));
        if ((db[0] & ~topMask) != 0)
        {
            return false;
        }

        var mask = Mgf1(digest, h, db.Length);
        for (var i = 0; i < db.Length; i++)
        {
            db[i] ^= mask[i];
        }

        db[0] &= topMask;
        var one = 0;
        while (one < db.Length && db[one] == 0)
        {
            one++;
        }

        if (one == db.Length || db[one] != 0x01)
        {
            return false;
        }

        var salt = db[(one + 1)..];
        if (saltLength >= 0 && salt.Length != saltLength)
        {
            return false;
        }

        var expected = Hash(digest, [.. new byte[8], .. hash, .. salt]);
        return CryptographicOperations.FixedTimeEquals(expected, h);
    }

    internal static byte[] Mgf1(HashAlgorithmName digest, byte[] seed, int length)
    {
        var output = new byte[length];
        var offset = 0;
        for (uint counter = 0; offset < length; counter++)
        {
            var block = Hash(digest, [.. seed, (byte)(counter >> 24), (byte)(counter >> 16), (byte)(counter >> 8), (byte)counter]);
            var take = Math.Min(block.Length, length - offset);
            Array.Copy(block, 0, output, offset, take);
            offset += take;
        }

        return output;
    }

    // m^d mod n by CRT, blinded with a random r (m·r^e) so the time taken does not depend on the message, and checked
    // against the public operation before it is returned.
    internal static byte[] PrivateOperation(RSA rsa, byte[] encoded)
    {
        var p = rsa.ExportParameters(true);
        try
        {
            var n = Unsigned(p.Modulus!);
            var e = Unsigned(p.Exponent!);
            var m = Unsigned(encoded);
            BigInteger r;
            do
            {
                r = Unsigned(RandomNumberGenerator.GetBytes(p.Modulus!.Length)) % n;
            }
            while (r.IsZero || !BigInteger.GreatestCommonDivisor(r, n).IsOne);

            var blinded = m * BigInteger.ModPow(r, e, n) % n;
            var primeP = Unsigned(p.P!);
            var primeQ = Unsigned(p.Q!);
            var m1 = BigInteger.ModPow(blinded, Unsigned(p.DP!), primeP);
            var m2 = BigInteger.ModPow(blinded, Unsigned(p.DQ!), primeQ);
            var h = Unsigned(p.InverseQ!) * (m1 - m2) % primeP;
            if (h.Sign < 0)
            {
                h += primeP;
            }

            var sBlinded = m2 + h * primeQ;
            var s = sBlinded * Inverse(r, n) % n;
            if (BigInteger.ModPow(s, e, n) != m)
            {
                throw new CryptographicException("RSA private operation failed its check");
            }

            return ToBytes(s, p.Modulus!.Length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(p.D);
            CryptographicOperations.ZeroMemory(p.P);
            CryptographicOperations.ZeroMemory(p.Q);
            CryptographicOperations.ZeroMemory(p.DP);
            CryptographicOperations.ZeroMemory(p.DQ);
            CryptographicOperations.ZeroMemory(p.InverseQ);
        }
    }

    // r^-1 mod n by the extended Euclidean algorithm (r and n are coprime).
    private static BigInteger Inverse(BigInteger r, BigInteger n)
    {
        BigInteger t = 0, newT = 1, rem = n, newRem = r;
        while (!newRem.IsZero)
        {
            var q = rem / newRem;
            (t, newT) = (newT, t - q * newT);
            (rem, newRem) = (newRem, rem - q * newRem);
        }

        return t.Sign < 0 ? t + n : t;
    }

    internal static BigInteger Unsigned(byte[] bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    internal static byte[] ToBytes(BigInteger value, int length)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length == length)
        {
            return bytes;
        }

        var padded = new byte[length];
        bytes.CopyTo(padded, length - bytes.Length);
        return padded;
    }
}
