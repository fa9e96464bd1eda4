namespace HooksDashboard.Execution;

/// <summary>The stored document of one hook: its JSON text (null when nothing was stored) and its version (0 then).</summary>
public sealed record WebtaskDocument(string? Json, long Version);

/// <summary>What a write did: stored as <see cref="Version"/>, or refused because another write came first (<see cref="Current"/>).</summary>
public sealed record WebtaskWrite(long? Version, WebtaskDocument? Current)
{
    public bool Conflict => Version is null;
}

/// <summary>
/// Webtask's durable storage for one hook (<c>context.webtask.storage</c>): one JSON document, read whole and written
/// whole, with optimistic concurrency on its version. Implemented by <c>Storage/SqliteHookStorage</c> for saved hooks
/// and by <see cref="InMemoryWebtaskStorage"/> for code run without a hook (the command line's <c>run-hook</c>).
/// Called on the invocation's thread; an implementation fails by throwing <see cref="WebtaskStorageException"/>.
/// </summary>
public interface IWebtaskStorage
{
    WebtaskDocument Read();

    /// <summary>Stores <paramref name="json"/>; with <paramref name="expectedVersion"/> (and not <paramref name="force"/>), only if the stored version is still that one.</summary>
    WebtaskWrite Write(string json, long? expectedVersion, bool force);
}

/// <summary>Storage could not be read or written (not a conflict); the hook's callback gets the message.</summary>
public sealed class WebtaskStorageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Which argument is the context whose <c>webtask</c> object gets <c>storage</c>, and the storage behind it. With a
/// <see cref="Context"/>, the executor puts the whole <c>context.webtask</c> into that argument (replacing any
/// <c>webtask</c> the payload had); without, it adds <c>storage</c> to the argument's own <c>webtask</c> object.
/// </summary>
public sealed record WebtaskBinding(int ContextArgumentIndex, IWebtaskStorage Storage)
{
    /// <summary>The rest of <c>context.webtask</c> (secrets, meta); null when the arguments carry their own.</summary>
    public WebtaskContext? Context { get; init; }

    /// <summary>Webtask's limit on the stored document: 500 KB of JSON.</summary>
    public const int MaxBytes = 500 * 1024;
}

/// <summary>A document kept in memory for the life of the object (one <c>run-hook</c> call).</summary>
public sealed class InMemoryWebtaskStorage : IWebtaskStorage
{
    private readonly Lock _lock = new();
    private WebtaskDocument _document = new(null, 0);

    public WebtaskDocument Read()
    {
        lock (_lock)
            return _document;
    }

    public WebtaskWrite Write(string json, long? expectedVersion, bool force)
    {
        lock (_lock)
        {
            if (!force && expectedVersion is { } expected && expected != _document.Version)
                return new WebtaskWrite(null, _document);
            _document = new WebtaskDocument(json, _document.Version + 1);
            return new WebtaskWrite(_document.Version, null);
        }
    }
}
