using System.Globalization;

namespace HooksDashboard.Logs;

/// <summary>
/// What the SQLite and PostgreSQL log queries share: turning a keyset read into a page with its cursors, and
/// duration buckets into the overview's statistics.
/// </summary>
internal static class ExecutionLogPaging
{
    /// <summary>
    /// Checks the request, reads one row more than the page (in the direction of travel: <c>newer</c> reads oldest
    /// first) through <paramref name="query"/> (cursor, newer, take), and builds the page, newest first.
    /// </summary>
    public static async Task<ExecutionLogPage> ListAsync(
        ExecutionLogFilter filter, ExecutionLogPageRequest page, Func<ExecutionLogCursor?, bool, int, Task<List<ExecutionLogRow>>> query)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        if (page.Limit is < 1 or > ExecutionLogPageRequest.MaxLimit)
            throw new ArgumentException($"The page size must be between 1 and {ExecutionLogPageRequest.MaxLimit}.", nameof(page));
        if (page.OlderThan is not null && page.NewerThan is not null)
            throw new ArgumentException("A page is either older or newer than a cursor, not both.", nameof(page));

        var newer = page.NewerThan is not null;
        // One extra row tells whether another page follows in the direction of travel.
        var rows = await query(page.OlderThan ?? page.NewerThan, newer, page.Limit + 1).ConfigureAwait(false);
        var more = rows.Count > page.Limit;
        if (more)
            rows.RemoveAt(rows.Count - 1);
        if (newer)
            rows.Reverse();

        var items = rows.Select(r => r.ToRecord()).ToList();
        // Nothing there (records removed since the cursor was made): no cursors, the caller starts again from the top.
        if (items.Count == 0)
            return new ExecutionLogPage(items, null, null);
        var olderCursor = newer ? ExecutionLogCursor.Of(items[^1]) : more ? ExecutionLogCursor.Of(items[^1]) : null;
        var newerCursor = newer ? (more ? ExecutionLogCursor.Of(items[0]) : null) : page.OlderThan is null ? null : ExecutionLogCursor.Of(items[0]);
        return new ExecutionLogPage(items, olderCursor, newerCursor);
    }

    /// <summary>Per-point statistics from duration buckets (0.1 ms) and clock-hour counts.</summary>
    /// <summary>Rows read per chunk when the whole filtered log is streamed (downloads).</summary>
    public const int StreamChunk = 500;

    /// <summary>
    /// Every record the filter matches, newest first, read in chunks of <see cref="StreamChunk"/> through
    /// <paramref name="query"/> (cursor, take), each chunk its own read: a slow download never holds a read open.
    /// </summary>
    public static async IAsyncEnumerable<ExecutionLogRecord> StreamAsync(
        Func<ExecutionLogCursor?, int, Task<List<ExecutionLogRow>>> query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ExecutionLogCursor? cursor = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = await query(cursor, StreamChunk).ConfigureAwait(false);
            foreach (var row in rows)
                yield return row.ToRecord();
            if (rows.Count < StreamChunk)
                yield break;
            cursor = new ExecutionLogCursor(rows[^1].CreatedAt, rows[^1].Id);
        }
    }

    /// <summary>The per-hook list's limit, checked the same way by both engines.</summary>
    public static void RequireHookLogLimit(int limit)
    {
        if (limit is < 1 or > ExecutionLogPageRequest.MaxLimit)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The limit must be between 1 and {ExecutionLogPageRequest.MaxLimit}.");
    }

    public static IReadOnlyList<PointInvocationStats> Stats(IEnumerable<StatsBucket> buckets, IEnumerable<HourBucket> hourBuckets)
    {
        var hours = hourBuckets.ToLookup(h => h.TriggerId, StringComparer.Ordinal);
        return [.. buckets
            .GroupBy(b => b.TriggerId, StringComparer.Ordinal)
            .Select(g =>
            {
                var sorted = g.OrderBy(b => b.Bucket).ToList();
                var total = sorted.Sum(b => b.Count);
                return new PointInvocationStats(g.Key, total, sorted.Sum(b => b.Errors), Percentile(sorted, total, 0.50), Percentile(sorted, total, 0.95))
                {
                    Hours = [.. hours[g.Key].Select(h => h.ToHourly()).OrderBy(h => h.Hour)],
                };
            })
            .OrderBy(s => s.TriggerId, StringComparer.Ordinal)];
    }

    /// <summary>Nearest-rank percentile over buckets sorted by duration.</summary>
    private static double Percentile(List<StatsBucket> sorted, long total, double fraction)
    {
        var rank = Math.Max(1, (long)Math.Ceiling(fraction * total));
        long seen = 0;
        foreach (var bucket in sorted)
        {
            seen += bucket.Count;
            if (seen >= rank)
                return bucket.Bucket / 10.0;
        }
        return 0;
    }

    /// <summary>Invocations of a point whose duration falls in one 0.1 ms bucket.</summary>
    internal sealed class StatsBucket
    {
        public string TriggerId { get; set; } = "";
        public long Bucket { get; set; }
        public long Count { get; set; }
        public long Errors { get; set; }
    }

    /// <summary>Invocations of a point in one clock hour (<c>yyyy-MM-ddTHH</c>).</summary>
    internal sealed class HourBucket
    {
        public string TriggerId { get; set; } = "";
        public string Hour { get; set; } = "";
        public long Count { get; set; }
        public long Errors { get; set; }

        public HourlyInvocations ToHourly() => new(
            new DateTimeOffset(DateTime.ParseExact(Hour, "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero),
            Count,
            Errors);
    }
}
