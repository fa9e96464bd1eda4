using HooksDashboard.Audit;

namespace HooksDashboard.Hooks;

/// <summary>
/// What a version records apart from its script: kept separate so listing a hook's history does not load every
/// script it ever had.
/// </summary>
/// <param name="Number">1, 2, 3... per hook, in save order.</param>
/// <param name="Dependencies">The npm dependencies saved with the script (pinned ones included).</param>
/// <param name="SecretNames">The hook's secret names at the time of the save, sorted; values are never kept.</param>
/// <param name="Message">The optional note given when saving.</param>
/// <param name="Author">Who saved.</param>
/// <param name="RestoredFrom">The version this one brought back, when it was made by a restore.</param>
/// <param name="ScriptLines">Lines of the script (for lists).</param>
public sealed record HookVersionInfo(
    string HookId,
    int Number,
    IReadOnlyDictionary<string, string> Dependencies,
    IReadOnlyList<string> SecretNames,
    string? Message,
    Actor Author,
    DateTimeOffset CreatedAt,
    int? RestoredFrom,
    int ScriptLines);

/// <summary>An immutable saved state of a hook's code: its script and everything in <see cref="Info"/>.</summary>
public sealed record HookVersion(HookVersionInfo Info, string Script)
{
    public int Number => Info.Number;
}

/// <summary>A page of a hook's versions, newest first.</summary>
/// <param name="Total">How many versions the hook has.</param>
public sealed record HookVersionPage(IReadOnlyList<HookVersionInfo> Versions, int Total);

/// <summary>
/// Reading a hook's versions. Versions are written by the hook store itself, in the transaction of the save that
/// makes them (<see cref="IHookStore.CreateAsync"/>, <see cref="IHookStore.UpdateAsync"/>), and never changed.
/// </summary>
public interface IHookVersionStore
{
    /// <summary>A hook's versions, newest first.</summary>
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    Task<HookVersionPage> ListAsync(string hookId, int page = 0, int perPage = 100, CancellationToken cancellationToken = default);

    /// <summary>One version with its script, or null when the hook has no such version.</summary>
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    Task<HookVersion?> GetAsync(string hookId, int number, CancellationToken cancellationToken = default);
}
