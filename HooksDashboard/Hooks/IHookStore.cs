namespace HooksDashboard.Hooks;

/// <summary>
/// Persistent hooks and their secrets. Owns the rules that need the database: unique names and
/// at most one enabled hook per extensibility point. Throws <see cref="HookException"/> subclasses
/// for bad input, unknown ids and conflicts.
/// </summary>
public interface IHookStore
{
    Task<IReadOnlyList<Hook>> ListAsync(HookQuery? query = null, CancellationToken cancellationToken = default);

    Task<int> CountAsync(HookQuery? query = null, CancellationToken cancellationToken = default);

    Task<Hook?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<Hook?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The enabled hook of a point, or null.</summary>
    Task<Hook?> GetEnabledAsync(string triggerId, CancellationToken cancellationToken = default);

    /// <summary>Creates a hook; enabling it disables the point's previously enabled hook in the same transaction.</summary>
    Task<Hook> CreateAsync(NewHook hook, CancellationToken cancellationToken = default);

    /// <summary>Updates a hook; enabling it disables the point's previously enabled hook in the same transaction.</summary>
    Task<Hook> UpdateAsync(string id, HookUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Deletes a hook with its secrets and test runs.</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Secret names of a hook, sorted; values are never returned here.</summary>
    Task<IReadOnlyList<string>> ListSecretNamesAsync(string hookId, CancellationToken cancellationToken = default);

    /// <summary>Adds new secrets; an existing name is a conflict ("Secret with the same name already exists").</summary>
    Task AddSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default);

    /// <summary>Replaces values of existing secrets; an unknown name is "Hook or secret not found".</summary>
    Task UpdateSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default);

    /// <summary>Deletes secrets by name; an unknown name is "Hook or secret not found".</summary>
    Task DeleteSecretsAsync(string hookId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default);

    /// <summary>Decrypted secret values, for the hook runner only: never show or log them.</summary>
    Task<IReadOnlyDictionary<string, string>> GetSecretValuesAsync(string hookId, CancellationToken cancellationToken = default);
}
