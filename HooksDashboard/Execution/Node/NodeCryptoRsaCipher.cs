using System.Numerics;
using System.Security.Cryptography;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// RSA encryption for <c>crypto.publicEncrypt</c>/<c>privateDecrypt</c>/<c>privateEncrypt</c>/<c>publicDecrypt</c> and
/// Web Crypto's RSA-OAEP: OAEP (any offered digest, with a label), PKCS#1 v1.5 (type 2 to encrypt, type 1 for
/// <c>privateEncrypt</c>/<c>publicDecrypt</c>) and no padding, over the public operation and the blinded CRT private
/// operation of <see cref="NodeCryptoSignatures"/>. .NET's RSA has neither OAEP labels nor raw operations, so the
/// paddings are RFC 8017's, written here. Node 20 runs these through OpenSSL 3.0, so the checks, their order and the
/// errors (message, library, reason, code and <c>opensslErrorStack</c>) are OpenSSL's for each operation and padding.
/// </summary>
internal static class NodeCryptoRsaCipher
{
    private const uint PaddingPkcs1 = 1;
    private const uint PaddingNone = 3;
    private const uint PaddingOaep = 4;
    private const uint PaddingX931 = 5;
    private const uint PaddingPss = 6;
    private const uint PaddingTls = 7;
    private const int Pkcs1Overhead = 11;

    private enum Operation { Encrypt, Decrypt, Sign, VerifyRecover }

    // OpenSSL's errors these operations raise: packed code, library and reason strings as ERR_error_string_n prints them.
    private static readonly OpenSslError RsaLib = new(0x1C880004, "Provider routines", "RSA lib");
    private static readonly OpenSslError FailedToDecrypt = new(0x1C8000A2, "Provider routines", "failed to decrypt");
    private static readonly OpenSslError PaddingCheckFailed = new(0x02000072, "rsa routines", "padding check failed");

    private sealed record OpenSslError(uint Packed, string Library, string Reason)
    {
        public static OpenSslError Rsa(uint reason, string text) => new(0x02000000 | reason, "rsa routines", text);

        public static OpenSslError Evp(uint reason, string text) => new(0x03000000 | reason, "digital envelope routines", text);

        public static OpenSslError Provider(uint reason, string text) => new(0x1C800000 | reason, "Provider routines", text);

        public string Message => $"error:{Packed:X8}:{Library}::{Reason}";

        // Node's code: ERR_OSSL_, the library's short name where Node knows it (RSA, EVP; not the providers'), the reason.
        public string Code => "ERR_OSSL_" + (Library switch { "rsa routines" => "RSA_", "digital envelope routines" => "EVP_", _ => "" })
            + Reason.ToUpperInvariant().Replace(' ', '_');
    }

    private sealed class Failure(OpenSslError error, params OpenSslError[] stack) : Exception(error.Message)
    {
        public OpenSslError Error { get; } = error;

        // Older first, as OpenSSL queues them; Node lists all but the first, newest first.
        public OpenSslError[] Stack { get; } = stack;
    }

    private static readonly OpenSslError DataTooLargeForKeySize = OpenSslError.Rsa(0x6E, "data too large for key size");
    private static readonly OpenSslError DataTooSmallForKeySize = OpenSslError.Rsa(0x7A, "data too small for key size");
    private static readonly OpenSslError DataTooLargeForModulus = OpenSslError.Rsa(0x84, "data too large for modulus");
    private static readonly OpenSslError DataGreaterThanModLen = OpenSslError.Rsa(0x6C, "data greater than mod len");
    private static readonly OpenSslError MissingPrivateKey = OpenSslError.Rsa(0xB3, "missing private key");
    private static readonly OpenSslError UnknownPaddingType = OpenSslError.Rsa(0x76, "unknown padding type");
    private static readonly OpenSslError OaepDecodingError = OpenSslError.Rsa(0x79, "oaep decoding error");
    private static readonly OpenSslError IllegalPadding = OpenSslError.Provider(0xA5, "illegal or unsupported padding mode");

