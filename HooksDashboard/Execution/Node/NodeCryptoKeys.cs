using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// Asymmetric keys for <c>crypto</c>'s <c>KeyObject</c>: parsing PEM/DER/JWK into one canonical form (PKCS#8 DER for
/// private keys, SPKI DER for public keys), exporting it again, generating pairs. The canonical bytes are kept by the
/// script; every operation imports them into a .NET key for the duration of one call and disposes it, so no key
/// outlives a call on the host side and nothing host-side is reachable from the script.
/// </summary>
internal static class NodeCryptoKeys
{
    /// <summary>Largest RSA modulus <c>generateKeyPair</c> makes: generation time grows with the cube of the size.</summary>
    public const int MaxGeneratedModulusBits = 4096;

    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    private static readonly Dictionary<string, string> UnsupportedOids = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.10"] = "rsa-pss",
        ["1.2.840.10040.4.1"] = "dsa",
        ["1.2.840.113549.1.3.1"] = "dh",
    };

    /// <summary>The curves provided: OID, OpenSSL name (Node's <c>namedCurve</c>), JWK <c>crv</c>, field size in bytes.</summary>
    public static readonly (string Oid, string Name, string Jwk, int Size)[] Curves =
    [
        ("1.2.840.10045.3.1.7", "prime256v1", "P-256", 32),
        ("1.3.132.0.34", "secp384r1", "P-384", 48),
        ("1.3.132.0.35", "secp521r1", "P-521", 66),
        ("1.3.132.0.10", "secp256k1", "secp256k1", 32),
    ];

    /// <summary>A key being worked on during one call: disposed at the end of that call.</summary>
    internal sealed class HostKey(AsymmetricAlgorithm algorithm, bool isPrivate) : IDisposable
    {
        public AsymmetricAlgorithm Algorithm { get; } = algorithm;

        public bool IsPrivate { get; } = isPrivate;

        public string Type => Algorithm is RSA ? "rsa" : "ec";

        public void Dispose() => Algorithm.Dispose();
    }

    public static void Register(NodeRuntime runtime, JsObject binding)
    {
        binding.Set("keyImport", runtime.Function("keyImport", args => Import(runtime, args), 5));
        binding.Set("keyExport", runtime.Function("keyExport", args => Export(runtime, args), 6));
        binding.Set("keyGenerate", runtime.Function("keyGenerate", args => Generate(runtime, args), 3));
        binding.Set("keyJwk", runtime.Function("keyJwk", args => Jwk(runtime, args), 2));
        binding.Set("ecdhAgree", runtime.Function("ecdhAgree", args => EcdhAgree(runtime, args), 2));
        binding.Set("keyEquals", runtime.Function("keyEquals", args =>
        {
            var a = NodeCrypto.BytesOf(runtime, args[0]);
            var b = NodeCrypto.BytesOf(runtime, args[1]);
            return a.Length == b.Length && CryptographicOperations.FixedTimeEquals(a, b) ? JsBoolean.True : JsBoolean.False;
        }, 2));
    }

    // ecdhAgree(private PKCS#8 der, public SPKI der): the EC Diffie-Hellman shared secret (the x coordinate, the curve's
    // size), for crypto.diffieHellman and Web Crypto's ECDH. Keys on different curves fail as OpenSSL fails in node.
    private static JsTypedArray EcdhAgree(NodeRuntime runtime, JsValue[] args)
    {
        using var own = ECDiffieHellman.Create();
        using var peer = ECDiffieHellman.Create();
        own.ImportPkcs8PrivateKey(NodeCrypto.BytesOf(runtime, args[0]), out _);
        peer.ImportSubjectPublicKeyInfo(NodeCrypto.BytesOf(runtime, args[1]), out _);
        if (own.ExportParameters(false).Curve.Oid.Value != peer.ExportParameters(false).Curve.Oid.Value)
        {
            throw OpenSsl(runtime, "ERR_OSSL_MISMATCHING_DOMAIN_PARAMETERS", "error:1C8000CB:Provider routines::mismatching domain parameters",
                "Provider routines", "mismatching domain parameters");
        }

        using var peerKey = peer.PublicKey;
        return runtime.Engine.Intrinsics.Uint8Array.Construct(own.DeriveRawSecretAgreement(peerKey));
    }

    /// <summary>Imports a canonical key (what <see cref="Import"/> returned) for one operation.</summary>
    public static HostKey Load(byte[] der, string asymmetricKeyType, bool isPrivate)
    {
        AsymmetricAlgorithm algorithm = asymmetricKeyType == "rsa" ? RSA.Create() : ECDsa.Create();
        try
        {
            if (isPrivate)
            {
                algorithm.ImportPkcs8PrivateKey(der, out _);
            }
            else
            {
                algorithm.ImportSubjectPublicKeyInfo(der, out _);
            }

            return new HostKey(algorithm, isPrivate);
        }
        catch
        {
            algorithm.Dispose();
            throw;
        }
    }

    // keyImport(kind 'private'|'public', format 'pem'|'der'|'jwk', data, type, passphrase)
    private static JsObject Import(NodeRuntime runtime, JsValue[] args)
    {
        var kind = TypeConverter.ToString(args[0]);
        var format = TypeConverter.ToString(args[1]);
        var wantPrivate = kind == "private";
        byte[]? passphrase = args.Length > 4 && args[4] is JsTypedArray ? NodeCrypto.BytesOf(runtime, args[4]) : null;
        if (OkpForm(runtime, format, args) is { } okp && NodeCryptoOkp.TryDescribe(runtime, okp.Der, okp.IsPrivateForm, wantPrivate) is { } described)
        {
            if (wantPrivate && !okp.IsPrivateForm)
            {
                throw Unsupported(runtime);
            }

            return described;
        }

        using var key = format switch
        {
            "jwk" => FromJwk(runtime, (ObjectInstance)args[2], wantPrivate),
            "der" => FromDer(runtime, NodeCrypto.BytesOf(runtime, args[2]), TypeConverter.ToString(args[3]), wantPrivate, passphrase),
            _ => FromPem(runtime, TypeConverter.ToString(args[2]), wantPrivate, passphrase),
        };
        return Describe(runtime, key, wantPrivate);
    }

    // The DER of an unencrypted PKCS#8 or SPKI input (PEM or DER), which may hold an OKP key (NodeCryptoOkp); else null.
    private static (byte[] Der, bool IsPrivateForm)? OkpForm(NodeRuntime runtime, string format, JsValue[] args)
    {
        if (format == "der")
        {
            var type = TypeConverter.ToString(args[3]);
            return type is "pkcs8" or "spki" ? (NodeCrypto.BytesOf(runtime, args[2]), type == "pkcs8") : null;
        }

        if (format != "pem")
        {
            return null;
        }

        var text = TypeConverter.ToString(args[2]);
        if (!PemEncoding.TryFind(text, out var fields))
        {
            return null;
        }

        var label = text[fields.Label];
        if (label is not ("PRIVATE KEY" or "PUBLIC KEY"))
        {
            return null;
        }

        try
        {
            return (Convert.FromBase64String(text[fields.Base64Data]), label == "PRIVATE KEY");
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static JsObject Describe(NodeRuntime runtime, HostKey key, bool asPrivate)
    {
        var engine = runtime.Engine;
        var result = new JsObject(engine);
        result.Set("type", asPrivate ? "private" : "public");
        result.Set("asymmetricKeyType", key.Type);
        var der = asPrivate ? key.Algorithm.ExportPkcs8PrivateKey() : key.Algorithm.ExportSubjectPublicKeyInfo();
        result.Set("der", engine.Intrinsics.Uint8Array.Construct(der));
        if (key.Algorithm is RSA rsa)
        {
            var p = rsa.ExportParameters(false);
            result.Set("modulusLength", JsNumber.Create(rsa.KeySize));
            result.Set("publicExponent", new BigInteger(p.Exponent, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (key.Algorithm is ECDsa ec)
        {
            result.Set("namedCurve", CurveOf(ec).Name);
        }

        return result;
    }

    private static (string Oid, string Name, string Jwk, int Size) CurveOf(ECDsa ec)
    {
        var oid = ec.ExportParameters(false).Curve.Oid;
        foreach (var curve in Curves)
        {
            if (oid.Value == curve.Oid || string.Equals(oid.FriendlyName, curve.Name, StringComparison.OrdinalIgnoreCase)
                || (curve.Name == "prime256v1" && oid.FriendlyName is "nistP256" or "ECDSA_P256" or "secp256r1")
                || (curve.Name == "secp384r1" && oid.FriendlyName is "nistP384" or "ECDSA_P384")
                || (curve.Name == "secp521r1" && oid.FriendlyName is "nistP521" or "ECDSA_P521"))
            {
                return curve;
            }
        }

        throw new CryptographicException("unsupported curve");
    }

    private static HostKey FromPem(NodeRuntime runtime, string text, bool wantPrivate, byte[]? passphrase)
    {
        if (text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw runtime.Error(runtime.Engine.Intrinsics.Error, "ERR_HOOKS_CRYPTO_UNSUPPORTED",
                "Encrypted PEM keys in OpenSSL's legacy format (Proc-Type/DEK-Info) are not supported in HooksDashboard hooks: use an encrypted PKCS#8 key (BEGIN ENCRYPTED PRIVATE KEY)");
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw Unsupported(runtime);
        }

        var label = text[fields.Label];
        byte[] der;
        try
        {
            der = Convert.FromBase64String(text[fields.Base64Data]);
        }
        catch (FormatException)
        {
            throw Unsupported(runtime);
        }

        var type = label switch
        {
            "RSA PRIVATE KEY" => "pkcs1-private",
            "PRIVATE KEY" => "pkcs8",
            "ENCRYPTED PRIVATE KEY" => "pkcs8-encrypted",
            "EC PRIVATE KEY" => "sec1",
            "PUBLIC KEY" => "spki",
            "RSA PUBLIC KEY" => "pkcs1-public",
            "CERTIFICATE" => "certificate",
            _ => null,
        };
        if (type is null)
        {
            throw Unsupported(runtime);
        }

        return Parse(runtime, der, type, wantPrivate, passphrase);
    }

    private static HostKey FromDer(NodeRuntime runtime, byte[] der, string type, bool wantPrivate, byte[]? passphrase)
    {
        var kind = type switch
        {
            "pkcs1" => wantPrivate ? "pkcs1-private" : "pkcs1-public",
            "pkcs8" => passphrase is null ? "pkcs8" : "pkcs8-encrypted",
            _ => type,
        };

        // createPublicKey of private DER: Node tries the private forms too.
        if (!wantPrivate && type is "pkcs1" or "pkcs8" or "sec1")
        {
            try
            {
                return Parse(runtime, der, type == "pkcs1" ? "pkcs1-private" : kind, wantPrivate: false, passphrase);
            }
            catch (Jint.Runtime.JavaScriptException) when (type == "pkcs1")
            {
                return Parse(runtime, der, "pkcs1-public", wantPrivate: false, passphrase);
            }
        }

        return Parse(runtime, der, kind, wantPrivate, passphrase);
    }

    private static HostKey Parse(NodeRuntime runtime, byte[] der, string type, bool wantPrivate, byte[]? passphrase)
    {
        var isPrivateForm = type is "pkcs1-private" or "pkcs8" or "pkcs8-encrypted" or "sec1";
        if (wantPrivate && !isPrivateForm)
        {
            throw Unsupported(runtime);
        }

        if (type == "pkcs8-encrypted")
        {
            if (passphrase is null)
            {
                throw OpenSsl(runtime, "ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED", "error:07880109:common libcrypto routines::interrupted or cancelled",
                    "common libcrypto routines", "interrupted or cancelled");
            }

            foreach (var candidate in new Func<AsymmetricAlgorithm>[] { RSA.Create, ECDsa.Create })
            {
                var algorithm = candidate();
                try
                {
                    algorithm.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _);
                    return new HostKey(algorithm, isPrivate: true);
                }
                catch (CryptographicException)
                {
                    algorithm.Dispose();
                }
            }

            throw OpenSsl(runtime, "ERR_OSSL_BAD_DECRYPT", "error:1C800064:Provider routines::bad decrypt", "Provider routines", "bad decrypt");
        }

        string algorithmType;
        try
        {
            algorithmType = type switch
            {
                "pkcs1-private" or "pkcs1-public" => "rsa",
                "sec1" => "ec",
                "pkcs8" => AlgorithmOf(runtime, der, isPrivate: true),
                "spki" => AlgorithmOf(runtime, der, isPrivate: false),
                _ => "certificate",
            };
        }
        catch (AsnContentException)
        {
            throw Unsupported(runtime);
        }

        if (algorithmType == "certificate")
        {
            return FromCertificate(runtime, der);
        }

        AsymmetricAlgorithm key = algorithmType == "rsa" ? RSA.Create() : ECDsa.Create();
        try
        {
            switch (type)
            {
                case "pkcs1-private":
                    ((RSA)key).ImportRSAPrivateKey(der, out _);
                    break;
                case "pkcs1-public":
                    ((RSA)key).ImportRSAPublicKey(der, out _);
                    break;
                case "sec1":
                    ((ECDsa)key).ImportECPrivateKey(der, out _);
                    break;
                case "pkcs8":
                    key.ImportPkcs8PrivateKey(der, out _);
                    break;
                default:
                    key.ImportSubjectPublicKeyInfo(der, out _);
                    break;
            }

            if (key is ECDsa ec)
            {
                CurveOf(ec);
            }

            return new HostKey(key, isPrivateForm);
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw Unsupported(runtime);
        }
    }

    private static HostKey FromCertificate(NodeRuntime runtime, byte[] der)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            throw Unsupported(runtime);
        }

        using (certificate)
        {
            var spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
            return Parse(runtime, spki, "spki", wantPrivate: false, passphrase: null);
        }
    }

    // The algorithm OID of a PKCS#8 PrivateKeyInfo or an SPKI; a known but unsupported type is a clear error.
    private static string AlgorithmOf(NodeRuntime runtime, byte[] der, bool isPrivate)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        if (isPrivate)
        {
            reader.ReadInteger();
        }

        var oid = reader.ReadSequence().ReadObjectIdentifier();
        if (oid == RsaOid)
        {
            return "rsa";
        }

        if (oid == EcOid)
        {
            return "ec";
        }

        if (UnsupportedOids.TryGetValue(oid, out var name))
        {
            throw runtime.Error(runtime.Engine.Intrinsics.Error, "ERR_HOOKS_CRYPTO_UNSUPPORTED",
                $"{name} keys are not supported in HooksDashboard hooks (RSA and EC keys are)");
        }

        throw Unsupported(runtime);
    }

    // The JWK's members were checked (present, strings) by the script; values are base64url.
    private static HostKey FromJwk(NodeRuntime runtime, ObjectInstance jwk, bool wantPrivate)
    {
        string? Member(string name) => jwk.Get(name) is JsString s ? s.ToString() : null;
        byte[] B64(string name) => NodeCrypto.Encode(Member(name) ?? "", "base64url");
        var kty = Member("kty");
        var hasPrivate = Member("d") is not null;
        if (wantPrivate && !hasPrivate)
        {
            throw runtime.Error(runtime.Engine.Intrinsics.TypeError, "ERR_CRYPTO_INVALID_JWK", "Invalid JWK private key");
        }

        try
        {
            if (kty == "RSA")
            {
                var n = Trim(B64("n"));
                var half = (n.Length + 1) / 2;
                var parameters = new RSAParameters { Modulus = n, Exponent = Trim(B64("e")) };
                if (wantPrivate)
                {
                    parameters.D = Pad(B64("d"), n.Length);
                    parameters.P = Pad(B64("p"), half);
                    parameters.Q = Pad(B64("q"), half);
                    parameters.DP = Pad(B64("dp"), half);
                    parameters.DQ = Pad(B64("dq"), half);
                    parameters.InverseQ = Pad(B64("qi"), half);
                }

                var rsa = RSA.Create();
                try
                {
                    rsa.ImportParameters(parameters);
                }
                catch (CryptographicException)
                {
                    rsa.Dispose();
                    throw runtime.Error(runtime.Engine.Intrinsics.TypeError, "ERR_CRYPTO_INVALID_JWK", "Invalid JWK RSA key");
                }

                return new HostKey(rsa, wantPrivate);
            }

            var crv = Member("crv");
            var curve = Curves.First(c => c.Jwk == crv);
            var ecParameters = new ECParameters
            {
                Curve = ECCurve.CreateFromValue(curve.Oid),
                Q = new ECPoint { X = Pad(B64("x"), curve.Size), Y = Pad(B64("y"), curve.Size) },
                D = wantPrivate ? Pad(B64("d"), curve.Size) : null,
            };
            var ec = ECDsa.Create();
            try
            {
                ec.ImportParameters(ecParameters);
            }
            catch (CryptographicException)
            {
                ec.Dispose();
                throw runtime.Error(runtime.Engine.Intrinsics.TypeError, "ERR_CRYPTO_INVALID_JWK", "Invalid JWK EC key");
            }

            return new HostKey(ec, wantPrivate);
        }
        catch (ArgumentException)
        {
            throw runtime.Error(runtime.Engine.Intrinsics.TypeError, "ERR_CRYPTO_INVALID_JWK", $"Invalid JWK {kty} key");
        }
    }

    private static byte[] Trim(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }

    private static byte[] Pad(byte[] value, int length)
    {
        value = Trim(value);
        if (value.Length > length)
        {
            throw new ArgumentException("JWK member longer than the key");
        }

        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }

    // keyExport(der, isPrivate, asymmetricKeyType, format 'pem'|'der', type, cipher, passphrase)
    private static JsValue Export(NodeRuntime runtime, JsValue[] args)
    {
        var der = NodeCrypto.BytesOf(runtime, args[0]);
        var isPrivate = TypeConverter.ToBoolean(args[1]);
        var asymmetricKeyType = TypeConverter.ToString(args[2]);
        var format = TypeConverter.ToString(args[3]);
        var type = TypeConverter.ToString(args[4]);
        var cipher = args.Length > 5 && args[5] is JsString c ? c.ToString() : null;
        byte[]? passphrase = args.Length > 6 && args[6] is JsTypedArray ? NodeCrypto.BytesOf(runtime, args[6]) : null;
        using var key = Load(der, asymmetricKeyType, isPrivate);
        byte[] bytes;
        string label;
        if (cipher is not null)
        {
            var pbe = cipher.ToLowerInvariant() switch
            {
                "aes-128-cbc" or "aes128" => PbeEncryptionAlgorithm.Aes128Cbc,
                "aes-192-cbc" or "aes192" => PbeEncryptionAlgorithm.Aes192Cbc,
                "aes-256-cbc" or "aes256" => PbeEncryptionAlgorithm.Aes256Cbc,
                _ => throw runtime.Error(runtime.Engine.Intrinsics.Error, "ERR_HOOKS_CRYPTO_UNSUPPORTED",
                    $"Encrypting a private key with {cipher} is not supported in HooksDashboard hooks (aes-128-cbc, aes-192-cbc and aes-256-cbc are)"),
            };
            if (type != "pkcs8")
            {
                throw runtime.Error(runtime.Engine.Intrinsics.Error, "ERR_HOOKS_CRYPTO_UNSUPPORTED",
                    $"Encrypted {type} keys are not supported in HooksDashboard hooks: use type 'pkcs8' with a cipher");
            }

            // OpenSSL's defaults for PKCS#8 encryption: PBES2 with HMAC-SHA256 and 2048 iterations.
            bytes = key.Algorithm.ExportEncryptedPkcs8PrivateKey(passphrase ?? [], new PbeParameters(pbe, HashAlgorithmName.SHA256, 2048));
            label = "ENCRYPTED PRIVATE KEY";
        }
        else
        {
            (bytes, label) = (type, isPrivate) switch
            {
                ("pkcs1", true) => (((RSA)key.Algorithm).ExportRSAPrivateKey(), "RSA PRIVATE KEY"),
                ("pkcs1", false) => (((RSA)key.Algorithm).ExportRSAPublicKey(), "RSA PUBLIC KEY"),
                ("sec1", _) => (((ECDsa)key.Algorithm).ExportECPrivateKey(), "EC PRIVATE KEY"),
                ("pkcs8", _) => (der, "PRIVATE KEY"),
                _ => (der, "PUBLIC KEY"),
            };
        }

        if (format == "der")
        {
            return runtime.Engine.Intrinsics.Uint8Array.Construct(bytes);
        }

        return JsString.Create(new string(PemEncoding.Write(label, bytes)) + "\n");
    }

    // keyJwk(der, isPrivate, asymmetricKeyType) → the JWK members in Node's order.
    private static JsObject Jwk(NodeRuntime runtime, JsValue[] args)
    {
        var der = NodeCrypto.BytesOf(runtime, args[0]);
        var isPrivate = TypeConverter.ToBoolean(args[1]);
        using var key = Load(der, TypeConverter.ToString(args[2]), isPrivate);
        var jwk = new JsObject(runtime.Engine);
        static string B64(byte[] bytes) => NodeCrypto.Decode(bytes, "base64url");
        if (key.Algorithm is RSA rsa)
        {
            var p = rsa.ExportParameters(isPrivate);
            jwk.Set("kty", "RSA");
            jwk.Set("n", B64(Trim(p.Modulus!)));
            jwk.Set("e", B64(Trim(p.Exponent!)));
            if (isPrivate)
            {
                jwk.Set("d", B64(Trim(p.D!)));
                jwk.Set("p", B64(Trim(p.P!)));
                jwk.Set("q", B64(Trim(p.Q!)));
                jwk.Set("dp", B64(Trim(p.DP!)));
                jwk.Set("dq", B64(Trim(p.DQ!)));
                jwk.Set("qi", B64(Trim(p.InverseQ!)));
            }

            CryptographicOperations.ZeroMemory(p.D);
            CryptographicOperations.ZeroMemory(p.P);
            CryptographicOperations.ZeroMemory(p.Q);
        }
        else
        {
            var ec = (ECDsa)key.Algorithm;
            var curve = CurveOf(ec);
            var p = ec.ExportParameters(isPrivate);
            jwk.Set("kty", "EC");
            jwk.Set("x", B64(Pad(p.Q.X!, curve.Size)));
            jwk.Set("y", B64(Pad(p.Q.Y!, curve.Size)));
            jwk.Set("crv", curve.Jwk);
            if (isPrivate)
            {
                jwk.Set("d", B64(Pad(p.D!, curve.Size)));
                CryptographicOperations.ZeroMemory(p.D);
            }
        }

        return jwk;
    }

    // keyGenerate(type 'rsa'|'ec', modulusLength|namedCurve, publicExponent) → the private key's description.
    private static JsObject Generate(NodeRuntime runtime, JsValue[] args)
    {
        var type = TypeConverter.ToString(args[0]);
        AsymmetricAlgorithm algorithm;
        if (type == "rsa")
        {
            var bits = (int)TypeConverter.ToNumber(args[1]);
            if (TypeConverter.ToNumber(args[2]) != 65537)
            {
                throw runtime.Error(runtime.Engine.Intrinsics.Error, "ERR_HOOKS_CRYPTO_UNSUPPORTED",
                    "RSA keys are generated with the public exponent 65537 only in HooksDashboard hooks");
            }

            if (bits is < 512 or > MaxGeneratedModulusBits || bits % 8 != 0)
            {
                throw runtime.Error(runtime.Engine.Intrinsics.Error, "ERR_HOOKS_CRYPTO_UNSUPPORTED",
                    $"RSA keys of 512 to {MaxGeneratedModulusBits} bits (a multiple of 8) can be generated in HooksDashboard hooks; received {bits}");
            }

            algorithm = RSA.Create(bits);
        }
        else
        {
            var name = TypeConverter.ToString(args[1]);
            var curve = Curves.First(c => c.Name == name);
            algorithm = ECDsa.Create(ECCurve.CreateFromValue(curve.Oid));
        }

        using var key = new HostKey(algorithm, isPrivate: true);
        return Describe(runtime, key, asPrivate: true);
    }

    private static Jint.Runtime.JavaScriptException Unsupported(NodeRuntime runtime) =>
        OpenSsl(runtime, "ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported", "DECODER routines", "unsupported");

    /// <summary>An error shaped as Node's OpenSSL errors: <c>library</c>, <c>reason</c>, <c>code</c>.</summary>
    /// <summary>Node's error for an OpenSSL failure; <paramref name="stack"/> is its <c>opensslErrorStack</c> (newest first), set first as Node does.</summary>
    public static Jint.Runtime.JavaScriptException OpenSsl(NodeRuntime runtime, string code, string message, string library, string reason, string[]? stack = null)
    {
        var error = (ObjectInstance)runtime.Engine.Construct(runtime.Engine.Intrinsics.Error, [JsString.Create(message)]);
        if (stack is { Length: > 0 })
        {
            error.Set("opensslErrorStack", new JsArray(runtime.Engine, [.. stack.Select(static line => (JsValue)JsString.Create(line))]));
        }

        error.Set("library", library);
        error.Set("reason", reason);
        error.Set("code", code);
        return new Jint.Runtime.JavaScriptException(error);
    }
}
