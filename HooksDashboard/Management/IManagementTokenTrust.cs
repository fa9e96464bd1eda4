using Microsoft.IdentityModel.Tokens;

namespace HooksDashboard.Management;

/// <summary>
/// What the Management API trusts in a bearer token: the issuer that signs them and its keys. Implemented
/// by the token issuer (Identity); without an implementation every token is refused.
/// </summary>
public interface IManagementTokenTrust
{
    /// <summary>The issuer URL, ending with '/'; tokens must carry it as <c>iss</c> and <c>{Issuer}api/v2/</c> as <c>aud</c>.</summary>
    string Issuer { get; }

    /// <summary>The keys whose signatures are accepted (current and still-valid previous keys).</summary>
    IEnumerable<SecurityKey> GetSigningKeys();
}
