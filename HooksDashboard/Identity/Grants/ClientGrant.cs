namespace HooksDashboard.Identity.Grants;

/// <summary>Permission for an application to get tokens for an API, with the scopes it may hold.</summary>
/// <param name="Id">Internal id (ULID).</param>
/// <param name="Audience">The API's identifier (what the token's <c>aud</c> will be).</param>
/// <param name="Scopes">A subset of the API's scopes.</param>
public sealed record ClientGrant(
    string Id,
    string ClientId,
    string ApiId,
    string Audience,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