    public static void Register(NodeRuntime runtime, JsObject binding)
    {
        // rsaCipher(operation, der, isPrivate, asymmetricKeyType, data, padding, digest | null, label | undefined)
        binding.Set("rsaCipher", runtime.Function("rsaCipher", args =>
        {
            var operation = TypeConverter.ToString(args[0]) switch
            {
                "encrypt" => Operation.Encrypt,
                "decrypt" => Operation.Decrypt,
                "sign" => Operation.Sign,
                _ => Operation.VerifyRecover,
            };
            var der = NodeCrypto.BytesOf(runtime, args[1]);
            var isPrivate = TypeConverter.ToBoolean(args[2]);
            var keyType = TypeConverter.ToString(args[3]);
            var data = NodeCrypto.BytesOf(runtime, args[4]);
            var padding = TypeConverter.ToUint32(args[5]);
            HashAlgorithmName? digest = args[6] is JsString ? NodeCryptoSignatures.Digest(args[6]) : null;
            var label = args[7] is JsUndefined ? null : NodeCrypto.BytesOf(runtime, args[7]);
            try
            {
                return runtime.Engine.Intrinsics.Uint8Array.Construct(Run(operation, der, isPrivate, keyType, data, padding, digest, label));
            }
            catch (Failure failure)
            {
                throw Throw(runtime, failure);
            }
        }, 8));
    }

    private static JavaScriptException Throw(NodeRuntime runtime, Failure failure)
    {
        if (failure.Error.Packed == 0)
        {
            // OpenSSL queued nothing: Node prints error 0 and sets no library, reason or code.
            var engine = runtime.Engine;
            return new JavaScriptException((ObjectInstance)engine.Construct(engine.Intrinsics.Error, [JsString.Create(failure.Error.Message)]));
        }

        return NodeCryptoKeys.OpenSsl(runtime, failure.Error.Code, failure.Error.Message, failure.Error.Library, failure.Error.Reason,
            [.. failure.Stack.Reverse().Select(static e => e.Message)]);
    }

    private static byte[] Run(Operation operation, byte[] der, bool isPrivate, string keyType, byte[] data, uint padding, HashAlgorithmName? digest, byte[]? label)
    {
        if (keyType != "rsa")
        {
            // EVP_PKEY_sign_init accepts an EC key and only setting an RSA padding fails, with nothing queued.
            throw operation == Operation.Sign && keyType == "ec"
                ? new Failure(new OpenSslError(0, "lib(0)", "reason(0)"))
                : new Failure(OpenSslError.Evp(0x96, "operation not supported for this keytype"));
        }

        CheckParameters(operation, padding, digest, label);
        using var key = NodeCryptoKeys.Load(der, "rsa", isPrivate);
        var rsa = (RSA)key.Algorithm;
        var parameters = rsa.ExportParameters(false);
        var n = NodeCryptoSignatures.Unsigned(parameters.Modulus!);
        var e = NodeCryptoSignatures.Unsigned(parameters.Exponent!);
        var k = parameters.Modulus!.Length;
        CheckKeySize(operation, n, e);
        return operation switch
        {
            Operation.Encrypt => Encrypt(n, e, k, data, padding, digest ?? HashAlgorithmName.SHA1, label ?? []),
            Operation.Decrypt => Decrypt(rsa, isPrivate, n, k, data, padding, digest ?? HashAlgorithmName.SHA1, label ?? []),
            Operation.Sign => Sign(rsa, isPrivate, n, k, data, padding),
            _ => VerifyRecover(n, e, k, data, padding),
        };
    }

    // OpenSSL's bounds on the key, which also bound the work a call can make: a modulus of at most 16,384 bits, and for
    // the public operations on moduli over 3,072 bits an exponent of at most 64 bits (and always below the modulus).
    private static void CheckKeySize(Operation operation, BigInteger n, BigInteger e)
    {
        if (n.GetBitLength() > 16384)
        {
            throw new Failure(OpenSslError.Rsa(0x69, "modulus too large"), operation is Operation.Sign or Operation.VerifyRecover ? [RsaLib] : []);
        }

        if (operation is Operation.Encrypt or Operation.VerifyRecover && (n <= e || (n.GetBitLength() > 3072 && e.GetBitLength() > 64)))
        {
            throw new Failure(OpenSslError.Rsa(0x65, "bad e value"), operation == Operation.VerifyRecover ? [RsaLib] : []);
        }
    }

