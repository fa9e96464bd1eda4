using System.Collections.Concurrent;

namespace HooksDashboard.Identity;

/// <summary>
/// The token endpoint's reads of applications, APIs and client grants, kept in memory: they change rarely and were
/// three SQLite round trips per token. One version for the three stores, because their writes cross over (deleting an
/// application or an API deletes its grants, narrowing an API's scopes narrows its grants): every write through any of
/// the caching stores drops every entry at once. Writes by another process on the same data folder (the command line)
/// are seen within <see cref="MaxAge"/>, as with the hook cache. Only found entities are kept (unknown ids are not
/// cached), so the cache is bounded by what exists.
/// </summary>
public sealed class IdentityReadCache(TimeProvider time)
{
    /// <summary>How long an entry may serve reads; bounds staleness for writes made by another process.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<(string Kind, string Key), Entry> _entries = new();

    // Bumped after every write. A read captures it before going to the database, so a value read while a write was
    // committing is stored under the old version and never served.
    private long _version;

    /// <summary>Entries held now (for tests and diagnostics).</summary>
    public int Count => _entries.Count;

    /// <summary>The cached value of <paramref name="kind"/>/<paramref name="key"/>, else what <paramref name="read"/> returns (kept when not null).</summary>
    /// <param name="usable">When given, a cached value it refuses is read again (e.g. an application cached for another secret).</param>
    public async ValueTask<T?> GetOrReadAsync<T>(string kind, string key, Func<Task<T?>> read, Func<T, bool>? usable = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        var version = Interlocked.Read(ref _version);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue((kind, key), out var entry) && entry.Version == version && now - entry.ReadAt < MaxAge
            && (usable is null || usable((T)entry.Value)))
            return (T)entry.Value;

        var value = await read().ConfigureAwait(false);
        if (value is not null)
            _entries[(kind, key)] = new Entry(value, version, now);
        return value;
    }

    /// <summary>Runs a write and then drops every entry (also when it failed: it may have been partly applied).</summary>
    public async Task<T> WriteAsync<T>(Func<Task<T>> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            Invalidate();
        }
    }

    /// <inheritdoc cref="WriteAsync{T}"/>
    public Task WriteAsync(Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return WriteAsync(async () =>
        {
            await write().ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>Drops every entry.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        _entries.Clear();
    }

    private sealed record Entry(object Value, long Version, DateTimeOffset ReadAt);
}
