using HooksDashboard.Hooks;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// The real store, except that the next create fails as if another writer had taken the name between
/// the dashboard's check and its insert: the one refusal a page cannot provoke through the real store.
/// </summary>
internal sealed class RacingHookStore(IHookStore inner, HookException failure) : IHookStore
{
    private HookException? _failure = failure;

    public Task<Hook> CreateAsync(NewHook hook, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _failure, null) is { } failure)
            throw failure;
        return inner.CreateAsync(hook, cancellationToken);
    }

    public Task<IReadOnlyList<Hook>> ListAsync(HookQuery? query = null, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
    public Task<int> CountAsync(HookQuery? query = null, CancellationToken cancellationToken = default) => inner.CountAsync(query, cancellationToken);
    public Task<Hook?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);
    public Task<Hook?> FindByNameAsync(string name, CancellationToken cancellationToken = default) => inner.FindByNameAsync(name, cancellationToken);
    public Task<Hook?> GetEnabledAsync(string triggerId, CancellationToken cancellationToken = default) => inner.GetEnabledAsync(triggerId, cancellationToken);
    public Task<Hook> UpdateAsync(string id, HookUpdate update, CancellationToken cancellationToken = default) => inner.UpdateAsync(id, update, cancellationToken);
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
    public Task<IReadOnlyList<string>> ListSecretNamesAsync(string hookId, CancellationToken cancellationToken = default) => inner.ListSecretNamesAsync(hookId, cancellationToken);
    public Task AddSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default) => inner.AddSecretsAsync(hookId, secrets, cancellationToken);
    public Task UpdateSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default) => inner.UpdateSecretsAsync(hookId, secrets, cancellationToken);
    public Task DeleteSecretsAsync(string hookId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default) => inner.DeleteSecretsAsync(hookId, names, cancellationToken);
    public Task<IReadOnlyDictionary<string, string>> GetSecretValuesAsync(string hookId, CancellationToken cancellationToken = default) => inner.GetSecretValuesAsync(hookId, cancellationToken);
}