    // What EVP_PKEY_CTX_set_rsa_padding, set_rsa_oaep_md and set0_rsa_oaep_label refuse for each kind of operation.
    private static void CheckParameters(Operation operation, uint padding, HashAlgorithmName? digest, byte[]? label)
    {
        if (operation is Operation.Encrypt or Operation.Decrypt)
        {
            if (padding == PaddingPss)
            {
                throw new Failure(new OpenSslError(0, "lib(0)", "reason(0)"));
            }

            return;
        }

        if (padding == PaddingX931)
        {
            throw new Failure(OpenSslError.Provider(0xAA, "invalid x931 digest"));
        }

        if (padding == PaddingPss && operation == Operation.Sign)
        {
            throw new Failure(OpenSslError.Provider(0xA6, "invalid digest length"));
        }

        if (padding is not (PaddingPkcs1 or PaddingNone))
        {
            throw new Failure(IllegalPadding);
        }

        if (digest is not null)
        {
            throw new Failure(OpenSslError.Evp(0x94, "invalid operation"));
        }

        if (label is not null)
        {
            throw new Failure(OpenSslError.Evp(0x93, "command not supported"));
        }
    }

    private static byte[] Encrypt(BigInteger n, BigInteger e, int k, byte[] data, uint padding, HashAlgorithmName digest, byte[] label)
    {
        var encoded = padding switch
        {
            PaddingPkcs1 => data.Length > k - Pkcs1Overhead ? throw new Failure(DataTooLargeForKeySize) : PadPkcs1(data, k, type: 2),
            PaddingOaep => EncodeOaep(data, k, digest, label),
            PaddingNone => Unpadded(data, k),
            _ => throw new Failure(UnknownPaddingType),
        };
        var m = NodeCryptoSignatures.Unsigned(encoded);
        return m >= n ? throw new Failure(DataTooLargeForModulus) : NodeCryptoSignatures.ToBytes(BigInteger.ModPow(m, e, n), k);
    }

    private static byte[] Decrypt(RSA rsa, bool isPrivate, BigInteger n, int k, byte[] data, uint padding, HashAlgorithmName digest, byte[] label)
    {
        if (padding == PaddingTls)
        {
            throw new Failure(OpenSslError.Provider(0xA1, "bad tls client version"));
        }

        // The provider decrypts OAEP without padding first and adds its own error to the RSA one.
        var stack = padding == PaddingOaep ? new[] { FailedToDecrypt } : [];
        var raw = PrivateRaw(rsa, isPrivate, n, k, data, stack);
        return padding switch
        {
            PaddingNone => raw,
            PaddingOaep => DecodeOaep(raw, k, digest, label) ?? throw new Failure(OaepDecodingError),
            _ => throw new Failure(UnknownPaddingType),
        };
    }

    private static byte[] Sign(RSA rsa, bool isPrivate, BigInteger n, int k, byte[] data, uint padding)
    {
        try
        {
            var encoded = padding == PaddingPkcs1
                ? data.Length > k - Pkcs1Overhead ? throw new Failure(DataTooLargeForKeySize) : PadPkcs1(data, k, type: 1)
                : Unpadded(data, k);
            return PrivateRaw(rsa, isPrivate, n, k, encoded, []);
        }
        catch (Failure failure) when (failure.Stack.Length == 0)
        {
            throw new Failure(failure.Error, RsaLib);
        }
    }

    private static byte[] VerifyRecover(BigInteger n, BigInteger e, int k, byte[] data, uint padding)
    {
        if (data.Length > k)
        {
            throw new Failure(DataGreaterThanModLen, RsaLib);
        }

        var c = NodeCryptoSignatures.Unsigned(data);
        if (c >= n)
        {
            throw new Failure(DataTooLargeForModulus, RsaLib);
        }

        var em = NodeCryptoSignatures.ToBytes(BigInteger.ModPow(c, e, n), k);
        return padding == PaddingNone ? em : UnpadPkcs1Type1(em);
    }

    // The checks of RSA's private operation on its input, then the operation.
    private static byte[] PrivateRaw(RSA rsa, bool isPrivate, BigInteger n, int k, byte[] data, OpenSslError[] stack)
    {
        if (data.Length > k)
        {
            throw new Failure(DataGreaterThanModLen, stack);
        }

        if (NodeCryptoSignatures.Unsigned(data) >= n)
        {
            throw new Failure(DataTooLargeForModulus, stack);
        }

        if (!isPrivate)
        {
            throw new Failure(MissingPrivateKey, stack);
        }

        return NodeCryptoSignatures.PrivateOperation(rsa, data);
    }

