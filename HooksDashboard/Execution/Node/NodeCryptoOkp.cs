using System.Formats.Asn1;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// Ed25519, Ed448, X25519 and X448 keys ("OKP", RFC 8410) for <c>crypto</c>: .NET has none of them, so the arithmetic is
/// BouncyCastle's (managed). Keys follow the key-handling rule of <see cref="NodeCryptoKeys"/>: the script keeps the
/// canonical DER (PKCS#8 v1 for a private key — what node writes —, SPKI for a public one) and every call rebuilds the
/// BouncyCastle parameters from those bytes for that call only.
/// </summary>
internal static class NodeCryptoOkp
{
    /// <summary>The OKP types: Node's name, OID, JWK <c>crv</c>, raw key length (private and public are the same length).</summary>
    private static readonly (string Name, string Oid, string Crv, int Size)[] Types =
    [
        ("ed25519", "1.3.101.112", "Ed25519", 32),
        ("ed448", "1.3.101.113", "Ed448", 57),
        ("x25519", "1.3.101.110", "X25519", 32),
        ("x448", "1.3.101.111", "X448", 56),
    ];

    public static void Register(NodeRuntime runtime, JsObject binding)
    {
        binding.Set("okpGenerate", runtime.Function("okpGenerate", args => Generate(runtime, TypeConverter.ToString(args[0])), 1));
        binding.Set("okpFromJwk", runtime.Function("okpFromJwk", args => FromJwk(runtime, args), 3));
        binding.Set("okpJwk", runtime.Function("okpJwk", args => Jwk(runtime, args), 3));
        binding.Set("okpSign", runtime.Function("okpSign", args => Sign(runtime, args), 3));
        binding.Set("okpVerify", runtime.Function("okpVerify", args => Verify(runtime, args), 5));
        binding.Set("okpAgree", runtime.Function("okpAgree", args => Agree(runtime, args), 3));
    }

    /// <summary>
    /// A PKCS#8 or SPKI DER holding an OKP key, described as <see cref="NodeCryptoKeys"/> describes keys; null when the DER
    /// is not an OKP key (the RSA/EC parser then takes it). A private form asked for as public gives its public half.
    /// </summary>
    public static JsObject? TryDescribe(NodeRuntime runtime, byte[] der, bool isPrivateForm, bool wantPrivate)
    {
        string oid;
        byte[] raw;
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            if (isPrivateForm)
            {
                outer.ReadInteger();
            }

            oid = outer.ReadSequence().ReadObjectIdentifier();
            if (!Types.Any(t => t.Oid == oid))
            {
                return null;
            }

            raw = isPrivateForm
                ? new AsnReader(outer.ReadOctetString(), AsnEncodingRules.BER).ReadOctetString()
                : outer.ReadBitString(out _);
        }
        catch (AsnContentException)
        {
            return null;
        }

        var type = Types.First(t => t.Oid == oid);
        if (raw.Length != type.Size)
        {
            throw NodeCryptoKeys.OpenSsl(runtime, "ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported", "DECODER routines", "unsupported");
        }

