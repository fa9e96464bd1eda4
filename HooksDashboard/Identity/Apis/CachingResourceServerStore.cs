namespace HooksDashboard.Identity.Apis;

/// <summary>
/// <see cref="IResourceServerStore"/> with the token endpoint's read — <see cref="FindByIdentifierAsync"/> — kept in an
/// <see cref="IdentityReadCache"/>; every write goes through and drops the cache. Everything else passes straight through.
/// </summary>
public sealed class CachingResourceServerStore(IResourceServerStore inner, IdentityReadCache cache) : IResourceServerStore
{
    private const string Kind = "api-by-identifier";

    public async Task<ResourceServer?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return await cache.GetOrReadAsync(Kind, identifier, () => inner.FindByIdentifierAsync(identifier, cancellationToken)).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ResourceServer>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<ResourceServer?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<ResourceServer> CreateAsync(NewResourceServer api, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.CreateAsync(api, cancellationToken));

    public Task<ResourceServer> UpdateAsync(string id, ResourceServerUpdate update, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.UpdateAsync(id, update, cancellationToken));

    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.DeleteAsync(id, cancellationToken));

    public Task<ResourceServer> EnsureManagementApiAsync(string identifier, IReadOnlyList<ApiScope> scopes, CancellationToken cancellationToken = default) =>
        cache.WriteAsync(() => inner.EnsureManagementApiAsync(identifier, scopes, cancellationToken));
}
