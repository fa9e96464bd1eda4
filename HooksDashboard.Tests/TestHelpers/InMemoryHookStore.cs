using HooksDashboard.Hooks;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// A small in-memory <see cref="IHookStore"/> for component tests that need to force a store
/// behaviour; page tests use the real SQLite store where it exists.
/// </summary>
internal sealed class InMemoryHookStore : IHookStore
{
    private readonly List<Hook> _hooks = [];
    private readonly Dictionary<string, Dictionary<string, string>> _secrets = new(StringComparer.Ordinal);
    private int _nextId;

    /// <summary>When set, the next create throws this (e.g. a conflict that raced the name check).</summary>
    public HookException? FailNextCreate { get; set; }

    public Task<IReadOnlyList<Hook>> ListAsync(HookQuery? query = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Hook>>(_hooks
            .Where(h => query?.TriggerId is null || h.TriggerId == query.TriggerId)
            .OrderBy(h => h.TriggerId, StringComparer.Ordinal).ThenBy(h => h.Name, StringComparer.Ordinal).ToList());

    public Task<int> CountAsync(HookQuery? query = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_hooks.Count);

    public Task<Hook?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_hooks.FirstOrDefault(h => h.Id == id));

    public Task<Hook?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_hooks.FirstOrDefault(h => h.Name == name));

    public Task<Hook?> GetEnabledAsync(string triggerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_hooks.FirstOrDefault(h => h.TriggerId == triggerId && h.Enabled));

    public Task<Hook> CreateAsync(NewHook hook, CancellationToken cancellationToken = default)
    {
        if (FailNextCreate is { } failure)
        {
            FailNextCreate = null;
            throw failure;
        }
        if (_hooks.Any(h => h.Name == hook.Name))
            throw new HookConflictException("Hook with the same name already exists");
        var enabled = hook.Enabled ?? !_hooks.Any(h => h.TriggerId == hook.TriggerId);
        if (enabled)
            DisableAll(hook.TriggerId);
        var now = DateTimeOffset.UtcNow;
        var created = new Hook($"01TEST{++_nextId:D20}", hook.Name, hook.TriggerId, hook.Script,
            new Dictionary<string, string>(), enabled, now, now);
        _hooks.Add(created);
        return Task.FromResult(created);
    }

    public Task<Hook> UpdateAsync(string id, HookUpdate update, CancellationToken cancellationToken = default)
    {
        var index = _hooks.FindIndex(h => h.Id == id);
        if (index < 0)
            throw new HookNotFoundException();
        if (update.Name is not null && _hooks.Any(h => h.Name == update.Name && h.Id != id))
            throw new HookConflictException("Hook with the same name already exists");
        if (update.Enabled == true)
            DisableAll(_hooks[index].TriggerId);
        var hook = _hooks[index];
        hook = hook with
        {
            Name = update.Name ?? hook.Name,
            Script = update.Script ?? hook.Script,
            Enabled = update.Enabled ?? hook.Enabled,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        _hooks[index] = hook;
        return Task.FromResult(hook);
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (_hooks.RemoveAll(h => h.Id == id) == 0)
            throw new HookNotFoundException();
        _secrets.Remove(id);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListSecretNamesAsync(string hookId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(Secrets(hookId).Keys.Order(StringComparer.Ordinal).ToList());

    public Task AddSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default)
    {
        var existing = Secrets(hookId);
        if (secrets.Keys.Any(existing.ContainsKey))
            throw new HookConflictException("Secret with the same name already exists");
        foreach (var (name, value) in secrets)
            existing[name] = value;
        return Task.CompletedTask;
    }

    public Task UpdateSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default)
    {
        var existing = Secrets(hookId);
        if (!secrets.Keys.All(existing.ContainsKey))
            throw new HookNotFoundException("Hook or secret not found");
        foreach (var (name, value) in secrets)
            existing[name] = value;
        return Task.CompletedTask;
    }

    public Task DeleteSecretsAsync(string hookId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        var existing = Secrets(hookId);
        foreach (var name in names)
            existing.Remove(name);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, string>> GetSecretValuesAsync(string hookId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(Secrets(hookId)));

    private Dictionary<string, string> Secrets(string hookId)
    {
        if (!_secrets.TryGetValue(hookId, out var secrets))
            _secrets[hookId] = secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        return secrets;
    }

    private void DisableAll(string triggerId)
    {
        for (var i = 0; i < _hooks.Count; i++)
        {
            if (_hooks[i].TriggerId == triggerId)
                _hooks[i] = _hooks[i] with { Enabled = false };
        }
    }
}
