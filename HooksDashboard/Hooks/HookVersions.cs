namespace HooksDashboard.Hooks;

/// <summary>The outcome of a restore.</summary>
/// <param name="Hook">The hook as it is now.</param>
/// <param name="Changed">False when the version's code was already the current code (nothing saved, no new version).</param>
/// <param name="MissingSecrets">Secret names the restored version had that the hook no longer has: its code may read them.</param>
public sealed record HookRestoreResult(Hook Hook, bool Changed, IReadOnlyList<string> MissingSecrets);

/// <summary>
/// A hook's versions for the dashboard, the Management API and the command line: reading them, and restoring one.
/// A restore is an ordinary save through <see cref="IHookStore"/> (so it installs dependencies, is audited and makes a
/// new version): history is never rewritten.
/// </summary>
public sealed class HookVersions(IHookStore hooks, IHookVersionStore versions)
{
    /// <inheritdoc cref="IHookVersionStore.ListAsync"/>
    public Task<HookVersionPage> ListAsync(string hookId, int page = 0, int perPage = 100, CancellationToken cancellationToken = default) =>
        versions.ListAsync(hookId, page, perPage, cancellationToken);

    /// <summary>One version with its script.</summary>
    /// <exception cref="HookNotFoundException">No such hook, or no such version of it.</exception>
    public async Task<HookVersion> GetAsync(string hookId, int number, CancellationToken cancellationToken = default) =>
        await versions.GetAsync(hookId, number, cancellationToken).ConfigureAwait(false) ?? throw new HookNotFoundException(VersionNotFoundMessage(number));

    /// <summary>
    /// Makes version <paramref name="number"/>'s script and dependencies current again, as a new version noting where it
    /// came from. Secrets are not part of it (their values were never kept): names the old code used that are gone
    /// are reported in <see cref="HookRestoreResult.MissingSecrets"/>.
    /// </summary>
    /// <param name="message">The new version's note; default "Restored from version N".</param>
    /// <param name="expectedVersion">When set, refuse if the hook moved on from this version since the caller looked.</param>
    /// <exception cref="HookNotFoundException">No such hook, or no such version of it.</exception>
    /// <exception cref="HookConflictException">The hook is no longer at <paramref name="expectedVersion"/>.</exception>
    public async Task<HookRestoreResult> RestoreAsync(string hookId, int number, string? message = null, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var version = await GetAsync(hookId, number, cancellationToken).ConfigureAwait(false);
        var before = await hooks.GetAsync(hookId, cancellationToken).ConfigureAwait(false) ?? throw new HookNotFoundException();
        var update = new HookUpdate(
            Script: version.Script,
            Dependencies: version.Info.Dependencies,
            Message: HookRules.NormalizeVersionMessage(message) ?? $"Restored from version {number}",
            ExpectedVersion: expectedVersion,
            RestoredFrom: number);
        var after = await hooks.UpdateAsync(hookId, update, cancellationToken).ConfigureAwait(false);
        var current = (await hooks.ListSecretNamesAsync(hookId, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        return new HookRestoreResult(after, after.Version != before.Version, [.. version.Info.SecretNames.Where(n => !current.Contains(n))]);
    }

    /// <summary>"Version 7 not found" (a 404 for the API).</summary>
    public static string VersionNotFoundMessage(int number) => $"Hook version {number} not found";
}