    private static byte[] Unpadded(byte[] data, int k) =>
        data.Length > k ? throw new Failure(DataTooLargeForKeySize)
        : data.Length < k ? throw new Failure(DataTooSmallForKeySize)
        : data;

    // RFC 8017 7.2.1 (type 2: random non-zero padding) and 8.2.1 (type 1: 0xFF padding).
    private static byte[] PadPkcs1(byte[] data, int k, int type)
    {
        var em = new byte[k];
        em[1] = (byte)type;
        var pad = em.AsSpan(2, k - 3 - data.Length);
        if (type == 1)
        {
            pad.Fill(0xFF);
        }
        else
        {
            RandomNumberGenerator.Fill(pad);
            for (var i = 0; i < pad.Length; i++)
            {
                while (pad[i] == 0)
                {
                    pad[i] = (byte)RandomNumberGenerator.GetInt32(1, 256);
                }
            }
        }

        data.CopyTo(em, k - data.Length);
        return em;
    }

    // OpenSSL's RSA_padding_check_PKCS1_type_1, with its error for each malformed block.
    private static byte[] UnpadPkcs1Type1(byte[] em)
    {
        static Failure Bad(uint reason, string text) => new(OpenSslError.Rsa(reason, text), PaddingCheckFailed, RsaLib);

        if (em[0] != 0x00)
        {
            throw Bad(0x8A, "invalid padding");
        }

        if (em.Length < 2 || em[1] != 0x01)
        {
            throw Bad(0x6A, "block type is not 01");
        }

        var i = 2;
        while (i < em.Length && em[i] == 0xFF)
        {
            i++;
        }

        if (i == em.Length)
        {
            throw Bad(0x71, "null before block missing");
        }

        if (em[i] != 0x00)
        {
            throw Bad(0x66, "bad fixed header decrypt");
        }

        if (i - 2 < 8)
        {
            throw Bad(0x67, "bad pad byte count");
        }

        return em[(i + 1)..];
    }

    // RFC 8017 7.1.1 EME-OAEP encoding with MGF1 over the same digest.
    private static byte[] EncodeOaep(byte[] data, int k, HashAlgorithmName digest, byte[] label)
    {
        var labelHash = NodeCryptoSignatures.Hash(digest, label);
        var h = labelHash.Length;
        if (data.Length > k - 2 * h - 2)
        {
            throw new Failure(DataTooLargeForKeySize);
        }

        var db = new byte[k - h - 1];
        labelHash.CopyTo(db, 0);
        db[db.Length - data.Length - 1] = 0x01;
        data.CopyTo(db, db.Length - data.Length);
        var seed = RandomNumberGenerator.GetBytes(h);
        Xor(db, NodeCryptoSignatures.Mgf1(digest, seed, db.Length));
        Xor(seed, NodeCryptoSignatures.Mgf1(digest, db, h));
        return [0x00, .. seed, .. db];
    }

    // RFC 8017 7.1.2 EME-OAEP decoding; null for every kind of failure alike, each check done whatever the others found.
    private static byte[]? DecodeOaep(byte[] em, int k, HashAlgorithmName digest, byte[] label)
    {
        var labelHash = NodeCryptoSignatures.Hash(digest, label);
        var h = labelHash.Length;
        if (k < 2 * h + 2)
        {
            return null;
        }

        var seed = em[1..(1 + h)];
        var db = em[(1 + h)..];
        Xor(seed, NodeCryptoSignatures.Mgf1(digest, db, h));
        Xor(db, NodeCryptoSignatures.Mgf1(digest, seed, db.Length));
        var bad = em[0] | (CryptographicOperations.FixedTimeEquals(db.AsSpan(0, h), labelHash) ? 0 : 1);
        var separator = -1;
        var inPadding = 1;
        for (var i = h; i < db.Length; i++)
        {
            var isOne = db[i] == 0x01 ? 1 : 0;
            var isZero = db[i] == 0x00 ? 1 : 0;
            var found = inPadding & isOne;
            separator = found == 1 ? i : separator;
            bad |= inPadding & (1 - isOne) & (1 - isZero);
            inPadding &= isZero;
        }

        return bad != 0 || separator < 0 ? null : db[(separator + 1)..];
    }

    private static void Xor(byte[] target, byte[] mask)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] ^= mask[i];
        }
    }
}
