namespace HooksDashboard.Logs;

/// <summary>Configuration section <c>Logs</c>: the execution log's bounds, queue and retention.</summary>
public sealed class ExecutionLogOptions
{
    public const string SectionName = "Logs";

    /// <summary>Records older than this many days are removed.</summary>
    public double RetentionDays { get; set; } = 10;

    /// <summary>At most this many records are kept; the oldest beyond it are removed.</summary>
    public int MaxRecords { get; set; } = 1_000_000;

    /// <summary>How often retention runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows removed per transaction, so writers are never held up for long.</summary>
    public int RetentionBatchSize { get; set; } = 2_000;

    /// <summary>Console lines kept per record.</summary>
    public int MaxConsoleLines { get; set; } = 100;

    /// <summary>UTF-8 bytes of console messages kept per record.</summary>
    public int MaxConsoleBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Records that may wait to be written. The queue grows on demand up to this bound (its memory is only what is
    /// queued), so a burst, or the writer starved of CPU for a while, is absorbed: about half a minute of 3,000 records
    /// a second. Beyond it, which only a disk that stopped taking writes can cause, new records are dropped and counted
    /// rather than holding up the requests that ran the hooks.
    /// </summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>
    /// Records written per transaction: above what <see cref="WriteDelay"/> gathers at a few thousand records a second,
    /// so a round is one commit (a round of 600 records under a bound of 500 was two commits, one of 100).
    /// </summary>
    public int WriteBatchSize { get; set; } = 1_000;

    /// <summary>
    /// How long the writer lets records gather after the first one arrives, so they share one transaction (group
    /// commit). The live tail shows a record at most this much later. Zero writes at once. A commit costs the writer
    /// about 2-3 ms of CPU whatever its size (every index leaf and full-text segment the batch touched is written to
    /// the WAL and later checkpointed), so at 3,000 records a second 150 ms (~500 a commit) instead of 50 ms (~200)
    /// takes ~9 µs off every record (docs/benchmarks.md, "the log writer under 40 µs").
    /// </summary>
    public TimeSpan WriteDelay { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Checks the values, so a bad configuration fails at start-up with the key named.</summary>
    internal static IEnumerable<string> Validate(ExecutionLogOptions options)
    {
        if (!(options.RetentionDays > 0))
            yield return "Logs:RetentionDays must be greater than 0.";
        if (options.MaxRecords <= 0)
            yield return "Logs:MaxRecords must be greater than 0.";
        if (options.RetentionInterval <= TimeSpan.Zero)
            yield return "Logs:RetentionInterval must be positive.";
        if (options.RetentionBatchSize <= 0)
            yield return "Logs:RetentionBatchSize must be greater than 0.";
        if (options.MaxConsoleLines < 0)
            yield return "Logs:MaxConsoleLines cannot be negative.";
        if (options.MaxConsoleBytes < 0)
            yield return "Logs:MaxConsoleBytes cannot be negative.";
        if (options.QueueCapacity <= 0)
            yield return "Logs:QueueCapacity must be greater than 0.";
        if (options.WriteBatchSize <= 0)
            yield return "Logs:WriteBatchSize must be greater than 0.";
        if (options.WriteDelay < TimeSpan.Zero || options.WriteDelay > TimeSpan.FromSeconds(5))
            yield return "Logs:WriteDelay must be between 00:00:00 and 00:00:05.";
    }
}

/// <summary>Fails options resolution (and start-up, with ValidateOnStart) on a bad <c>Logs</c> section.</summary>
internal sealed class ExecutionLogOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<ExecutionLogOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, ExecutionLogOptions options)
    {
        var failures = ExecutionLogOptions.Validate(options).ToList();
        return failures.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
}
