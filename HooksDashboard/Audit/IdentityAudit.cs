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

/// <summary>
/// Which identity audit entries to show; a null (or blank) part matches everything. <see cref="Actor"/> and
/// <see cref="Text"/> match anywhere in the actor, and in the subject's name, id or the details, ignoring ASCII case.
/// </summary>
public sealed record IdentityAuditFilter(string? SubjectType = null, string? SubjectId = null, string? Action = null, string? Actor = null, string? Text = null);

/// <summary>One page of identity audit entries, newest first, and how many match in all.</summary>
public sealed record IdentityAuditPage(IReadOnlyList<IdentityAuditEntry> Entries, int Total);

/// <summary>The append-only record of changes to users, applications, APIs and grants.</summary>
public interface IIdentityAuditLog
{
    /// <summary>The entries matching <paramref name="filter"/>, newest first; <paramref name="page"/> is 0-based.</summary>
    Task<IdentityAuditPage> QueryAsync(IdentityAuditFilter filter, int page, int perPage, CancellationToken cancellationToken = default);

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

    public const string PostgreSql = """
        CREATE TABLE identity_audit (
            id           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            subject_type TEXT COLLATE "C" NOT NULL,
            subject_id   TEXT COLLATE "C" NOT NULL,
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

/// <summary><see cref="IIdentityAuditLog"/> on either engine (the name predates PostgreSQL).</summary>
public sealed class SqliteIdentityAuditLog(IDatabase database) : IIdentityAuditLog
{
    private const string InsertSql = """
        INSERT INTO identity_audit (id, subject_type, subject_id, subject_name, action, details, actor_kind, actor, created_at)
        VALUES (@Id, @SubjectType, @SubjectId, @SubjectName, @Action, @Details, @ActorKindText, @Actor, @At);
        """;

    // Ids are ULIDs made in order, so ordering by id is ordering by time.
    private const string SelectFrom =
        "SELECT id AS Id, subject_type AS SubjectType, subject_id AS SubjectId, subject_name AS SubjectName, action AS Action, " +
        "details AS Details, actor_kind AS ActorKind, actor AS Actor, created_at AS At FROM identity_audit\n";

    private const string ListSql = SelectFrom + "WHERE subject_type = @SubjectType AND subject_id = @SubjectId ORDER BY id DESC LIMIT @Limit;";

    // One text for every filter: a part left null matches all rows. LIKE patterns come escaped from Like().
    // SQLite's LIKE ignores case (ASCII); PostgreSQL's does not, so it gets ILIKE: the only difference between engines.
    private static string FilterSql(string like) => $"""
        WHERE (@SubjectType IS NULL OR subject_type = @SubjectType)
          AND (@SubjectId IS NULL OR subject_id = @SubjectId)
          AND (@Action IS NULL OR action = @Action)
          AND (@Actor IS NULL OR actor {like} @Actor ESCAPE '\')
          AND (@Text IS NULL OR subject_name {like} @Text ESCAPE '\' OR subject_id {like} @Text ESCAPE '\' OR details {like} @Text ESCAPE '\')
        """;

    private readonly string _querySql = SelectFrom + FilterSql(LikeOperator(database)) + "\nORDER BY id DESC LIMIT @Limit OFFSET @Offset;";
    private readonly string _countSql = "SELECT count(*) FROM identity_audit\n" + FilterSql(LikeOperator(database)) + ";";

    private static string LikeOperator(IDatabase database) => database.Provider == StorageProvider.PostgreSQL ? "ILIKE" : "LIKE";

    public async Task<IdentityAuditPage> QueryAsync(IdentityAuditFilter filter, int page, int perPage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, 1);
        var parameters = new
        {
            SubjectType = Blank(filter.SubjectType),
            SubjectId = Blank(filter.SubjectId),
            Action = Blank(filter.Action),
            Actor = Like(filter.Actor),
            Text = Like(filter.Text),
            Limit = perPage,
            Offset = (long)page * perPage,
        };
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(_countSql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(_querySql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new IdentityAuditPage([.. rows.Select(ToEntry)], total);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A LIKE pattern matching <paramref name="value"/> anywhere, its own <c>%</c>, <c>_</c> and <c>\</c> escaped.</summary>
    private static string? Like(string? value) =>
        Blank(value) is { } text ? "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%" : null;

    private static IdentityAuditEntry ToEntry(Row r) =>
        new(r.Id, r.SubjectType, r.SubjectId, r.SubjectName, r.Action, r.Details, Enum.Parse<ActorKind>(r.ActorKind), r.Actor, r.At);

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
        return [.. rows.Select(ToEntry)];
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
