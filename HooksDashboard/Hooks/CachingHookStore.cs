using System.Collections.Concurrent;

namespace HooksDashboard.Hooks;

/// <summary>
/// Keeps what the runtime path reads on every request — a point's enabled hook and its decrypted secrets — in
/// memory, so an enabled hook costs its execution and not three database round trips plus decryption per token.
/// Every write through this store drops the cache at once; writes by another process on the same data folder
/// are seen within <see cref="MaxAge"/>. Everything else passes straight through. Instances sharing a PostgreSQL
/// database learn of each other's writes from the database itself: a trigger on the hook tables notifies, and
/// <c>Storage/HookChangeListener</c> calls <see cref="Invalidate"/> (well within a second; also for writes that do not
/// go through this class, e.g. the command line); <see cref="MaxAge"/> stays the bound when a notification is lost.
/// </summary>
public sealed class CachingHookStore(IHookStore inner, TimeProvider time) : IHookStore, IHookBatchStore
{

    /// <summary>How long an entry may serve reads; bounds staleness for writes made by another process.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Entry<Hook?>> _enabled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry<IReadOnlyDictionary<string, string>>> _secrets = new(StringComparer.Ordinal);

    // Bumped after every write. A read captures it before going to the database, so a value read while a write
    // was committing is stored under the old version and never served.
    private long _version;

    public Task<Hook?> GetEnabledAsync(string triggerId, CancellationToken cancellationToken = default) =>
        GetOrReadAsync(_enabled, triggerId, () => inner.GetEnabledAsync(triggerId, cancellationToken));

    public Task<IReadOnlyDictionary<string, string>> GetSecretValuesAsync(string hookId, CancellationToken cancellationToken = default) =>
        GetOrReadAsync(_secrets, hookId, () => inner.GetSecretValuesAsync(hookId, cancellationToken));

    public Task<IReadOnlyList<Hook>> ListAsync(HookQuery? query = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(query, cancellationToken);

    public Task<int> CountAsync(HookQuery? query = null, CancellationToken cancellationToken = default) =>
        inner.CountAsync(query, cancellationToken);

    public Task<Hook?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<Hook?> FindByNameAsync(string name, CancellationToken cancellationToken = default) => inner.FindByNameAsync(name, cancellationToken);

    public Task<IReadOnlyList<string>> ListSecretNamesAsync(string hookId, CancellationToken cancellationToken = default) =>
        inner.ListSecretNamesAsync(hookId, cancellationToken);

    public Task<Hook> CreateAsync(NewHook hook, CancellationToken cancellationToken = default) =>
        WriteAsync(() => inner.CreateAsync(hook, cancellationToken));

    public Task<Hook> UpdateAsync(string id, HookUpdate update, CancellationToken cancellationToken = default) =>
        WriteAsync(() => inner.UpdateAsync(id, update, cancellationToken));

    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        WriteAsync(async () => { await inner.DeleteAsync(id, cancellationToken).ConfigureAwait(false); return true; });

    public Task AddSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default) =>
        WriteAsync(async () => { await inner.AddSecretsAsync(hookId, secrets, cancellationToken).ConfigureAwait(false); return true; });

    public Task UpdateSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default) =>
        WriteAsync(async () => { await inner.UpdateSecretsAsync(hookId, secrets, cancellationToken).ConfigureAwait(false); return true; });

    public Task DeleteSecretsAsync(string hookId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default) =>
        WriteAsync(async () => { await inner.DeleteSecretsAsync(hookId, names, cancellationToken).ConfigureAwait(false); return true; });

    public Task<IReadOnlyList<HookBatchChange>> ApplyAsync(HookBatch batch, CancellationToken cancellationToken = default) =>
        WriteAsync(() => HookBatchStores.Inner(inner).ApplyAsync(batch, cancellationToken));

    private async Task<T> GetOrReadAsync<T>(ConcurrentDictionary<string, Entry<T>> cache, string key, Func<Task<T>> read)
    {
        var version = Interlocked.Read(ref _version);
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out var entry) && entry.Version == version && now - entry.ReadAt < MaxAge)
            return entry.Value;

        var value = await read().ConfigureAwait(false);
        cache[key] = new Entry<T>(value, version, now);
        return value;
    }

    private async Task<T> WriteAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            // Also after a failed write: it may have been partly applied before failing.
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>Drops every cached entry (another instance changed hooks).</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    private sealed record Entry<T>(T Value, long Version, DateTimeOffset ReadAt);
}
