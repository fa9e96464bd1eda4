using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// The host side of <c>crypto</c>: digests, HMACs, random values and constant-time comparison through
/// <see cref="System.Security.Cryptography"/>, and the string encodings they read and write. Every function takes and
/// returns plain JS values (strings, numbers, <c>Uint8Array</c>s); the hash state (the bytes given to
/// <c>update</c>) lives in the script, so no host object outlives a call. Sizes are bounded.
/// </summary>
internal static class NodeCrypto
{
    /// <summary>Most bytes one digest or HMAC reads: far beyond a hook's needs, small enough to bound the work.</summary>
    public const int MaxDigestInput = 8 * 1024 * 1024;

    /// <summary>Most bytes one <c>randomBytes</c> call produces.</summary>
    public const int MaxRandomBytes = 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static JsValue Binding(NodeRuntime runtime)
    {
        var engine = runtime.Engine;
        var binding = new JsObject(engine);
        binding.Set("maxDigestInput", JsNumber.Create(MaxDigestInput));
        binding.Set("maxRandomBytes", JsNumber.Create(MaxRandomBytes));
        binding.Set("algorithm", runtime.Function("algorithm", args => Algorithm(Arg(args, 0)) is { } name ? JsString.Create(name) : JsValue.Null, 1));
        binding.Set("digestAlgorithm", runtime.Function("digestAlgorithm", args => DigestAlgorithm(Arg(args, 0)) is { } name ? JsString.Create(name) : JsValue.Null, 1));
        binding.Set("digest", runtime.Function("digest", args =>
        {
            var name = DigestAlgorithm(Arg(args, 0)) ?? throw new InvalidOperationException("crypto.js checks the algorithm first");
            var data = Bytes(runtime, Arg(args, 1));
            var key = Arg(args, 2) is JsUndefined ? null : Bytes(runtime, Arg(args, 2));
            return engine.Intrinsics.Uint8Array.Construct(key is null ? Hash(name, data) : Hmac(name, key, data));
        }, 3));
        binding.Set("randomBytes", runtime.Function("randomBytes", args =>
        {
            var size = (int)Math.Clamp(TypeConverter.ToNumber(Arg(args, 0)), 0, MaxRandomBytes);
            return engine.Intrinsics.Uint8Array.Construct(RandomNumberGenerator.GetBytes(size));
        }, 1));
        binding.Set("randomInt", runtime.Function("randomInt", args =>
        {
            // crypto.js has checked both are safe integers with 0 < max - min <= 2^48 - 1.
            var min = (long)TypeConverter.ToNumber(Arg(args, 0));
            var max = (long)TypeConverter.ToNumber(Arg(args, 1));
            return JsNumber.Create(min + UniformBelow(max - min));
        }, 2));
        binding.Set("randomUUID", runtime.Function("randomUUID", _ => JsString.Create(RandomUuid()), 0));
        binding.Set("timingSafeEqual", runtime.Function("timingSafeEqual", args =>
            CryptographicOperations.FixedTimeEquals(Bytes(runtime, Arg(args, 0)), Bytes(runtime, Arg(args, 1))) ? JsBoolean.True : JsBoolean.False, 2));
        binding.Set("encode", runtime.Function("encode", args =>
            engine.Intrinsics.Uint8Array.Construct(Encode(TypeConverter.ToString(Arg(args, 0)), TypeConverter.ToString(Arg(args, 1)))), 2));
        binding.Set("decode", runtime.Function("decode", args =>
            JsString.Create(Decode(Bytes(runtime, Arg(args, 0)), TypeConverter.ToString(Arg(args, 1)))), 2));
        NodeCryptoKeys.Register(runtime, binding);
        NodeCryptoOkp.Register(runtime, binding);
        NodeCryptoSignatures.Register(runtime, binding);
        NodeCryptoCiphers.Register(runtime, binding);
        NodeCryptoKdf.Register(runtime, binding);
        NodeCryptoRsaCipher.Register(runtime, binding);
        NodeCryptoEcdh.Register(runtime, binding);
        return binding;
    }

