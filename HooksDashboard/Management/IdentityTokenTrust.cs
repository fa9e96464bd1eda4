using HooksDashboard.Identity;
using HooksDashboard.Identity.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace HooksDashboard.Management;

/// <summary>Trusts the tokens of this server's own issuer (<c>POST /oauth/token</c>): its issuer URL and signing key.</summary>
internal sealed class IdentityTokenTrust(IIssuer issuer, SigningKeyStore signingKeys) : IManagementTokenTrust
{
    public string Issuer => issuer.Url;

    public IEnumerable<SecurityKey> GetSigningKeys()
    {
        // Called from the JWT handler's synchronous key resolver. The key is loaded at start-up (IdentityStartup),
        // so this completes synchronously from the store's cache after the first call.
        var key = signingKeys.GetAsync().AsTask().GetAwaiter().GetResult();
        return [new RsaSecurityKey(key.Rsa) { KeyId = key.Kid }];
    }
}
