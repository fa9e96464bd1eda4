namespace HooksDashboard.Identity.Grants;

/// <summary>
/// Client grants: at most one per application and API, holding only scopes the API defines. Throws
/// <see cref="IdentityException"/> subclasses for bad input, unknown ids and conflicts.
/// </summary>
public interface IClientGrantStore
{
    /// <summary>Every grant, oldest first.</summary>
    Task<IReadOnlyList<ClientGrant>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The grant with this id, or null.</summary>
    Task<ClientGrant?> GetAsync(string grantId, CancellationToken cancellationToken = default);

    /// <summary>The grants of one application, oldest first.</summary>
    Task<IReadOnlyList<ClientGrant>> ListForApplicationAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>The grant of <paramref name="clientId"/> for the API with identifier <paramref name="audience"/>, or null.</summary>
    Task<ClientGrant?> FindAsync(string clientId, string audience, CancellationToken cancellationToken = default);

    /// <summary>Grants an application access to an API with the given scopes (each defined on the API).</summary>
    Task<ClientGrant> CreateAsync(string clientId, string apiId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default);

    /// <summary>Replaces a grant's scopes (each defined on its API).</summary>
    Task<ClientGrant> UpdateAsync(string grantId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default);

    Task DeleteAsync(string grantId, CancellationToken cancellationToken = default);
}
