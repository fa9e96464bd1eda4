using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using HooksDashboard.Hooks;
using Microsoft.AspNetCore.DataProtection;

namespace HooksDashboard.Storage;

/// <summary>
/// Hook secrets: encrypted at rest with ASP.NET Core Data Protection, whose key ring lives in the data folder.
/// Values never leave this class except through <see cref="GetSecretValuesAsync"/>, and are never logged.
/// </summary>
public sealed partial class SqliteHookStore
{
    /// <summary>Versioned so a future change of scheme can tell old ciphertexts apart.</summary>
    private const string SecretsPurpose = "HooksDashboard.HookSecrets.v1";

    private const string SelectSecretNamesSql = "SELECT name FROM hook_secrets WHERE hook_id = @HookId ORDER BY name;";
    private const string SelectSecretsSql = "SELECT name AS Name, value AS Value FROM hook_secrets WHERE hook_id = @HookId ORDER BY name;";

    private const string InsertSecretSql =
        "INSERT INTO hook_secrets (hook_id, name, value, created_at, updated_at) VALUES (@HookId, @Name, @Value, @Now, @Now);";

    private const string UpdateSecretSql = "UPDATE hook_secrets SET value = @Value, updated_at = @Now WHERE hook_id = @HookId AND name = @Name;";
    private const string DeleteSecretSql = "DELETE FROM hook_secrets WHERE hook_id = @HookId AND name = @Name;";

    private const string SecretNotFoundMessage = "Hook or secret not found";

    /// <inheritdoc />
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    public async Task<IReadOnlyList<string>> ListSecretNamesAsync(string hookId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var names = await SelectSecretNamesAsync(connection, null, hookId, cancellationToken).ConfigureAwait(false);
        if (names.Count == 0)
            await EnsureHookExistsAsync(connection, null, hookId, cancellationToken).ConfigureAwait(false);
        return names;
    }

    /// <inheritdoc />
    /// <remarks>All or nothing: one bad or duplicate name leaves the hook's secrets unchanged.</remarks>
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    /// <exception cref="HookValidationException">A name or value breaks <see cref="HookRules"/>, or the hook would have more than <see cref="HookRules.MaxSecrets"/> secrets.</exception>
    /// <exception cref="HookConflictException">The hook already has a secret of one of these names.</exception>
    public async Task AddSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default)
    {
        ValidateSecrets(secrets);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);
        await EnsureHookExistsAsync(connection, transaction, hookId, cancellationToken).ConfigureAwait(false);

        var existing = (await SelectSecretNamesAsync(connection, transaction, hookId, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        if (secrets.Keys.Any(existing.Contains))
            throw new HookConflictException("Secret with the same name already exists");
        if (existing.Count + secrets.Count > HookRules.MaxSecrets)
            throw new HookValidationException("secrets", $"A hook can have at most {HookRules.MaxSecrets} secrets; this one has {existing.Count}.");

        await WriteSecretsAsync(connection, transaction, InsertSecretSql, hookId, secrets, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>All or nothing.</remarks>
    /// <exception cref="HookNotFoundException">No hook has this id, or it has no secret of one of these names.</exception>
    /// <exception cref="HookValidationException">A value breaks <see cref="HookRules"/>.</exception>
    public async Task UpdateSecretsAsync(string hookId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default)
    {
        ValidateSecrets(secrets);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);
        await EnsureHookExistsAsync(connection, transaction, hookId, cancellationToken).ConfigureAwait(false);

        var existing = (await SelectSecretNamesAsync(connection, transaction, hookId, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        if (!secrets.Keys.All(existing.Contains))
            throw new HookNotFoundException(SecretNotFoundMessage);

        await WriteSecretsAsync(connection, transaction, UpdateSecretSql, hookId, secrets, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>All or nothing.</remarks>
    /// <exception cref="HookNotFoundException">No hook has this id, or it has no secret of one of these names.</exception>
    public async Task DeleteSecretsAsync(string hookId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);
        await EnsureHookExistsAsync(connection, transaction, hookId, cancellationToken).ConfigureAwait(false);

        var existing = (await SelectSecretNamesAsync(connection, transaction, hookId, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        if (!names.All(existing.Contains))
            throw new HookNotFoundException(SecretNotFoundMessage);

        var rows = names.Distinct(StringComparer.Ordinal).Select(name => new { HookId = hookId, Name = name });
        await connection.ExecuteAsync(new CommandDefinition(DeleteSecretSql, rows, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    /// <exception cref="InvalidOperationException">A value cannot be decrypted: the key ring in the data folder was lost or replaced.</exception>
    public async Task<IReadOnlyDictionary<string, string>> GetSecretValuesAsync(string hookId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<(string Name, string Value)>(
            new CommandDefinition(SelectSecretsSql, new { HookId = hookId }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        if (rows.Count == 0)
            await EnsureHookExistsAsync(connection, null, hookId, cancellationToken).ConfigureAwait(false);

        var values = new Dictionary<string, string>(rows.Count, StringComparer.Ordinal);
        foreach (var (name, ciphertext) in rows)
        {
            try
            {
                values[name] = ProtectorFor(hookId, name).Unprotect(ciphertext);
            }
            catch (CryptographicException e)
            {
                throw new InvalidOperationException(
                    $"Secret '{name}' of hook {hookId} cannot be decrypted: the Data Protection key ring in the data folder is missing or was replaced.", e);
            }
        }
        return values;
    }

    /// <summary>
    /// Binds each ciphertext to its hook and name, so a value copied to another row (by hand or by a bug)
    /// fails to decrypt instead of silently becoming another secret.
    /// </summary>
    private IDataProtector ProtectorFor(string hookId, string name) => _secretProtector.CreateProtector(hookId, name);

    private Task<int> WriteSecretsAsync(
        DbConnection connection, DbTransaction transaction, string sql, string hookId,
        IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var rows = secrets.Select(s => new { HookId = hookId, Name = s.Key, Value = ProtectorFor(hookId, s.Key).Protect(s.Value), Now = now });
        return connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken));
    }

    private static async Task<IReadOnlyList<string>> SelectSecretNamesAsync(
        DbConnection connection, DbTransaction? transaction, string hookId, CancellationToken cancellationToken)
    {
        var names = await connection.QueryAsync<string>(
            new CommandDefinition(SelectSecretNamesSql, new { HookId = hookId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return names.AsList();
    }

    private static void ValidateSecrets(IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count > HookRules.MaxSecrets)
            throw new HookValidationException("secrets", $"A hook can have at most {HookRules.MaxSecrets} secrets.");
        foreach (var (name, value) in secrets)
        {
            Require("secrets", HookRules.ValidateSecretName(name));
            Require("secrets", HookRules.ValidateSecretValue(name, value));
        }
    }
}
