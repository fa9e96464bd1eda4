using HooksDashboard.Execution;

namespace HooksDashboard.Hooks;

/// <summary>
/// Keeps the executor's warm engines in step with the saved hooks: every change that alters what a hook's engine ran
/// or saw — a save, a secret added, changed or removed, disabling, deleting — discards that hook's engines at once
/// (running ones when their run ends), and a hook that is enabled after the change is warmed up again in the background
/// (<see cref="HookWarmUp"/>). Enabling a hook disables the point's previous one, whose engines go too. The engines' keys
/// already change with the script, the update time and the secrets' values, so this is about memory and the first
/// invocation's latency, not correctness: a change made by another process is picked up by the key alone.
/// </summary>
public sealed class WarmEngineHookStore(IHookStore inner, IHookExecutor executor, HookWarmUp warmUp) : IHookStore, IHookBatchStore
{
    public Task<IReadOnlyList<Hook>> ListAsync(HookQuery? query = null, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public Task<int> CountAsync(HookQuery? query = null, CancellationToken cancellationToken = default) => inner.CountAsync(query, cancellationToken);

    public Task<Hook?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<Hook?> FindByNameAsync(string name, CancellationToken cancellationToken = default) => inner.FindByNameAsync(name, cancellationToken);

    public Task<Hook?> GetEnabledAsync(string triggerId, CancellationToken cancellationToken = default) => inner.GetEnabledAsync(triggerId, cancellationToken);

    public Task<IReadOnlyList<string>> ListSecretNamesAsync(string hookId, CancellationToken cancellationToken = default) =>
        inner.ListSecretNamesAsync(hookId, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetSecretValuesAsync(string hookId, CancellationToken cancellationToken = default) =>
        inner.GetSecretValuesAsync(hookId, cancellationToken);

    public async Task<Hook> CreateAsync(NewHook hook, CancellationToken cancellationToken = default)
    {
        var created = await inner.CreateAsync(hook, cancellationToken).ConfigureAwait(false);
        await ChangedAsync(created, cancellationToken).ConfigureAwait(false);
        return created;
    }

    public async Task<Hook> UpdateAsync(string id, HookUpdate update, CancellationToken cancellationToken = default)
    {
        Hook updated;
        try
        {
            updated = await inner.UpdateAsync(id, update, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Also when the update failed half-way: an engine is cheap to rebuild, a stale one is not worth the doubt.
            executor.DiscardWarmEngines(id);
            throw;
        }

        // Discards, then asks for the warm-up (never the other way round: a fast warm-up would be discarded).
        await ChangedAsync(updated, cancellationToken).ConfigureAwait(false);
        return updated;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            executor.DiscardWarmEngines(id);
        }
    }

    public Task AddSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default) =>
        SecretsChangedAsync(hookId, inner.AddSecretsAsync(hookId, secrets, cancellationToken));

    public Task UpdateSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default) =>
        SecretsChangedAsync(hookId, inner.UpdateSecretsAsync(hookId, secrets, cancellationToken));

    public Task DeleteSecretsAsync(string hookId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default) =>
        SecretsChangedAsync(hookId, inner.DeleteSecretsAsync(hookId, names, cancellationToken));

    public async Task<IReadOnlyList<HookBatchChange>> ApplyAsync(HookBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        IReadOnlyList<HookBatchChange> changes;
        try
        {
            changes = await HookBatchStores.Inner(inner).ApplyAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            foreach (var id in batch.Items.Select(i => i.ExistingId).OfType<string>())
                executor.DiscardWarmEngines(id);
            throw;
        }

        foreach (var change in changes)
        {
            foreach (var disabled in change.Disabled)
                executor.DiscardWarmEngines(disabled.Id);
            await ChangedAsync(change.After, cancellationToken).ConfigureAwait(false);
        }
        return changes;
    }

    private async Task SecretsChangedAsync(string hookId, Task change)
    {
        try
        {
            await change.ConfigureAwait(false);
        }
        finally
        {
            executor.DiscardWarmEngines(hookId);
        }

        warmUp.Request(hookId);
    }

    /// <summary>After a create or update: the hook's old engines go; when enabled, the point's other hooks' go too and it is warmed.</summary>
    private async Task ChangedAsync(Hook hook, CancellationToken cancellationToken)
    {
        executor.DiscardWarmEngines(hook.Id);
        if (!hook.Enabled)
        {
            return;
        }

        foreach (var other in await inner.ListAsync(new HookQuery(hook.TriggerId, Enabled: false), cancellationToken).ConfigureAwait(false))
        {
            executor.DiscardWarmEngines(other.Id);
        }

        warmUp.Request(hook.Id);
    }
}
