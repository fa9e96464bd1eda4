using System.Collections.Concurrent;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// The arithmetic of <c>crypto.createECDH</c> (Node's <c>ECDH</c> class): key generation, the public key of a private
/// key, a point in another encoding and the shared secret, on the named curves OpenSSL knows by the names Node accepts.
/// The curve arithmetic is BouncyCastle's (managed), as for the OKP keys: .NET's <c>ECDiffieHellman</c> neither
/// decodes compressed points nor derives a public key from a bare private scalar. Keys are plain bytes the script
/// keeps (the private scalar, the uncompressed point), so nothing host-side outlives a call.
/// </summary>
internal static class NodeCryptoEcdh
{
    private static readonly ConcurrentDictionary<string, X9ECParameters?> CurvesByName = new(StringComparer.Ordinal);

    // BouncyCastle's names for the curves whose OpenSSL short name differs.
    private static readonly Dictionary<string, string> BouncyCastleNames = new(StringComparer.Ordinal)
    {
        ["SM2"] = "sm2p256v1",
    };

    public static void Register(NodeRuntime runtime, JsObject binding)
    {
        binding.Set("ecdhKnows", runtime.Function("ecdhKnows", args => Curve(TypeConverter.ToString(args[0])) is null ? JsBoolean.False : JsBoolean.True, 1));
        binding.Set("ecdhGenerate", runtime.Function("ecdhGenerate", args => Generate(runtime, args), 1));
        binding.Set("ecdhPublicOf", runtime.Function("ecdhPublicOf", args => PublicOf(runtime, args), 2));
        binding.Set("ecdhPoint", runtime.Function("ecdhPoint", args => Point(runtime, args), 3));
        binding.Set("ecdhSecret", runtime.Function("ecdhSecret", args => Secret(runtime, args), 3));
    }

    /// <summary>The curve's parameters, or null when BouncyCastle does not know it (the script has checked Node knows it).</summary>
    private static X9ECParameters? Curve(string name) => CurvesByName.GetOrAdd(name, static n =>
        ECNamedCurveTable.GetByName(BouncyCastleNames.GetValueOrDefault(n, n)));

    private static X9ECParameters Required(JsValue name) =>
        Curve(TypeConverter.ToString(name)) ?? throw new InvalidOperationException("crypto.js checks the curve first");

    // ecdhGenerate(curve) → { privateKey, publicKey }: a random scalar in [1, n) and its uncompressed point.
    private static JsObject Generate(NodeRuntime runtime, JsValue[] args)
    {
        var curve = Required(args[0]);
        var random = new SecureRandom();
        BigInteger d;
        do
        {
            d = new BigInteger(curve.N.BitLength, random);
        }
        while (d.SignValue == 0 || d.CompareTo(curve.N) >= 0);

        var result = new JsObject(runtime.Engine);
        result.Set("privateKey", Bytes(runtime, d.ToByteArrayUnsigned()));
        result.Set("publicKey", Bytes(runtime, curve.G.Multiply(d).Normalize().GetEncoded(false)));
        return result;
    }

    // ecdhPublicOf(curve, private scalar bytes) → the uncompressed public point, or null for a scalar outside [1, n).
    private static JsValue PublicOf(NodeRuntime runtime, JsValue[] args)
    {
        var curve = Required(args[0]);
        var d = Scalar(curve, NodeCrypto.BytesOf(runtime, args[1]));
        return d is null ? JsValue.Null : Bytes(runtime, curve.G.Multiply(d).Normalize().GetEncoded(false));
    }

    // ecdhPoint(curve, point bytes, form 2|4|6) → the point in that encoding, or null when it is not a point of the curve.
    private static JsValue Point(NodeRuntime runtime, JsValue[] args)
    {
        var curve = Required(args[0]);
        var point = Decode(curve, NodeCrypto.BytesOf(runtime, args[1]));
        return point is null ? JsValue.Null : Bytes(runtime, Encode(point, (int)TypeConverter.ToNumber(args[2])));
    }

    // ecdhSecret(curve, private scalar bytes, peer point bytes) → the shared x coordinate (the field's size), or null
    // when the point is not on the curve.
    private static JsValue Secret(NodeRuntime runtime, JsValue[] args)
    {
        var curve = Required(args[0]);
        var d = Scalar(curve, NodeCrypto.BytesOf(runtime, args[1])) ?? throw new InvalidOperationException("crypto.js keeps valid scalars only");
        var peer = Decode(curve, NodeCrypto.BytesOf(runtime, args[2]));
        if (peer is null)
        {
            return JsValue.Null;
        }

        var shared = peer.Multiply(d).Normalize();
        if (shared.IsInfinity)
        {
            return JsValue.Null;
        }

        return Bytes(runtime, BigIntegers.AsUnsignedByteArray(FieldSize(curve), shared.AffineXCoord.ToBigInteger()));
    }

    private static int FieldSize(X9ECParameters curve) => (curve.Curve.FieldSize + 7) / 8;

    private static BigInteger? Scalar(X9ECParameters curve, byte[] bytes)
    {
        var d = new BigInteger(1, bytes);
        return d.SignValue == 0 || d.CompareTo(curve.N) >= 0 ? null : d;
    }

    // A point in any of OpenSSL's encodings (compressed, uncompressed, hybrid with its parity bit checked), on the curve
    // and not the point at infinity; else null.
    private static ECPoint? Decode(X9ECParameters curve, byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            var point = curve.Curve.DecodePoint(bytes);
            return point.IsInfinity || !point.IsValid() ? null : point.Normalize();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static byte[] Encode(ECPoint point, int form)
    {
        if (form == 2)
        {
            return point.GetEncoded(true);
        }

        var uncompressed = point.GetEncoded(false);
        if (form == 6)
        {
            uncompressed[0] = (byte)(0x06 | (point.AffineYCoord.TestBitZero() ? 1 : 0));
        }

        return uncompressed;
    }

    private static JsTypedArray Bytes(NodeRuntime runtime, byte[] bytes) => runtime.Engine.Intrinsics.Uint8Array.Construct(bytes);
}
