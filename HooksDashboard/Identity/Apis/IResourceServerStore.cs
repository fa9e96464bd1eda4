namespace HooksDashboard.Identity.Apis;

/// <summary>
/// APIs (resource servers). Owns the rules that need the database: unique identifiers, the built-in Management
/// API, and grants never holding a scope their API no longer defines. Throws <see cref="IdentityException"/>
/// subclasses for bad input, unknown ids and conflicts.
/// </summary>
public interface IResourceServerStore
{
    /// <summary>Every API, the Management API first, then oldest first.</summary>
    Task<IReadOnlyList<ResourceServer>> ListAsync(CancellationToken cancellationToken = default);

    Task<ResourceServer?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The API whose identifier (audience) is exactly <paramref name="identifier"/>, or null.</summary>
    Task<ResourceServer?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default);

    Task<ResourceServer> CreateAsync(NewResourceServer api, CancellationToken cancellationToken = default);

    /// <summary>Updates an API; scopes removed from it are removed from its client grants in the same transaction.</summary>
    Task<ResourceServer> UpdateAsync(string id, ResourceServerUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Deletes an API with its client grants; the Management API cannot be deleted.</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the built-in Management API, or brings its identifier to <paramref name="identifier"/> and adds any of
    /// <paramref name="scopes"/> it lacks. Idempotent; scopes and lifetime an administrator changed are kept.
    /// </summary>
    Task<ResourceServer> EnsureManagementApiAsync(string identifier, IReadOnlyList<ApiScope> scopes, CancellationToken cancellationToken = default);
}
