using Dapper;
using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace HooksDashboard.Storage;

/// <summary>
/// Batch writes (an import): every item of a <see cref="HookBatch"/>, its secrets, its versions and the audit entries
/// in one write transaction (SQLite's <c>BEGIN IMMEDIATE</c>, PostgreSQL's under the hooks' advisory lock), so an error
/// at any item leaves the database exactly as it was. The same SQL as the single writes, including their per-engine
/// texts (<c>_selectEnabledSql</c>, <c>_disableOthersSql</c>): tested on both engines by <c>HookImporterTests</c>.
/// </summary>
public sealed partial class SqliteHookStore : IHookBatchStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<HookBatchChange>> ApplyAsync(HookBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // Every rule that needs no database first: a bad item is reported before anything is written.
        foreach (var item in batch.Items)
            ValidateBatchItem(item);
        Require("message", HookRules.ValidateVersionMessage(batch.Message));

        var now = _time.GetUtcNow();
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);
        var changes = new List<HookBatchChange>(batch.Items.Count);
        foreach (var item in batch.Items)
        {
            var change = item.ExistingId is null
                ? await CreateInBatchAsync(connection, transaction, item, batch, now, cancellationToken).ConfigureAwait(false)
                : await UpdateInBatchAsync(connection, transaction, item, batch, now, cancellationToken).ConfigureAwait(false);
            changes.Add(change);
        }

        if (batch.AuditTrail?.Invoke(changes) is { Count: > 0 } entries)
            await SqliteHookAuditLog.InsertAsync(connection, transaction, entries, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changes;
    }

    private void ValidateBatchItem(HookBatchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var label = $"Hook '{item.Name}'";
        RequireItem(label, "name", HookRules.ValidateName(item.Name));
        if (!_triggers.Contains(item.TriggerId))
            throw new HookValidationException("triggerId", $"{label}: unknown triggerId '{item.TriggerId}'; expected one of: {string.Join(", ", _triggers.All)}.");
        RequireItem(label, "script", HookRules.ValidateScript(item.Script));
        RequireItem(label, "dependencies", HookRules.ValidateDependencies(item.Dependencies));
        foreach (var (name, value) in item.SecretsToSet)
        {
            RequireItem(label, "secrets", HookRules.ValidateSecretName(name));
            RequireItem(label, "secrets", HookRules.ValidateSecretValue(name, value));
        }
    }

    private static void RequireItem(string label, string field, string? error)
    {
        if (error is not null)
            throw new HookValidationException(field, $"{label}: {error}");
    }

    private async Task<HookBatchChange> CreateInBatchAsync(
        DbConnection connection, DbTransaction transaction, HookBatchItem item, HookBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = new Hook(Ulid.NewId(now), item.Name, item.TriggerId, item.Script,
            new Dictionary<string, string>(item.Dependencies), item.Enabled, now, now);
        var disabled = created.Enabled
            ? await DisableEnabledInBatchAsync(connection, transaction, created, cancellationToken).ConfigureAwait(false)
            : [];
        await WriteHookAsync(connection, transaction, InsertSql, created, cancellationToken).ConfigureAwait(false);
        if (item.SecretsToSet.Count > HookRules.MaxSecrets)
            throw new HookValidationException("secrets", $"Hook '{item.Name}': a hook can have at most {HookRules.MaxSecrets} secrets.");
        await WriteSecretsAsync(connection, transaction, InsertSecretSql, created.Id, item.SecretsToSet, cancellationToken).ConfigureAwait(false);
        await InsertVersionAsync(connection, transaction, created, batch.Message, batch.Author, null, cancellationToken).ConfigureAwait(false);
        return new HookBatchChange(item, null, created, disabled, [.. item.SecretsToSet.Keys.Order(StringComparer.Ordinal)], [], []);
    }

    private async Task<HookBatchChange> UpdateInBatchAsync(
        DbConnection connection, DbTransaction transaction, HookBatchItem item, HookBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = (await connection.QuerySingleOrDefaultAsync<HookRow>(
            new CommandDefinition(SelectByIdSql, new { Id = item.ExistingId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))?.ToHook()
            ?? throw new HookNotFoundException($"Hook '{item.Name}' no longer exists");
        if (item.ExpectedVersion is { } expected && expected != current.Version)
            throw new HookConflictException($"Hook '{current.Name}': {StaleVersionMessage(expected, current.Version)}");
        if (current.TriggerId != item.TriggerId)
            throw new HookValidationException("triggerId", $"Hook '{current.Name}' belongs to {current.TriggerId}; a hook cannot move to {item.TriggerId}.");

        var updated = current with
        {
            Name = item.Name,
            Script = item.Script,
            Dependencies = new Dictionary<string, string>(item.Dependencies),
            Enabled = item.Enabled,
            UpdatedAt = now,
        };
        var codeChanged = updated.Script != current.Script || !SameDependencies(updated.Dependencies, current.Dependencies);
        if (codeChanged)
            updated = updated with { Version = current.Version + 1 };
        var disabled = updated.Enabled && !current.Enabled
            ? await DisableEnabledInBatchAsync(connection, transaction, updated, cancellationToken).ConfigureAwait(false)
            : [];
        await WriteHookAsync(connection, transaction, UpdateSql, updated, cancellationToken).ConfigureAwait(false);

        var existing = (await SelectSecretNamesAsync(connection, transaction, current.Id, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var removed = item.SecretsToRemove.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (removed.FirstOrDefault(name => !existing.Contains(name)) is { } unknown)
            throw new HookNotFoundException($"Hook '{current.Name}' has no secret '{unknown}'");
        var rows = removed.Select(name => new { HookId = current.Id, Name = name });
        await connection.ExecuteAsync(new CommandDefinition(DeleteSecretSql, rows, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        existing.ExceptWith(removed);

        var added = item.SecretsToSet.Where(s => !existing.Contains(s.Key)).ToDictionary(StringComparer.Ordinal);
        var changed = item.SecretsToSet.Where(s => existing.Contains(s.Key)).ToDictionary(StringComparer.Ordinal);
        if (existing.Count + added.Count > HookRules.MaxSecrets)
            throw new HookValidationException("secrets", $"Hook '{current.Name}': a hook can have at most {HookRules.MaxSecrets} secrets.");
        await WriteSecretsAsync(connection, transaction, InsertSecretSql, current.Id, added, cancellationToken).ConfigureAwait(false);
        await WriteSecretsAsync(connection, transaction, UpdateSecretSql, current.Id, changed, cancellationToken).ConfigureAwait(false);

        if (codeChanged)
            await InsertVersionAsync(connection, transaction, updated, batch.Message, batch.Author, null, cancellationToken).ConfigureAwait(false);
        return new HookBatchChange(item, current, updated, disabled,
            [.. added.Keys.Order(StringComparer.Ordinal)], [.. changed.Keys.Order(StringComparer.Ordinal)], removed);
    }

    /// <summary>Disables the point's enabled hook (other than <paramref name="enabled"/>) and returns it as it is now.</summary>
    private async Task<IReadOnlyList<Hook>> DisableEnabledInBatchAsync(
        DbConnection connection, DbTransaction transaction, Hook enabled, CancellationToken cancellationToken)
    {
        var previous = await connection.QuerySingleOrDefaultAsync<HookRow>(
            new CommandDefinition(_selectEnabledSql, new { enabled.TriggerId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (previous is null || previous.Id == enabled.Id)
            return [];
        await DisableOthersAsync(connection, transaction, enabled, cancellationToken).ConfigureAwait(false);
        return [previous.ToHook() with { Enabled = false, UpdatedAt = enabled.UpdatedAt }];
    }
}
