using Dapper;
using HooksDashboard.Storage;

namespace HooksDashboard.Audit;

/// <summary>What an identity audit entry is about.</summary>
public static class IdentityAuditSubjects
{
    public const string User = "user";
    public const string Client = "client";
    public const string ResourceServer = "resource_server";
    public const string ClientGrant = "client_grant";
}

/// <summary>
/// One recorded change to a user, application (client), API (resource server) or client grant. Never holds a
/// secret, password or metadata value: changes name the fields (and metadata keys) only.
/// </summary>
/// <param name="SubjectType">One of <see cref="IdentityAuditSubjects"/>.</param>
/// <param name="SubjectName">The email, name or identifier when the change happened (kept after a delete).</param>
/// <param name="Action"><c>created</c>, <c>updated</c>, <c>deleted</c>, <c>password-changed</c>, <c>secret-rotated</c>.</param>
public sealed record IdentityAuditEntry(
    string Id,
    string SubjectType,
    string SubjectId,
    string SubjectName,
    string Action,
    string Details,
    ActorKind ActorKind,
    string Actor,
    DateTimeOffset At);

/// <summary>The append-only record of changes to users, applications, APIs and grants.</summary>
public interface IIdentityAuditLog
{
    Task AppendAsync(IdentityAuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>A subject's changes, newest first, also after it was deleted.</summary>
    Task<IReadOnlyList<IdentityAuditEntry>> ListAsync(string subjectType, string subjectId, int limit = 200, CancellationToken cancellationToken = default);
}

/// <summary>The identity audit table (migration 302). No foreign key: the history outlives the subject.</summary>
internal static class IdentityAuditSchema
{
    public const int Version = 302;

    public const string Sql = """
        CREATE TABLE identity_audit (
            id           TEXT NOT NULL PRIMARY KEY,
            subject_type TEXT NOT NULL,
            subject_id   TEXT NOT NULL,
            subject_name TEXT NOT NULL,
            action       TEXT NOT NULL,
            details      TEXT NOT NULL,
            actor_kind   TEXT NOT NULL,
            actor        TEXT NOT NULL,
            created_at   TEXT NOT NULL
        );

        CREATE INDEX ix_identity_audit_subject ON identity_audit (subject_type, subject_id, id);
        """;
}

/// <summary><see cref="IIdentityAuditLog"/> on the SQLite database.</summary>
public sealed class SqliteIdentityAuditLog(SqliteDatabase database) : IIdentityAuditLog
{
    private const string InsertSql = """
        INSERT INTO identity_audit (id, subject_type, subject_id, subject_name, action, details, actor_kind, actor, created_at)
        VALUES (@Id, @SubjectType, @SubjectId, @SubjectName, @Action, @Details, @ActorKindText, @Actor, @At);
        """;

    // Ids are ULIDs made in order, so ordering by id is ordering by time.
    private const string ListSql = """
        SELECT id AS Id, subject_type AS SubjectType, subject_id AS SubjectId, subject_name AS SubjectName, action AS Action,
               details AS Details, actor_kind AS ActorKind, actor AS Actor, created_at AS At
        FROM identity_audit WHERE subject_type = @SubjectType AND subject_id = @SubjectId ORDER BY id DESC LIMIT @Limit;
        """;

    public async Task AppendAsync(IdentityAuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            entry.Id, entry.SubjectType, entry.SubjectId, entry.SubjectName, entry.Action, entry.Details,
            ActorKindText = entry.ActorKind.ToString(), entry.Actor, entry.At,
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<IdentityAuditEntry>> ListAsync(string subjectType, string subjectId, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql,
            new { SubjectType = subjectType, SubjectId = subjectId, Limit = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new IdentityAuditEntry(r.Id, r.SubjectType, r.SubjectId, r.SubjectName, r.Action, r.Details, Enum.Parse<ActorKind>(r.ActorKind), r.Actor, r.At))];
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string SubjectType { get; set; } = "";
        public string SubjectId { get; set; } = "";
        public string SubjectName { get; set; } = "";
        public string Action { get; set; } = "";
        public string Details { get; set; } = "";
        public string ActorKind { get; set; } = "";
        public string Actor { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }
}

/// <summary>Writes identity audit entries with the current actor; a failure to write is logged, never thrown (the change happened).</summary>
public sealed class IdentityAuditRecorder(IIdentityAuditLog log, IActorAccessor actors, TimeProvider time, ILogger<IdentityAuditRecorder> logger)
{
    public async Task RecordAsync(string subjectType, string subjectId, string subjectName, string action, string details)
    {
        var actor = actors.Current;
        var now = time.GetUtcNow();
        try
        {
            // The change itself is committed: a caller that cancels now must still leave its trace.
            await log.AppendAsync(new IdentityAuditEntry(Ulid.NewId(now), subjectType, subjectId, subjectName, action, details, actor.Kind, actor.Name, now), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not record the audit entry {Action} for {SubjectType} {SubjectId}", action, subjectType, subjectId);
        }
    }

    /// <summary>"Changed: a, b." or "No change." from the names of the fields that differ.</summary>
    public static string Changed(IEnumerable<string> fields)
    {
        var list = fields.ToList();
        return list.Count == 0 ? "No change." : $"Changed: {string.Join(", ", list)}.";
    }
}
