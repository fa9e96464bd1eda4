using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;
using Microsoft.AspNetCore.DataProtection;

namespace HooksDashboard.Storage;

/// <summary>
/// <see cref="ITestCaseStore"/> on either engine (<c>hook_test_cases</c>, migration 6; the name predates PostgreSQL).
/// The database enforces unique names per hook and deletes a hook's cases with it; secret overrides are encrypted with
/// Data Protection (one ciphertext per case, purpose bound to the hook) like the hook's own secrets. Writes take the
/// hooks' write scope (<see cref="SqliteHookStore.WriteScope"/>), so the count limit and the name check hold across
/// instances on PostgreSQL.
/// </summary>
public sealed class SqliteTestCaseStore(IDatabase database, IDataProtectionProvider dataProtection, TimeProvider time) : ITestCaseStore
{
    /// <summary>Most cases a hook may have.</summary>
    public const int MaxCasesPerHook = 100;

    private const string Columns =
        "id AS Id, hook_id AS HookId, name AS Name, payload AS Payload, http_mocks AS HttpMocks, secrets AS Secrets, " +
        "expectation AS Expectation, created_at AS CreatedAt, updated_at AS UpdatedAt";

    private const string ListSql = "SELECT " + Columns + " FROM hook_test_cases WHERE hook_id = @HookId ORDER BY name, id;";
    private const string GetSql = "SELECT " + Columns + " FROM hook_test_cases WHERE hook_id = @HookId AND id = @Id;";
    private const string HookExistsSql = "SELECT COUNT(*) FROM hooks WHERE id = @HookId;";
    private const string CountSql = "SELECT COUNT(*) FROM hook_test_cases WHERE hook_id = @HookId;";
    private const string NameTakenSql = "SELECT COUNT(*) FROM hook_test_cases WHERE hook_id = @HookId AND name = @Name AND id <> @Id;";

    private const string InsertSql = """
        INSERT INTO hook_test_cases (id, hook_id, name, payload, http_mocks, secrets, expectation, created_at, updated_at)
        VALUES (@Id, @HookId, @Name, @Payload, @HttpMocks, @Secrets, @Expectation, @CreatedAt, @UpdatedAt);
        """;

    private const string UpdateSql = """
        UPDATE hook_test_cases SET name = @Name, payload = @Payload, http_mocks = @HttpMocks, secrets = @Secrets,
            expectation = @Expectation, updated_at = @UpdatedAt
        WHERE hook_id = @HookId AND id = @Id;
        """;

    private const string DeleteSql = "DELETE FROM hook_test_cases WHERE hook_id = @HookId AND id = @Id;";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("HooksDashboard.TestCaseSecrets");

    public async Task<IReadOnlyList<HookTestCase>> ListAsync(string hookId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new { HookId = hookId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(ToCase)];
    }

    public async Task<HookTestCase?> GetAsync(string hookId, string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            new CommandDefinition(GetSql, new { HookId = hookId, Id = caseId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : ToCase(row);
    }

    public async Task<HookTestCase> CreateAsync(string hookId, TestCaseDefinition definition, CancellationToken cancellationToken = default)
    {
        Check(definition);
        var now = time.GetUtcNow();
        var row = ToRow(Ulid.NewId(now), hookId, definition, now, now);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, SqliteHookStore.WriteScope, cancellationToken).ConfigureAwait(false);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(HookExistsSql, new { HookId = hookId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
            throw new HookNotFoundException();
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, new { HookId = hookId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) >= MaxCasesPerHook)
            throw new HookValidationException("name", $"A hook may have at most {MaxCasesPerHook} test cases; delete one first.");
        await RequireFreeNameAsync(connection, transaction, hookId, row.Id, definition.Name, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException e) when (DatabaseErrors.IsForeignKeyViolation(e))
        {
            // The hook was deleted between the check and the insert (a delete does not take the write scope).
            throw new HookNotFoundException();
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ToCase(row);
    }

    public async Task<HookTestCase> UpdateAsync(string hookId, string caseId, TestCaseDefinition definition, CancellationToken cancellationToken = default)
    {
        Check(definition);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, SqliteHookStore.WriteScope, cancellationToken).ConfigureAwait(false);
        var existing = await connection.QuerySingleOrDefaultAsync<Row>(
            new CommandDefinition(GetSql, new { HookId = hookId, Id = caseId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
            ?? throw new HookNotFoundException(TestCaseMessages.NotFound);
        await RequireFreeNameAsync(connection, transaction, hookId, caseId, definition.Name, cancellationToken).ConfigureAwait(false);
        var row = ToRow(caseId, hookId, definition, existing.CreatedAt, time.GetUtcNow());
        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ToCase(row);
    }

    public async Task DeleteAsync(string hookId, string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { HookId = hookId, Id = caseId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (deleted == 0)
            throw new HookNotFoundException(TestCaseMessages.NotFound);
    }

    /// <summary>The rules the JSON reader applies, for definitions built in code (the dashboard's dialog, tests).</summary>
    private static void Check(TestCaseDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        // One set of rules: the definition must survive its own JSON shape.
        TestCaseJson.Parse(TestCaseJson.ToJson(definition, maskSecrets: false));
    }

    // Checked before writing (the unique constraint backs it up), so the message is the same whatever the database.
    private static async Task RequireFreeNameAsync(DbConnection connection, DbTransaction transaction, string hookId, string id, string name, CancellationToken cancellationToken)
    {
        var taken = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(NameTakenSql, new { HookId = hookId, Name = name, Id = id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (taken > 0)
            throw new HookConflictException(TestCaseMessages.DuplicateName);
    }

    private Row ToRow(string id, string hookId, TestCaseDefinition definition, DateTimeOffset createdAt, DateTimeOffset updatedAt) => new()
    {
        Id = id,
        HookId = hookId,
        Name = definition.Name,
        Payload = definition.Payload?.ToJsonString(),
        HttpMocks = definition.HttpMocks?.ToJson(),
        Secrets = definition.Secrets.Count == 0
            ? null
            : Protector(hookId).Protect(JsonSerializer.Serialize(definition.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal))),
        Expectation = TestCaseJson.ToJson(definition.Expect).ToJsonString(),
        CreatedAt = createdAt,
        UpdatedAt = updatedAt,
    };

    private HookTestCase ToCase(Row row)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (row.Secrets is { } ciphertext)
        {
            try
            {
                secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(Protector(row.HookId).Unprotect(ciphertext)) ?? secrets;
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new InvalidOperationException(
                    $"The secret overrides of test case '{row.Name}' cannot be decrypted: the Data Protection key ring in the data folder is missing or was replaced.", e);
            }
        }
        // The stored JSON was written from a checked definition: read back through the same shape.
        var json = new JsonObject
        {
            ["name"] = row.Name,
            ["payload"] = row.Payload is null ? null : JsonNode.Parse(row.Payload),
            ["httpMocks"] = row.HttpMocks is null ? null : JsonNode.Parse(row.HttpMocks),
            ["expect"] = JsonNode.Parse(row.Expectation),
        };
        var definition = TestCaseJson.Parse(json) with { Secrets = secrets };
        return new HookTestCase(row.Id, row.HookId, definition, row.CreatedAt, row.UpdatedAt);
    }

    private IDataProtector Protector(string hookId) => _protector.CreateProtector(hookId);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string HookId { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Payload { get; set; }
        public string? HttpMocks { get; set; }
        public string? Secrets { get; set; }
        public string Expectation { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }
}