    private static JsValue Arg(JsValue[] args, int index) => args.Length > index ? args[index] : JsValue.Undefined;

    /// <summary>The bytes of a <c>Uint8Array</c> the script passed (a copy), bounded by <see cref="MaxDigestInput"/>.</summary>
    public static byte[] BytesOf(NodeRuntime runtime, JsValue value) => Bytes(runtime, value);

    private static byte[] Bytes(NodeRuntime runtime, JsValue value)
    {
        if (value is not JsTypedArray typed)
        {
            throw new InvalidOperationException("crypto.js passes bytes as Uint8Array");
        }

        if (typed.Length > MaxDigestInput)
        {
            // crypto.js refuses larger input first (as a RangeError); this guards the host whatever the script does.
            throw runtime.Error(runtime.Engine.Intrinsics.Error, "ERR_HOOKS_INPUT_TOO_LARGE",
                $"crypto input is limited to {MaxDigestInput} bytes in HooksDashboard hooks");
        }

        return value.AsUint8Array();
    }

    /// <summary>
    /// The digests every crypto path takes (signatures, pbkdf2, hkdf, OAEP): md5, sha1, sha256, sha384, sha512; null for
    /// any other name (<see cref="DigestAlgorithm"/> knows more, for createHash and createHmac only).
    /// </summary>
    public static string? Algorithm(JsValue value)
    {
        var name = DigestAlgorithm(value);
        return name is "md5" or "sha1" or "sha256" or "sha384" or "sha512" ? name : null;
    }

    /// <summary>OpenSSL's names Node accepts for the digests createHash and createHmac provide (any case; <c>RSA-</c>
    /// prefix, <c>...WithRSAEncryption</c> suffix; <c>sha-256</c>).</summary>
    public static string? DigestAlgorithm(JsValue value)
    {
        var name = TypeConverter.ToString(value).ToLowerInvariant();
        if (name.StartsWith("rsa-", StringComparison.Ordinal))
        {
            name = name[4..];
        }

        if (name.StartsWith("id-rsassa-pkcs1-v1_5-with-", StringComparison.Ordinal))
        {
            name = name["id-rsassa-pkcs1-v1_5-with-".Length..];
        }

        if (name.EndsWith("withrsaencryption", StringComparison.Ordinal))
        {
            name = name[..^"withrsaencryption".Length];
        }
        else if (name.EndsWith("withrsa", StringComparison.Ordinal))
        {
            name = name[..^"withrsa".Length];
        }

        return name switch
        {
            "md5" or "ssl3-md5" => "md5",
            "sha1" or "sha-1" or "ssl3-sha1" or "sha1-2" => "sha1",
            "sha256" or "sha-256" or "sha2-256" => "sha256",
            "sha384" or "sha-384" or "sha2-384" => "sha384",
            "sha512" or "sha-512" or "sha2-512" => "sha512",
            // OpenSSL's other digests Node lists (crypto.getHashes), computed with BouncyCastle.
            "sha224" or "sha-224" or "sha2-224" => "sha224",
            "sha512-224" or "sha512/224" or "sha2-512/224" => "sha512-224",
            "sha512-256" or "sha512/256" or "sha2-512/256" => "sha512-256",
            "sha3-224" or "sha3-256" or "sha3-384" or "sha3-512" => name,
            "ripemd160" or "ripemd" or "rmd160" or "ripemd-160" => "ripemd160",
            "blake2b512" or "blake2s256" or "md5-sha1" or "sm3" or "shake128" or "shake256" => name,
            _ => null,
        };
    }

