namespace HooksDashboard.Transfer;

/// <summary>
/// A hook as a source describes it (a deploy-cli file, a tenant, an API body), after keyword replacement: what an
/// import plans against the stored hooks. Knows nothing of where it came from but <see cref="Origin"/>, for messages.
/// </summary>
/// <param name="Name">The name as written.</param>
/// <param name="Script">The script's text (already read from its file).</param>
/// <param name="Enabled">deploy-cli's default is false.</param>
/// <param name="Secrets">
/// Secret names to values. A value that is null, deploy-cli's mask <c>_VALUE_NOT_SHOWN_</c> or a keyword left unreplaced
/// means "no value given": an existing secret keeps its value, a new one must get it from the import's secret values.
/// </param>
/// <param name="Origin">Where the definition was read, e.g. <c>tenant.yaml, hooks[2]</c> or <c>hooks/my-hook.json</c>.</param>
public sealed record HookDefinition(
    string Name,
    string TriggerId,
    string Script,
    bool Enabled,
    IReadOnlyDictionary<string, string> Dependencies,
    IReadOnlyDictionary<string, string?> Secrets,
    string Origin);

/// <summary>The hooks a source holds.</summary>
/// <param name="Description">What was read, e.g. <c>tenant.yaml (YAML)</c>.</param>
/// <param name="Warnings">Things worth saying that do not stop an import (a keyword without a value, a hook file without hooks).</param>
public sealed record HookDefinitionSet(IReadOnlyList<HookDefinition> Hooks, string Description, IReadOnlyList<string> Warnings);

/// <summary>
/// Where an import's hook definitions come from: deploy-cli's YAML or directory format (<see cref="DeployCliSource"/>), a
/// live tenant, a request body. Planning and applying never depend on which.
/// </summary>
public interface IHookDefinitionSource
{
    /// <summary>Reads every definition, or fails with all the problems found.</summary>
    /// <exception cref="HookDefinitionException">The source is unreadable or holds invalid entries.</exception>
    Task<HookDefinitionSet> ReadAsync(CancellationToken cancellationToken = default);
}

/// <summary>A source that is already a set of definitions (an API body, a test).</summary>
public sealed class HookDefinitionList(HookDefinitionSet set) : IHookDefinitionSource
{
    public Task<HookDefinitionSet> ReadAsync(CancellationToken cancellationToken = default) => Task.FromResult(set);
}

/// <summary>One problem in a source, located as precisely as it can be.</summary>
/// <param name="File">The file, relative to the source's root (e.g. <c>tenant.yaml</c>, <c>hooks/a.json</c>).</param>
/// <param name="Entry">The entry, e.g. <c>hooks[2] ('my-hook')</c>; null for the file as a whole.</param>
/// <param name="Field">The field, e.g. <c>triggerId</c>; null when the entry as a whole is wrong.</param>
/// <param name="Line">1-based line in <paramref name="File"/>, when known.</param>
public sealed record DefinitionError(string File, string? Entry, string? Field, string Message, int? Line = null)
{
    /// <summary>"tenant.yaml, hooks[2] ('my-hook'), field triggerId (line 14): ..." </summary>
    public override string ToString()
    {
        var where = File;
        if (Entry is not null)
            where += $", {Entry}";
        if (Field is not null)
            where += $", field {Field}";
        if (Line is not null)
            where += $" (line {Line})";
        return $"{where}: {Message}";
    }
}

/// <summary>A source that cannot be read as hook definitions; <see cref="Errors"/> lists every problem found.</summary>
public sealed class HookDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception(errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems: " + string.Join("; ", errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;

    public HookDefinitionException(DefinitionError error) : this([error]) { }
}
