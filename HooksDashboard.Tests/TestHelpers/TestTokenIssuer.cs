using System.Security.Claims;
using System.Security.Cryptography;
using HooksDashboard.Management;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// Signs tokens the way an issuer does, with a key the app is told to trust, so tests can also craft the
/// tokens a real issuer never gives out (expired, wrong audience or issuer, foreign key, no scope).
/// </summary>
public sealed class TestTokenIssuer : IManagementTokenTrust, IDisposable
{
    public const string DefaultIssuer = "http://localhost/";
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;

    public TestTokenIssuer(string issuer = DefaultIssuer)
    {
        Issuer = issuer;
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-key" };
    }

    /// <summary>Settable for a server whose address (and so issuer) is known only once it runs.</summary>
    public string Issuer { get; set; }

    public IEnumerable<SecurityKey> GetSigningKeys() => [_key];

    /// <summary>A client-credentials access token like Auth0's: sub "{client}@clients", azp, gty, scope.</summary>
    public string Token(string scope, string clientId = "test-client", string? audience = null, string? issuer = null,
        DateTimeOffset? expires = null, SecurityKey? key = null)
    {
        var now = DateTimeOffset.UtcNow;
        var expiry = expires ?? now.AddHours(1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? ManagementApi.AudienceFor(Issuer),
            IssuedAt = (expiry < now ? expiry.AddHours(-1) : now).UtcDateTime,
            NotBefore = (expiry < now ? expiry.AddHours(-1) : now).UtcDateTime,
            Expires = expiry.UtcDateTime,
            Subject = new ClaimsIdentity([
                new Claim("sub", clientId + "@clients"),
                new Claim("azp", clientId),
                new Claim("gty", "client-credentials"),
                new Claim("scope", scope),
            ]),
            SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>A token with every scope the Management API defines (hooks, users, clients, APIs, grants).</summary>
    public string AllScopes(string clientId = "test-client") =>
        Token(string.Join(' ', HooksDashboard.Identity.Apis.ManagementApi.Scopes.Select(s => s.Value)), clientId);

    public void Dispose() => _rsa.Dispose();
}