        return isPrivateForm && wantPrivate ? Describe(runtime, type.Name, raw, isPrivate: true)
            : Describe(runtime, type.Name, isPrivateForm ? PublicOf(type.Name, raw) : raw, isPrivate: false);
    }

    private static JsObject Describe(NodeRuntime runtime, string name, byte[] raw, bool isPrivate)
    {
        var result = new JsObject(runtime.Engine);
        result.Set("type", isPrivate ? "private" : "public");
        result.Set("asymmetricKeyType", name);
        result.Set("der", runtime.Engine.Intrinsics.Uint8Array.Construct(isPrivate ? Pkcs8(name, raw) : Spki(name, raw)));
        return result;
    }

    private static byte[] Pkcs8(string name, byte[] raw)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Types.First(t => t.Name == name).Oid);
            }

            var inner = new AsnWriter(AsnEncodingRules.DER);
            inner.WriteOctetString(raw);
            writer.WriteOctetString(inner.Encode());
        }

        return writer.Encode();
    }

    private static byte[] Spki(string name, byte[] raw)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Types.First(t => t.Name == name).Oid);
            }

            writer.WriteBitString(raw);
        }

        return writer.Encode();
    }

    // The raw key at the end of the canonical DER (fixed layouts, written by Pkcs8/Spki above).
    private static byte[] RawOf(string name, byte[] der) => der[^Types.First(t => t.Name == name).Size..];

    private static byte[] PublicOf(string name, byte[] raw) => name switch
    {
        "ed25519" => new Ed25519PrivateKeyParameters(raw).GeneratePublicKey().GetEncoded(),
        "ed448" => new Ed448PrivateKeyParameters(raw).GeneratePublicKey().GetEncoded(),
        "x25519" => new X25519PrivateKeyParameters(raw).GeneratePublicKey().GetEncoded(),
        _ => new X448PrivateKeyParameters(raw).GeneratePublicKey().GetEncoded(),
    };

    private static JsObject Generate(NodeRuntime runtime, string name)
    {
        var random = new SecureRandom();
        byte[] raw = name switch
        {
            "ed25519" => new Ed25519PrivateKeyParameters(random).GetEncoded(),
            "ed448" => new Ed448PrivateKeyParameters(random).GetEncoded(),
            "x25519" => new X25519PrivateKeyParameters(random).GetEncoded(),
            _ => new X448PrivateKeyParameters(random).GetEncoded(),
        };
        return Describe(runtime, name, raw, isPrivate: true);
    }

    // okpFromJwk(crv, x bytes, d bytes | undefined): the members were checked (strings) by the script.
    private static JsObject FromJwk(NodeRuntime runtime, JsValue[] args)
    {
        var crv = TypeConverter.ToString(args[0]);
        var type = Types.First(t => t.Crv == crv);
        var x = NodeCrypto.BytesOf(runtime, args[1]);
        var d = args.Length > 2 && args[2] is JsTypedArray ? NodeCrypto.BytesOf(runtime, args[2]) : null;
        if ((d ?? x).Length != type.Size)
        {
            throw runtime.Error(runtime.Engine.Intrinsics.TypeError, "ERR_CRYPTO_INVALID_JWK", "Invalid JWK data");
        }

        return Describe(runtime, type.Name, d ?? x, isPrivate: d is not null);
    }

    // okpJwk(der, isPrivate, name): Node's member order, crv, d, x, kty.
    private static JsObject Jwk(NodeRuntime runtime, JsValue[] args)
    {
        var der = NodeCrypto.BytesOf(runtime, args[0]);
        var isPrivate = TypeConverter.ToBoolean(args[1]);
        var name = TypeConverter.ToString(args[2]);
        var raw = RawOf(name, der);
        var jwk = new JsObject(runtime.Engine);
        jwk.Set("crv", Types.First(t => t.Name == name).Crv);
        if (isPrivate)
        {
            jwk.Set("d", NodeCrypto.Decode(raw, "base64url"));
        }

        jwk.Set("x", NodeCrypto.Decode(isPrivate ? PublicOf(name, raw) : raw, "base64url"));
        jwk.Set("kty", "OKP");
        return jwk;
    }

    // okpSign(der of a private key, name, data): the pure EdDSA signature (no pre-hash, empty context), as node's.
    private static JsTypedArray Sign(NodeRuntime runtime, JsValue[] args)
    {
        var der = NodeCrypto.BytesOf(runtime, args[0]);
        var name = TypeConverter.ToString(args[1]);
        var data = NodeCrypto.BytesOf(runtime, args[2]);
        var raw = RawOf(name, der);
        Org.BouncyCastle.Crypto.ISigner signer = name == "ed25519" ? new Ed25519Signer() : new Ed448Signer([]);
        signer.Init(true, name == "ed25519" ? new Ed25519PrivateKeyParameters(raw) : new Ed448PrivateKeyParameters(raw));
        signer.BlockUpdate(data, 0, data.Length);
        return runtime.Engine.Intrinsics.Uint8Array.Construct(signer.GenerateSignature());
    }

    // okpVerify(der, isPrivate, name, data, signature)
    private static JsBoolean Verify(NodeRuntime runtime, JsValue[] args)
    {
        var der = NodeCrypto.BytesOf(runtime, args[0]);
        var isPrivate = TypeConverter.ToBoolean(args[1]);
        var name = TypeConverter.ToString(args[2]);
        var data = NodeCrypto.BytesOf(runtime, args[3]);
        var signature = NodeCrypto.BytesOf(runtime, args[4]);
        var raw = RawOf(name, der);
        var publicKey = isPrivate ? PublicOf(name, raw) : raw;
        Org.BouncyCastle.Crypto.ISigner verifier = name == "ed25519" ? new Ed25519Signer() : new Ed448Signer([]);
        verifier.Init(false, name == "ed25519" ? new Ed25519PublicKeyParameters(publicKey) : new Ed448PublicKeyParameters(publicKey));
        verifier.BlockUpdate(data, 0, data.Length);
        return verifier.VerifySignature(signature) ? JsBoolean.True : JsBoolean.False;
    }

    // okpAgree(private der, public der, name): X25519/X448. A small-order public key (an all-zero secret, which
    // BouncyCastle refuses) fails as OpenSSL's derivation does in node.
    private static JsTypedArray Agree(NodeRuntime runtime, JsValue[] args)
    {
        var name = TypeConverter.ToString(args[2]);
        var privateRaw = RawOf(name, NodeCrypto.BytesOf(runtime, args[0]));
        var publicRaw = RawOf(name, NodeCrypto.BytesOf(runtime, args[1]));
        byte[] secret;
        try
        {
            if (name == "x25519")
            {
                var agreement = new X25519Agreement();
                agreement.Init(new X25519PrivateKeyParameters(privateRaw));
                secret = new byte[agreement.AgreementSize];
                agreement.CalculateAgreement(new X25519PublicKeyParameters(publicRaw), secret, 0);
            }
            else
            {
                var agreement = new X448Agreement();
                agreement.Init(new X448PrivateKeyParameters(privateRaw));
                secret = new byte[agreement.AgreementSize];
                agreement.CalculateAgreement(new X448PublicKeyParameters(publicRaw), secret, 0);
            }
        }
        catch (InvalidOperationException)
        {
            throw NodeCryptoKeys.OpenSsl(runtime, "ERR_OSSL_FAILED_DURING_DERIVATION", "error:1C8000A4:Provider routines::failed during derivation",
                "Provider routines", "failed during derivation");
        }

        return runtime.Engine.Intrinsics.Uint8Array.Construct(secret);
    }
}
