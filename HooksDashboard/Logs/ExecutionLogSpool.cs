using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;

namespace HooksDashboard.Logs;

/// <summary>
/// The execution log's queue: records waiting for the background writer, kept as value entries and text in arrays
/// that are reused from one writer round to the next, not as objects per record.
/// </summary>
/// <remarks>
/// A record waits for the writer's group commit (<c>Logs:WriteDelay</c>, 150 ms), longer than the runtime leaves
/// between two young-generation collections at a few thousand tokens a second. Objects per queued record (the entry,
/// its id, request id, payload text and console lines) therefore all survived one or two collections and were
/// promoted, which made the hooked token endpoint run generation-1 collections several times a second and clear
/// freshly committed (page-faulting) memory on every token: docs/benchmarks.md, "the execution log's queue and the
/// GC". Copied into this spool's arrays, a record leaves no object behind on the request path: the strings are made
/// again when the writer turns entries into <see cref="ExecutionLogRecord"/>s, and those live for one batch.
/// What stays a reference is either long-lived already (the hook's id, name and secrets come from the hook cache,
/// the point's id is a constant) or rare (an error, outbound requests).
/// Not thread-safe: <see cref="ExecutionLog"/> guards it with its own lock.
/// </remarks>
internal sealed class ExecutionLogSpool
{
    // Kept across rounds up to these sizes; a burst beyond them is given back once written.
    private const int KeptEntries = 4_096;
    private const int KeptChars = 1 << 20;

    private Entry[] _entries = new Entry[64];
    private char[] _text = new char[16 * 1024];
    private int _textLength;

    /// <summary>Records held.</summary>
    public int Count { get; private set; }

    /// <summary>Copies <paramref name="entry"/> in; nothing of it is referenced afterwards but what the remarks name.</summary>
    public void Add(ExecutionLogEntry entry)
    {
        if (Count == _entries.Length)
            Array.Resize(ref _entries, _entries.Length * 2);
        _entries[Count++] = new Entry
        {
            Id = Append(entry.Id),
            CreatedAt = entry.CreatedAt,
            HookId = entry.HookId,
            HookName = entry.HookName,
            TriggerId = entry.TriggerId,
            Source = entry.Source,
            RequestId = Append(entry.RequestId),
            Secrets = entry.Secrets,
            Payload = Append(entry.PayloadJson),
            Status = entry.Status,
            DurationMs = entry.DurationMs,
            Error = entry.Error,
            Logs = AppendLogs(entry.Logs),
            Requests = entry.Requests.Count == 0 ? null : entry.Requests,
        };
    }

    /// <summary>Entry <paramref name="index"/> (0 = first added) as the writer's <see cref="ExecutionLogEntry"/>, its strings made now.</summary>
    public ExecutionLogEntry Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        ref readonly var e = ref _entries[index];
        return new ExecutionLogEntry(
            Read(e.Id)!, e.CreatedAt, e.HookId, e.HookName, e.TriggerId, e.Source, Read(e.RequestId), e.Secrets, Read(e.Payload),
            e.Status, e.DurationMs, e.Error, ReadLogs(e.Logs), e.Requests ?? []);
    }

    /// <summary>Forgets every entry; the arrays are kept for the next round unless a burst made them large.</summary>
    public void Clear()
    {
        // The references the entries hold go with them (they would otherwise keep errors and secrets alive).
        Array.Clear(_entries, 0, Count);
        Count = 0;
        _textLength = 0;
        if (_entries.Length > KeptEntries)
            _entries = new Entry[KeptEntries];
        if (_text.Length > KeptChars)
            _text = new char[KeptChars];
    }

    private Span Append(string? value)
    {
        if (value is null)
            return Span.Null;
        Reserve(value.Length);
        var start = _textLength;
        value.CopyTo(_text.AsSpan(start));
        _textLength += value.Length;
        return new Span(start, value.Length);
    }

    private void Reserve(int chars)
    {
        if (_text.Length - _textLength >= chars)
            return;
        var size = _text.Length;
        while (size - _textLength < chars)
            size = checked(size * 2);
        Array.Resize(ref _text, size);
    }

    private string? Read(Span span) => span.Length < 0 ? null : new string(_text, span.Start, span.Length);

    // Console lines as the text of each line's level and message, one after the other; Length holds the line count.
    private Span AppendLogs(IReadOnlyList<ConsoleLine> logs)
    {
        if (logs.Count == 0)
            return new Span(_textLength, 0);
        var start = _textLength;
        foreach (var line in logs)
        {
            AppendCounted(line.Level);
            AppendCounted(line.Message);
        }
        return new Span(start, logs.Count);
    }

    private void AppendCounted(string value)
    {
        // The length in two chars (up to 2^32 - 1), then the text.
        Reserve(value.Length + 2);
        _text[_textLength++] = (char)(value.Length >> 16);
        _text[_textLength++] = (char)(value.Length & 0xFFFF);
        value.CopyTo(_text.AsSpan(_textLength));
        _textLength += value.Length;
    }

    private ConsoleLine[] ReadLogs(Span span)
    {
        if (span.Length == 0)
            return [];
        var lines = new ConsoleLine[span.Length];
        var at = span.Start;
        for (var i = 0; i < lines.Length; i++)
        {
            var level = ReadCounted(ref at);
            lines[i] = new ConsoleLine(level, ReadCounted(ref at));
        }
        return lines;
    }

    private string ReadCounted(ref int at)
    {
        var length = (_text[at] << 16) | _text[at + 1];
        var value = new string(_text, at + 2, length);
        at += 2 + length;
        return value;
    }

    /// <summary>A piece of the text: <see cref="Length"/> -1 for null.</summary>
    private readonly record struct Span(int Start, int Length)
    {
        public static Span Null => new(0, -1);
    }

    private struct Entry
    {
        public Span Id;
        public DateTimeOffset CreatedAt;
        public string? HookId;
        public string? HookName;
        public string TriggerId;
        public InvocationSource Source;
        public Span RequestId;
        public IReadOnlyDictionary<string, string> Secrets;
        public Span Payload;
        public ExecutionStatus Status;
        public double DurationMs;
        public ExecutionError? Error;
        public Span Logs;
        public IReadOnlyList<HttpRequestRecord>? Requests;
    }
}
