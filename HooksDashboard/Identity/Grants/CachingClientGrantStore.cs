namespace HooksDashboard.Identity.Grants;

/// <summary>
/// <see cref="IClientGrantStore"/> with the token endpoint's read — <see cref="FindAsync"/> — kept in an
/// <see cref="IdentityReadCache"/>; every write goes through and drops the cache. Everything else passes straight through.
/// </summary>
public sealed class CachingClientGrantStore(IClientGrantStore inner, IdentityReadCache cache) : IClientGrantStore
{
    private const string Kind = "grant-by-client-and-audience";

    public async Task<ClientGrant?> FindAsync(string clientId, string audience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(audience);
        // A client id never contains a line feed (ApplicationRules), so the pair's key is unambiguous.
        return await cache.GetOrReadAsync(Kind, clientId + "\n" + audience, () => inner.FindAsync(clientId, audience, cancellationToken)).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ClientGrant>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<ClientGrant?> GetAsync(string grantId, CancellationToken cancellationToken = default) => inner.GetAsync(grantId, cancellationToken);

    public Task<IReadOnlyList<ClientGrant>> ListForApplicationAsync(string clientId, CancellationToken cancellationToken = default) =>
        inner.ListForApplicationAsync(clientId, cancellationToken);

    public Task<ClientGrant> CreateAsync(string clientId, string apiId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.CreateAsync(clientId, apiId, scopes, cancellationToken));

    public Task<ClientGrant> UpdateAsync(string grantId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.UpdateAsync(grantId, scopes, cancellationToken));

    public Task DeleteAsync(string grantId, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.DeleteAsync(grantId, cancellationToken));
}
