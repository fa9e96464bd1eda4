using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Hooks;

/// <summary>
/// Wraps the hook store so that every save — dashboard, Management API, command line — installs the hook's npm
/// dependencies before the save commits: one place instead of one per caller. Undeclared literal requires are
/// pinned and added to the saved <c>dependencies</c> (<see cref="HookPackages"/>). A failure refuses the save as a
/// <see cref="HookValidationException"/> on <c>dependencies</c>, so nothing is stored or lost. Only creates and
/// updates that carry a script or dependencies install; renaming or enabling a hook does not touch the registry.
/// </summary>
public sealed class PackageInstallingHookStore(IHookStore inner, HookPackages packages) : IHookStore, IHookBatchStore
{
    public Task<IReadOnlyList<Hook>> ListAsync(HookQuery? query = null, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public Task<int> CountAsync(HookQuery? query = null, CancellationToken cancellationToken = default) => inner.CountAsync(query, cancellationToken);

    public Task<Hook?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<Hook?> FindByNameAsync(string name, CancellationToken cancellationToken = default) => inner.FindByNameAsync(name, cancellationToken);

    public Task<Hook?> GetEnabledAsync(string triggerId, CancellationToken cancellationToken = default) => inner.GetEnabledAsync(triggerId, cancellationToken);

    public async Task<Hook> CreateAsync(NewHook hook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hook);
        // The cheap rules first: a bad name or an empty script is reported before any download.
        if (HookRules.ValidateName(hook.Name) is not null || HookRules.ValidateScript(hook.Script) is not null || HookRules.ValidateDependencies(hook.Dependencies) is not null)
            return await inner.CreateAsync(hook, cancellationToken).ConfigureAwait(false);

        var prepared = await PrepareAsync(hook.Script, hook.Dependencies, cancellationToken).ConfigureAwait(false);
        return await inner.CreateAsync(hook with { Dependencies = prepared.Dependencies }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Hook> UpdateAsync(string id, HookUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Script is null && update.Dependencies is null)
            return await inner.UpdateAsync(id, update, cancellationToken).ConfigureAwait(false);
        if ((update.Name is not null && HookRules.ValidateName(update.Name) is not null)
            || (update.Script is not null && HookRules.ValidateScript(update.Script) is not null)
            || HookRules.ValidateDependencies(update.Dependencies) is not null)
            return await inner.UpdateAsync(id, update, cancellationToken).ConfigureAwait(false);

        var current = await inner.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new HookNotFoundException();
        var prepared = await PrepareAsync(update.Script ?? current.Script, update.Dependencies ?? current.Dependencies, cancellationToken).ConfigureAwait(false);
        var unchanged = update.Dependencies is null && SameMap(prepared.Dependencies, current.Dependencies);
        return await inner.UpdateAsync(id, unchanged ? update : update with { Dependencies = prepared.Dependencies }, cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);

    public Task<IReadOnlyList<string>> ListSecretNamesAsync(string hookId, CancellationToken cancellationToken = default) => inner.ListSecretNamesAsync(hookId, cancellationToken);

    public Task AddSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default) => inner.AddSecretsAsync(hookId, secrets, cancellationToken);

    public Task UpdateSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default) => inner.UpdateSecretsAsync(hookId, secrets, cancellationToken);

    public Task DeleteSecretsAsync(string hookId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default) => inner.DeleteSecretsAsync(hookId, names, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetSecretValuesAsync(string hookId, CancellationToken cancellationToken = default) => inner.GetSecretValuesAsync(hookId, cancellationToken);

    /// <summary>Installs every item's packages before the batch's transaction starts (no download holds the write lock); a failure names the hook.</summary>
    public async Task<IReadOnlyList<HookBatchChange>> ApplyAsync(HookBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var target = HookBatchStores.Inner(inner);
        var items = new List<HookBatchItem>(batch.Items.Count);
        foreach (var item in batch.Items)
        {
            if (HookRules.ValidateScript(item.Script) is not null || HookRules.ValidateDependencies(item.Dependencies) is not null)
            {
                items.Add(item);
                continue;
            }
            try
            {
                var prepared = await packages.PrepareAsync(item.Script, item.Dependencies, cancellationToken).ConfigureAwait(false);
                items.Add(item with { Dependencies = prepared.Dependencies });
            }
            catch (PackageInstallException ex)
            {
                throw new HookValidationException("dependencies", $"Hook '{item.Name}': dependencies could not be installed: {ex.Message}");
            }
        }
        return await target.ApplyAsync(batch with { Items = items }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PreparedDependencies> PrepareAsync(string script, IReadOnlyDictionary<string, string>? dependencies, CancellationToken cancellationToken)
    {
        try
        {
            return await packages.PrepareAsync(script, dependencies, cancellationToken).ConfigureAwait(false);
        }
        catch (PackageInstallException ex)
        {
            throw new HookValidationException("dependencies", $"Dependencies could not be installed: {ex.Message}");
        }
    }

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && v == e.Value);
}
