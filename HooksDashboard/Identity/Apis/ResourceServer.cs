using System.Text.Json.Serialization;

namespace HooksDashboard.Identity.Apis;

/// <summary>A permission an API defines, e.g. <c>read:hooks</c>.</summary>
public sealed record ApiScope(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("description")] string Description);

/// <summary>An API (Auth0's "resource server"): what a token's <c>aud</c> names and which scopes it can carry.</summary>
/// <param name="Id">Internal id (ULID).</param>
/// <param name="Identifier">The audience, unique, fixed at creation (e.g. <c>https://api.example.com/</c>).</param>
/// <param name="TokenLifetime">Access token lifetime in seconds.</param>
/// <param name="IsManagementApi">The built-in Management API: its identifier follows the issuer and it cannot be deleted.</param>
public sealed record ResourceServer(
    string Id,
    string Identifier,
    string Name,
    IReadOnlyList<ApiScope> Scopes,
    int TokenLifetime,
    bool IsManagementApi,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A new API's fields; null scopes mean none, null lifetime means <see cref="ApiRules.DefaultTokenLifetime"/>.</summary>
public sealed record NewResourceServer(string Identifier, string Name, IReadOnlyList<ApiScope>? Scopes = null, int? TokenLifetime = null);

/// <summary>A partial update; null fields keep their value. The identifier cannot change (as in Auth0).</summary>
public sealed record ResourceServerUpdate(string? Name = null, IReadOnlyList<ApiScope>? Scopes = null, int? TokenLifetime = null);