    // The digests .NET has no class for, as BouncyCastle's (md5-sha1 is OpenSSL's concatenation of both).
    private static Org.BouncyCastle.Crypto.IDigest? OtherDigest(string algorithm) => algorithm switch
    {
        "sha224" => new Org.BouncyCastle.Crypto.Digests.Sha224Digest(),
        "sha512-224" => new Org.BouncyCastle.Crypto.Digests.Sha512tDigest(224),
        "sha512-256" => new Org.BouncyCastle.Crypto.Digests.Sha512tDigest(256),
        "sha3-224" => new Org.BouncyCastle.Crypto.Digests.Sha3Digest(224),
        "sha3-256" => new Org.BouncyCastle.Crypto.Digests.Sha3Digest(256),
        "sha3-384" => new Org.BouncyCastle.Crypto.Digests.Sha3Digest(384),
        "sha3-512" => new Org.BouncyCastle.Crypto.Digests.Sha3Digest(512),
        "ripemd160" => new Org.BouncyCastle.Crypto.Digests.RipeMD160Digest(),
        "blake2b512" => new Org.BouncyCastle.Crypto.Digests.Blake2bDigest(512),
        "blake2s256" => new Org.BouncyCastle.Crypto.Digests.Blake2sDigest(256),
        "sm3" => new Org.BouncyCastle.Crypto.Digests.SM3Digest(),
        _ => null,
    };

    private static byte[] Run(Org.BouncyCastle.Crypto.IDigest digest, byte[] data)
    {
        digest.BlockUpdate(data, 0, data.Length);
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return result;
    }

    private static byte[] Shake(int bits, int length, byte[] data)
    {
        var shake = new Org.BouncyCastle.Crypto.Digests.ShakeDigest(bits);
        shake.BlockUpdate(data, 0, data.Length);
        var result = new byte[length];
        shake.OutputFinal(result, 0, length);
        return result;
    }

    private static byte[] RunHmac(Org.BouncyCastle.Crypto.IDigest digest, byte[] key, byte[] data)
    {
        var hmac = new Org.BouncyCastle.Crypto.Macs.HMac(digest);
        hmac.Init(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key));
        hmac.BlockUpdate(data, 0, data.Length);
        var result = new byte[hmac.GetMacSize()];
        hmac.DoFinal(result, 0);
        return result;
    }

    // md5-sha1: one digest whose output is MD5's then SHA-1's (OpenSSL's MD5_SHA1, TLS 1.0's handshake hash).
    private sealed class Md5Sha1Digest : Org.BouncyCastle.Crypto.IDigest
    {
        private readonly Org.BouncyCastle.Crypto.Digests.MD5Digest _md5 = new();
        private readonly Org.BouncyCastle.Crypto.Digests.Sha1Digest _sha1 = new();

        public string AlgorithmName => "MD5-SHA1";
        public int GetDigestSize() => 36;
        public int GetByteLength() => 64;
        public void Update(byte input) { _md5.Update(input); _sha1.Update(input); }
        public void BlockUpdate(byte[] input, int inOff, int inLen) { _md5.BlockUpdate(input, inOff, inLen); _sha1.BlockUpdate(input, inOff, inLen); }
        public void BlockUpdate(ReadOnlySpan<byte> input) { _md5.BlockUpdate(input); _sha1.BlockUpdate(input); }
        public int DoFinal(byte[] output, int outOff) { _md5.DoFinal(output, outOff); _sha1.DoFinal(output, outOff + 16); return 36; }
        public int DoFinal(Span<byte> output) { _md5.DoFinal(output); _sha1.DoFinal(output[16..]); return 36; }
        public void Reset() { _md5.Reset(); _sha1.Reset(); }
    }

    // MD5 and SHA-1 are offered because Node offers them and hooks use them for non-security digests (Gravatar
    // URLs, legacy checksums); the server's own security never relies on them.
#pragma warning disable CA5350, CA5351
    private static byte[] Hash(string algorithm, byte[] data) => algorithm switch
    {
        "md5" => MD5.HashData(data),
        "sha1" => SHA1.HashData(data),
        "sha256" => SHA256.HashData(data),
        "sha384" => SHA384.HashData(data),
        "sha512" => SHA512.HashData(data),
        "md5-sha1" => Run(new Md5Sha1Digest(), data),
        // OpenSSL's default output of the extendable-output functions: 16 and 32 bytes.
        "shake128" => Shake(128, 16, data),
        "shake256" => Shake(256, 32, data),
        _ => Run(OtherDigest(algorithm) ?? throw new InvalidOperationException("unknown digest " + algorithm), data),
    };

    private static byte[] Hmac(string algorithm, byte[] key, byte[] data) => algorithm switch
    {
        "md5" => HMACMD5.HashData(key, data),
        "sha1" => HMACSHA1.HashData(key, data),
        "sha256" => HMACSHA256.HashData(key, data),
        "sha384" => HMACSHA384.HashData(key, data),
        "sha512" => HMACSHA512.HashData(key, data),
        "md5-sha1" => RunHmac(new Md5Sha1Digest(), key, data),
        _ => RunHmac(OtherDigest(algorithm) ?? throw new InvalidOperationException("unknown digest " + algorithm), key, data),
    };
