namespace HooksDashboard.Identity;

/// <summary>
/// Who this server is to its clients. Bound from the top-level configuration keys <c>Issuer</c> and <c>Tenant</c>
/// (so the environment variables of those names work).
/// </summary>
public sealed class TenantOptions
{
    /// <summary>
    /// The public base URL, e.g. <c>https://auth.example.com/</c>: tokens' <c>iss</c>, and the prefix of the
    /// Management API's identifier (<c>{Issuer}api/v2/</c>). A trailing slash is added when missing. Unset means
    /// the server's first listening address.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>The tenant name hooks see (<c>client.tenant</c> in credentials-exchange).</summary>
    public string Tenant { get; set; } = "hooksdashboard";
}
