namespace HooksDashboard.Logs;

/// <summary>
/// The SQL the SQLite and PostgreSQL log queries have in common: the columns, the filter clauses, the keyset on
/// (created_at, id) and its orders, and the parameters. Only constant fragments are joined (values are always
/// parameters), so the number of distinct SQL texts Dapper caches stays small. Text search differs by dialect (FTS5's
/// index in seq order against a tsvector column) and stays in each engine's query class.
/// </summary>
internal static class ExecutionLogSql
{
    public const string SelectFrom = "SELECT " + ExecutionLogRow.Columns + " FROM execution_logs l";
    public const string HookClause = "l.hook_id = @HookId";
    public const string OlderClause = "(l.created_at, l.id) < (@CursorTime, @CursorId)";
    public const string NewerClause = "(l.created_at, l.id) > (@CursorTime, @CursorId)";
    public const string NewestFirst = " ORDER BY l.created_at DESC, l.id DESC LIMIT @Take;";
    public const string OldestFirst = " ORDER BY l.created_at ASC, l.id ASC LIMIT @Take;";

    public const string GetSql = SelectFrom + " WHERE l.id = @Id;";

    public const string HookLogsSql = SelectFrom + " WHERE " + HookClause + NewestFirst;

    private const string TriggerClause = "l.trigger_id = @TriggerId";
    private const string SourceClause = "l.source = @Source";
    private const string OutcomeClause = "l.outcome = @Outcome";
    private const string FromClause = "l.created_at >= @From";
    private const string ToClause = "l.created_at < @To";

    /// <summary>
    /// The WHERE clauses of <paramref name="filter"/>'s fields other than its text, then the keyset clause of
    /// <paramref name="cursor"/> (records newer or older than it), all on the <c>l</c> alias; joined with AND.
    /// </summary>
    public static List<string> Clauses(ExecutionLogFilter filter, ExecutionLogCursor? cursor, bool newer)
    {
        var clauses = new List<string>(10);
        if (filter.HookId is not null)
            clauses.Add(HookClause);
        if (filter.TriggerId is not null)
            clauses.Add(TriggerClause);
        if (filter.Source is not null)
            clauses.Add(SourceClause);
        if (filter.Outcome is not null)
            clauses.Add(OutcomeClause);
        if (filter.From is not null)
            clauses.Add(FromClause);
        if (filter.To is not null)
            clauses.Add(ToClause);
        if (cursor is not null)
            clauses.Add(newer ? NewerClause : OlderClause);
        return clauses;
    }

    /// <summary>The order of a keyset read: oldest first when going newer (the page is reversed afterwards).</summary>
    public static string Order(bool newer) => newer ? OldestFirst : NewestFirst;

    /// <summary>
    /// Every parameter the clauses may name (Dapper sends only those the text uses); <paramref name="match"/> is the
    /// engine's text query, <paramref name="seqBelow"/>/<paramref name="seqFrom"/> SQLite's full-text scan bounds.
    /// </summary>
    public static Parameters For(ExecutionLogFilter filter, string? match, ExecutionLogCursor? cursor, int take, long? seqBelow = null, long? seqFrom = null) => new()
    {
        HookId = filter.HookId,
        TriggerId = filter.TriggerId,
        Source = filter.Source is { } source ? ExecutionLogNames.Of(source) : null,
        Outcome = filter.Outcome is { } outcome ? ExecutionLogNames.Of(outcome) : null,
        From = filter.From,
        To = filter.To,
        Match = match,
        CursorTime = cursor?.CreatedAt,
        CursorId = cursor?.Id,
        SeqBelow = seqBelow,
        SeqFrom = seqFrom,
        Take = take,
    };

    /// <summary>The parameters of a log query (see <see cref="For"/>).</summary>
    public sealed class Parameters
    {
        public string? HookId { get; init; }
        public string? TriggerId { get; init; }
        public string? Source { get; init; }
        public string? Outcome { get; init; }
        public DateTimeOffset? From { get; init; }
        public DateTimeOffset? To { get; init; }
        public string? Match { get; init; }
        public DateTimeOffset? CursorTime { get; init; }
        public string? CursorId { get; init; }
        public long? SeqBelow { get; init; }
        public long? SeqFrom { get; init; }
        public int Take { get; init; }
    }
}
