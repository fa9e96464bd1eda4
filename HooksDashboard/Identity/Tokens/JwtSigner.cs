using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HooksDashboard.Identity.Tokens;

/// <summary>Signs and checks RS256 JSON Web Tokens with the <see cref="SigningKeyStore"/> key, and publishes its JWKS.</summary>
public interface IJwtSigner
{
    /// <summary>A compact JWT (<c>header.payload.signature</c>) with header <c>{alg: RS256, typ: JWT, kid}</c>.</summary>
    Task<string> SignAsync(JsonObject payload, CancellationToken cancellationToken = default);

    /// <summary>
    /// The payload when <paramref name="jwt"/> is a well-formed RS256 JWT signed by the current key, else null.
    /// Checks the signature only: the caller checks <c>iss</c>, <c>aud</c> and times (see <see cref="IAccessTokenIssuer.ValidateAsync"/>).
    /// </summary>
    Task<JsonObject?> VerifyAsync(string jwt, CancellationToken cancellationToken = default);

    /// <summary>The JSON Web Key Set: <c>{ keys: [ { kty, use, alg, kid, n, e } ] }</c>.</summary>
    Task<JsonObject> GetJwksAsync(CancellationToken cancellationToken = default);
}

/// <summary><see cref="IJwtSigner"/> by hand with <see cref="RSA"/>: base64url(header).base64url(payload).base64url(RS256 signature).</summary>
public sealed class JwtSigner(SigningKeyStore keys) : IJwtSigner
{
    // The encoded header depends only on the key: made once per key, not per token.
    private EncodedHeader? _header;

    private sealed record EncodedHeader(string Kid, byte[] Utf8);

    public async Task<string> SignAsync(JsonObject payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var key = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
        var header = _header;
        if (header is null || header.Kid != key.Kid)
            _header = header = new EncodedHeader(key.Kid, Encoding.ASCII.GetBytes(Encode(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = key.Kid })));

        // header.payload as ASCII bytes in one buffer, signed, then header.payload.signature as one string.
        var json = JsonSerializer.SerializeToUtf8Bytes(payload);
        var signingLength = header.Utf8.Length + 1 + Base64Url.GetEncodedLength(json.Length);
        var signatureBytes = (key.Rsa.KeySize + 7) / 8;
        var token = ArrayPool<byte>.Shared.Rent(signingLength + 1 + Base64Url.GetEncodedLength(signatureBytes));
        try
        {
            header.Utf8.CopyTo(token, 0);
            token[header.Utf8.Length] = (byte)'.';
            Base64Url.EncodeToUtf8(json, token.AsSpan(header.Utf8.Length + 1));
            var signature = key.Rsa.SignData(token.AsSpan(0, signingLength), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            token[signingLength] = (byte)'.';
            var length = signingLength + 1 + Base64Url.EncodeToUtf8(signature, token.AsSpan(signingLength + 1));
            return Encoding.ASCII.GetString(token, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(token);
        }
    }

    public async Task<JsonObject?> VerifyAsync(string jwt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var parts = jwt.Split('.');
        if (parts.Length != 3)
            return null;
        var key = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject;
            // The algorithm is fixed, whatever the header says ("alg":"none" or HS256 confusion get nowhere).
            if (header?["alg"]?.GetValueKind() != JsonValueKind.String || header["alg"]!.GetValue<string>() != "RS256"
                || header["kid"]?.GetValueKind() != JsonValueKind.String || header["kid"]!.GetValue<string>() != key.Kid)
                return null;
            var signature = Base64Url.DecodeFromChars(parts[2]);
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!key.Rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                return null;
            return JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    public async Task<JsonObject> GetJwksAsync(CancellationToken cancellationToken = default)
    {
        var key = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["keys"] = new JsonArray(key.PublicJwk.DeepClone()) };
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(json));
}