#pragma warning restore CA5350, CA5351

    // Rejection sampling over 48 random bits: uniform in [0, range) for any range up to 2^48.
    private static long UniformBelow(long range)
    {
        const long space = 1L << 48;
        var limit = space - space % range;
        Span<byte> bytes = stackalloc byte[8];
        while (true)
        {
            bytes.Clear();
            RandomNumberGenerator.Fill(bytes[..6]);
            var value = BitConverter.ToInt64(bytes);
            if (value < limit)
            {
                return value % range;
            }
        }
    }

    /// <summary>An RFC 4122 version 4 UUID from the cryptographic generator, lower-case as Node prints it.</summary>
    private static string RandomUuid()
    {
        Span<byte> b = stackalloc byte[16];
        RandomNumberGenerator.Fill(b);
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(b);
        return string.Create(CultureInfo.InvariantCulture, $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}");
    }

    /// <summary>Node's string-to-bytes for an encoding name (already normalised by crypto.js); utf8 otherwise.</summary>
    public static byte[] Encode(string text, string encoding)
    {
        switch (encoding)
        {
            case "hex":
                // Node stops at the first pair that is not two hex digits.
                var bytes = new List<byte>(text.Length / 2);
                for (var i = 0; i + 1 < text.Length && Uri.IsHexDigit(text[i]) && Uri.IsHexDigit(text[i + 1]); i += 2)
                {
                    bytes.Add((byte)((Convert.ToInt32(text[i].ToString(), 16) << 4) | Convert.ToInt32(text[i + 1].ToString(), 16)));
                }

                return [.. bytes];
            case "base64":
            case "base64url":
                return DecodeBase64(text);
            case "latin1":
            case "ascii":
                var latin = new byte[text.Length];
                for (var i = 0; i < text.Length; i++)
                {
                    latin[i] = (byte)text[i];
                }

                return latin;
            case "utf16le":
                return Encoding.Unicode.GetBytes(text);
            default:
                return Utf8.GetBytes(text);
        }
    }

    // Node's lenient base64 (either alphabet, padding and whitespace ignored, stops at the first '=').
    private static byte[] DecodeBase64(string text)
    {
        var output = new List<byte>(text.Length * 3 / 4);
        int acc = 0, bits = 0;
        foreach (var c in text)
        {
            int value;
            if (c is >= 'A' and <= 'Z') value = c - 'A';
            else if (c is >= 'a' and <= 'z') value = c - 'a' + 26;
            else if (c is >= '0' and <= '9') value = c - '0' + 52;
            else if (c is '+' or '-') value = 62;
            else if (c is '/' or '_') value = 63;
            else if (c == '=') break;
            else continue;
            acc = (acc << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)((acc >> bits) & 0xFF));
            }
        }

        return [.. output];
    }

    /// <summary>Node's bytes-to-string for an encoding name (already normalised by crypto.js).</summary>
    public static string Decode(byte[] bytes, string encoding)
    {
        switch (encoding)
        {
            case "hex":
                return Convert.ToHexStringLower(bytes);
            case "base64":
                return Convert.ToBase64String(bytes);
            case "base64url":
                return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            case "latin1":
            case "ascii":
                var chars = new char[bytes.Length];
                for (var i = 0; i < bytes.Length; i++)
                {
                    chars[i] = (char)(encoding == "ascii" ? bytes[i] & 0x7F : bytes[i]);
                }

                return new string(chars);
            case "utf16le":
                return Encoding.Unicode.GetString(bytes, 0, bytes.Length & ~1);
            default:
                return Utf8.GetString(bytes);
        }
    }
}
