using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HooksDashboard.Cli;

/// <summary>
/// <c>bench-token</c>'s signing floor: the least a server must do for a client-credentials token, as issue 15's Node
/// floor did it — check the client secret against a salted SHA-256 hash, make the token's claims with this second's
/// <c>iat</c> and <c>exp</c>, sign them RS256, answer the token response. No store, no cache, no hook, no log; the
/// claims, header and key are those of a real token of the server, so the answer has the same size and shape.
/// </summary>
internal sealed class BenchSigningFloor
{
    private readonly byte[] _salt = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] _secretHash;
    private readonly RSA _key;
    // The token's header segment as the server encoded it (base64url, with the key id): the same for every token.
    private readonly byte[] _header;
    // The real token's claims in their order; iat and exp are made per token.
    private readonly JsonElement _claims;
    private readonly long _lifetimeSeconds;
    private readonly string? _scope;

    private BenchSigningFloor(string clientSecret, RSA key, byte[] header, JsonElement claims, long lifetimeSeconds, string? scope)
    {
        _secretHash = Hash(_salt, clientSecret);
        _key = key;
        _header = header;
        _claims = claims;
        _lifetimeSeconds = lifetimeSeconds;
        _scope = scope;
    }

    /// <summary>The floor for a client whose secret is <paramref name="clientSecret"/>, from a token response of the real endpoint.</summary>
    /// <param name="tokenResponse">The token endpoint's answer (<c>access_token</c>, <c>expires_in</c>, <c>scope</c>).</param>
    /// <param name="key">The server's signing key, the one that signed that token.</param>
    public static BenchSigningFloor From(string clientSecret, ReadOnlySpan<byte> tokenResponse, RSA key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var response = JsonDocument.Parse(tokenResponse.ToArray());
        var root = response.RootElement;
        var token = root.GetProperty("access_token").GetString() ?? throw new InvalidOperationException("The token response has no access_token.");
        var parts = token.Split('.');
        if (parts.Length != 3)
            throw new InvalidOperationException("The token response's access_token is not a compact JWT.");
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone();
        var lifetime = claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64();
        var scope = root.TryGetProperty("scope", out var s) ? s.GetString() : null;
        return new BenchSigningFloor(clientSecret, key, Encoding.ASCII.GetBytes(parts[0]), claims, lifetime, scope);
    }

    /// <summary>Whether <paramref name="clientSecret"/> is the client's: its salted hash, compared in constant time.</summary>
    public bool Verify(string? clientSecret) =>
        clientSecret is not null && CryptographicOperations.FixedTimeEquals(Hash(_salt, clientSecret), _secretHash);

    /// <summary>The token response for a token issued at <paramref name="issuedAt"/> (UNIX seconds): JSON bytes.</summary>
    public byte[] Answer(long issuedAt)
    {
        var payload = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            foreach (var claim in _claims.EnumerateObject())
            {
                switch (claim.Name)
                {
                    case "iat":
                        writer.WriteNumber("iat", issuedAt);
                        break;
                    case "exp":
                        writer.WriteNumber("exp", issuedAt + _lifetimeSeconds);
                        break;
                    default:
                        claim.WriteTo(writer);
                        break;
                }
            }
            writer.WriteEndObject();
        }

        // header.payload, then .signature: one buffer for the whole token.
        var payloadChars = Base64Url.GetEncodedLength(payload.WrittenCount);
        var inputLength = _header.Length + 1 + payloadChars;
        var token = new byte[inputLength + 1 + Base64Url.GetEncodedLength(_key.KeySize / 8)];
        _header.CopyTo(token, 0);
        token[_header.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payload.WrittenSpan, token.AsSpan(_header.Length + 1));
        var signature = _key.SignData(token, 0, inputLength, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        token[inputLength] = (byte)'.';
        var written = Base64Url.EncodeToUtf8(signature, token.AsSpan(inputLength + 1));

        var answer = new ArrayBufferWriter<byte>(token.Length + 128);
        using (var writer = new Utf8JsonWriter(answer))
        {
            writer.WriteStartObject();
            writer.WriteString("access_token", token.AsSpan(0, inputLength + 1 + written));
            writer.WriteString("token_type", "Bearer");
            writer.WriteNumber("expires_in", _lifetimeSeconds);
            if (!string.IsNullOrEmpty(_scope))
                writer.WriteString("scope", _scope);
            writer.WriteEndObject();
        }
        return answer.WrittenSpan.ToArray();
    }

    private static byte[] Hash(byte[] salt, string secret)
    {
        var input = new byte[salt.Length + Encoding.UTF8.GetByteCount(secret)];
        salt.CopyTo(input, 0);
        Encoding.UTF8.GetBytes(secret, input.AsSpan(salt.Length));
        return SHA256.HashData(input);
    }
}
