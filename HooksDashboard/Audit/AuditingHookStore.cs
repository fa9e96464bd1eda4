using HooksDashboard.Hooks;
using HooksDashboard.Storage;

namespace HooksDashboard.Audit;

/// <summary>
/// Wraps the real <see cref="IHookStore"/> so that every change, whoever makes it (dashboard, Management
/// API, command line), is recorded with its actor: one place instead of one per caller. Reads pass through.
/// A change is recorded after the store accepted it; a refused change records nothing. Secret values never
/// reach the trail, only their names.
/// </summary>
public sealed class AuditingHookStore(IHookStore inner, IHookAuditLog audit, IActorAccessor actors, TimeProvider time, ILogger<AuditingHookStore> logger) : IHookStore, IHookBatchStore
{
    public Task<IReadOnlyList<Hook>> ListAsync(HookQuery? query = null, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public Task<int> CountAsync(HookQuery? query = null, CancellationToken cancellationToken = default) => inner.CountAsync(query, cancellationToken);

    public Task<Hook?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<Hook?> FindByNameAsync(string name, CancellationToken cancellationToken = default) => inner.FindByNameAsync(name, cancellationToken);

    public Task<Hook?> GetEnabledAsync(string triggerId, CancellationToken cancellationToken = default) => inner.GetEnabledAsync(triggerId, cancellationToken);

    public Task<IReadOnlyList<string>> ListSecretNamesAsync(string hookId, CancellationToken cancellationToken = default) => inner.ListSecretNamesAsync(hookId, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetSecretValuesAsync(string hookId, CancellationToken cancellationToken = default) => inner.GetSecretValuesAsync(hookId, cancellationToken);

    public async Task<Hook> CreateAsync(NewHook hook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var previouslyEnabled = await inner.GetEnabledAsync(hook.TriggerId, cancellationToken).ConfigureAwait(false);
        // The version the store keeps names its author: the same actor as the trail.
        var created = await inner.CreateAsync(hook with { Author = hook.Author ?? actors.Current }, cancellationToken).ConfigureAwait(false);

        var entries = new List<HookAuditEntry>
        {
            Entry(created, HookAuditActions.Created, $"Created for {created.TriggerId}, {(created.Enabled ? "enabled" : "disabled")}."),
        };
        if (created.Enabled && previouslyEnabled is not null)
            entries.Add(Entry(previouslyEnabled, HookAuditActions.Disabled, $"Disabled because '{created.Name}' was enabled for {created.TriggerId}."));
        await AppendAsync(entries).ConfigureAwait(false);
        return created;
    }

    public async Task<Hook> UpdateAsync(string id, HookUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var before = await inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        var previouslyEnabled = before is { Enabled: false } && update.Enabled == true
            ? await inner.GetEnabledAsync(before.TriggerId, cancellationToken).ConfigureAwait(false)
            : null;
        var after = await inner.UpdateAsync(id, update with { Author = update.Author ?? actors.Current }, cancellationToken).ConfigureAwait(false);
        if (before is null)
            return after;

        var entries = new List<HookAuditEntry>();
        if (before.Name != after.Name)
            entries.Add(Entry(after, HookAuditActions.Renamed, $"Renamed from '{before.Name}' to '{after.Name}'."));
        var note = HookRules.NormalizeVersionMessage(update.Message) is { } message ? $" “{message}”" : "";
        if (update.RestoredFrom is { } restored && after.Version != before.Version)
        {
            entries.Add(Entry(after, HookAuditActions.VersionRestored, $"Restored version {restored} as version {after.Version}{note}."));
        }
        else
        {
            if (before.Script != after.Script)
                entries.Add(Entry(after, HookAuditActions.ScriptChanged, $"Script changed ({Lines(before.Script)} → {Lines(after.Script)} lines), version {after.Version}{note}."));
            if (!SameDependencies(before.Dependencies, after.Dependencies))
                entries.Add(Entry(after, HookAuditActions.DependenciesChanged, $"Dependencies set to {Describe(after.Dependencies)}{(before.Script == after.Script ? $", version {after.Version}{note}" : "")}."));
        }
        if (update.TestsOverridden is { } overridden)
            entries.Add(Entry(after, HookAuditActions.TestsOverridden, $"Deployed version {after.Version} although test cases failed: {overridden}"));
        if (before.Enabled != after.Enabled)
            entries.Add(Entry(after, after.Enabled ? HookAuditActions.Enabled : HookAuditActions.Disabled, after.Enabled ? "Enabled." : "Disabled."));
        if (after.Enabled && previouslyEnabled is not null && previouslyEnabled.Id != after.Id)
            entries.Add(Entry(previouslyEnabled, HookAuditActions.Disabled, $"Disabled because '{after.Name}' was enabled for {after.TriggerId}."));
        await AppendAsync(entries).ConfigureAwait(false);
        return after;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var before = await inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        await inner.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        if (before is not null)
            await AppendAsync([Entry(before, HookAuditActions.Deleted, $"Deleted (was {(before.Enabled ? "enabled" : "disabled")} for {before.TriggerId}).")]).ConfigureAwait(false);
    }

    public async Task AddSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        await inner.AddSecretsAsync(hookId, secrets, cancellationToken).ConfigureAwait(false);
        await AppendSecretsAsync(hookId, HookAuditActions.SecretsAdded, "Secrets added", secrets.Keys, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        await inner.UpdateSecretsAsync(hookId, secrets, cancellationToken).ConfigureAwait(false);
        await AppendSecretsAsync(hookId, HookAuditActions.SecretsChanged, "Secret values changed", secrets.Keys, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteSecretsAsync(string hookId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        await inner.DeleteSecretsAsync(hookId, names, cancellationToken).ConfigureAwait(false);
        await AppendSecretsAsync(hookId, HookAuditActions.SecretsRemoved, "Secrets removed", names, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Names the author of the batch's versions and has the store write the trail inside the batch's transaction: an
    /// import rolled back leaves no entry, a committed one cannot lose its entries.
    /// </summary>
    public Task<IReadOnlyList<HookBatchChange>> ApplyAsync(HookBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return HookBatchStores.Inner(inner).ApplyAsync(batch with { Author = batch.Author ?? actors.Current, AuditTrail = changes => BatchEntries(changes, batch.Message) }, cancellationToken);
    }

    private List<HookAuditEntry> BatchEntries(IReadOnlyList<HookBatchChange> changes, string? message)
    {
        var note = HookRules.NormalizeVersionMessage(message) is { } text ? $" “{text}”" : "";
        var entries = new List<HookAuditEntry>();
        foreach (var change in changes)
        {
            var (before, after) = (change.Before, change.After);
            if (before is null)
            {
                entries.Add(Entry(after, HookAuditActions.Created, $"Created for {after.TriggerId}, {(after.Enabled ? "enabled" : "disabled")}, version {after.Version}{note}."));
            }
            else
            {
                if (before.Name != after.Name)
                    entries.Add(Entry(after, HookAuditActions.Renamed, $"Renamed from '{before.Name}' to '{after.Name}'."));
                if (before.Script != after.Script)
                    entries.Add(Entry(after, HookAuditActions.ScriptChanged, $"Script changed ({Lines(before.Script)} → {Lines(after.Script)} lines), version {after.Version}{note}."));
                if (!SameDependencies(before.Dependencies, after.Dependencies))
                    entries.Add(Entry(after, HookAuditActions.DependenciesChanged, $"Dependencies set to {Describe(after.Dependencies)}{(before.Script == after.Script ? $", version {after.Version}{note}" : "")}."));
                if (before.Enabled != after.Enabled)
                    entries.Add(Entry(after, after.Enabled ? HookAuditActions.Enabled : HookAuditActions.Disabled, after.Enabled ? $"Enabled{note}." : $"Disabled{note}."));
            }
            foreach (var disabled in change.Disabled)
                entries.Add(Entry(disabled, HookAuditActions.Disabled, $"Disabled because '{after.Name}' was enabled for {after.TriggerId}{note}."));
            if (change.SecretsAdded.Count > 0)
                entries.Add(Entry(after, HookAuditActions.SecretsAdded, $"Secrets added: {string.Join(", ", change.SecretsAdded)}."));
            if (change.SecretsChanged.Count > 0)
                entries.Add(Entry(after, HookAuditActions.SecretsChanged, $"Secret values changed: {string.Join(", ", change.SecretsChanged)}."));
            if (change.SecretsRemoved.Count > 0)
                entries.Add(Entry(after, HookAuditActions.SecretsRemoved, $"Secrets removed: {string.Join(", ", change.SecretsRemoved)}."));
        }
        return entries;
    }

    private async Task AppendSecretsAsync(string hookId, string action, string what, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var sorted = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
            return;
        var hook = await inner.GetAsync(hookId, cancellationToken).ConfigureAwait(false);
        if (hook is not null)
            await AppendAsync([Entry(hook, action, $"{what}: {string.Join(", ", sorted)}.")]).ConfigureAwait(false);
    }

    private HookAuditEntry Entry(Hook hook, string action, string details)
    {
        var actor = actors.Current;
        var now = time.GetUtcNow();
        return new HookAuditEntry(Ulid.NewId(now), hook.Id, hook.Name, action, details, actor.Kind, actor.Name, now);
    }

    private async Task AppendAsync(List<HookAuditEntry> entries)
    {
        try
        {
            // The change itself is committed: a caller that cancels now must still leave its trace.
            await audit.AppendAsync(entries, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change already happened; failing the caller now would make them retry a done change.
            logger.LogError(e, "Could not record {Count} audit entries for hook {HookId}", entries.Count, entries.Count > 0 ? entries[0].HookId : "");
        }
    }

    private static int Lines(string script) => script.Split('\n').Length;

    private static bool SameDependencies(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var version) && version == pair.Value);

    private static string Describe(IReadOnlyDictionary<string, string> dependencies) =>
        dependencies.Count == 0 ? "none" : string.Join(", ", dependencies.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}@{d.Value}"));
}
