using System.Buffers.Text;
using System.Globalization;
using System.Text;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;

namespace HooksDashboard.Logs;

/// <summary>Which records a query returns; every member null means all.</summary>
/// <param name="HookId">Records of this hook.</param>
/// <param name="TriggerId">Records of this extensibility point.</param>
/// <param name="From">Inclusive lower bound of <see cref="ExecutionLogRecord.CreatedAt"/>.</param>
/// <param name="To">Exclusive upper bound of <see cref="ExecutionLogRecord.CreatedAt"/>.</param>
/// <param name="Text">Words that must all occur in the error name or message, the console output or the request
/// id: whole words, ignoring case; a word ending with <c>*</c> matches as a prefix.</param>
public sealed record ExecutionLogFilter(
    string? HookId = null,
    string? TriggerId = null,
    InvocationSource? Source = null,
    ExecutionStatus? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Text = null)
{
    public static ExecutionLogFilter All { get; } = new();

    /// <summary>The words of <see cref="Text"/>; empty when there is no text search.</summary>
    public IReadOnlyList<string> Words => Text is null
        ? []
        : Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Whether a record (e.g. one from the live feed) passes the filter. The text test approximates the full-text
    /// search: each word (without a trailing <c>*</c>) must occur, ignoring case, in the same fields.
    /// </summary>
    public bool Matches(ExecutionLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (HookId is not null && record.HookId != HookId)
            return false;
        if (TriggerId is not null && record.TriggerId != TriggerId)
            return false;
        if (Source is { } source && record.Source != source)
            return false;
        if (Outcome is { } outcome && record.Outcome != outcome)
            return false;
        if (From is { } from && record.CreatedAt < from)
            return false;
        if (To is { } to && record.CreatedAt >= to)
            return false;
        var words = Words;
        if (words.Count == 0)
            return true;
        var haystack = string.Join('\n',
            new[] { record.Error?.Name, record.Error?.Message, record.RequestId }.Concat(record.Logs.Select(l => l.Message)).Where(s => s is not null));
        return words.All(w => haystack.Contains(w.TrimEnd('*'), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The text as an FTS5 query: every word quoted (so user input is never FTS syntax), all words required,
    /// each matched as a whole word unless it ends with <c>*</c> (then as a prefix). Whole words by default because
    /// FTS5 reads a prefix's entire match list before returning the first row, which makes a common prefix slow on
    /// a large log, while a whole word is read lazily from the newest match. Null when there is no text search.
    /// </summary>
    internal string? ToFtsQuery()
    {
        var words = Words.Select(w => (Word: w.TrimEnd('*'), Prefix: w.EndsWith('*'))).Where(w => w.Word.Length > 0).ToList();
        return words.Count == 0
            ? null
            : string.Join(' ', words.Select(w => "\"" + w.Word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (w.Prefix ? "*" : "")));
    }
}

/// <summary>A position in the (created_at, id) order: the record a page starts after.</summary>
public sealed record ExecutionLogCursor(DateTimeOffset CreatedAt, string Id)
{
    public static ExecutionLogCursor Of(ExecutionLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.CreatedAt, record.Id);
    }

    /// <summary>An opaque, URL-safe token.</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + "." + Id));

    /// <exception cref="FormatException">The token was not made by <see cref="Encode"/>.</exception>
    public static ExecutionLogCursor Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new FormatException("The paging cursor is not valid.");
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || text.Length - dot - 1 != Storage.Ulid.Length)
        {
            throw new FormatException("The paging cursor is not valid.");
        }
        return new(new DateTimeOffset(ticks, TimeSpan.Zero), text[(dot + 1)..]);
    }
}

/// <summary>Which page: the newest, the one older than a cursor, or the one newer than a cursor.</summary>
public sealed record ExecutionLogPageRequest(int Limit = 50, ExecutionLogCursor? OlderThan = null, ExecutionLogCursor? NewerThan = null)
{
    public const int MaxLimit = 500;

    public static ExecutionLogPageRequest First(int limit = 50) => new(limit);
}

/// <summary>A page of records, newest first.</summary>
/// <param name="Older">Cursor of the next (older) page; null when this page reaches the oldest record.</param>
/// <param name="Newer">Cursor of the previous (newer) page; null when this page starts at the newest record.</param>
public sealed record ExecutionLogPage(IReadOnlyList<ExecutionLogRecord> Items, ExecutionLogCursor? Older, ExecutionLogCursor? Newer);
