namespace HooksDashboard.Events;

/// <summary>Configuration section <c>Events</c>: the durable queue of non-blocking hook invocations.</summary>
public sealed class EventsOptions
{
    public const string SectionName = "Events";

    /// <summary>
    /// Whether this process runs queued events. Off, events still queue (durably) and run when a process
    /// with the worker on starts on the same data folder.
    /// </summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Attempts per event before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the second attempt; it doubles for each later one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the worker looks for due events when nothing woke it (retries, other processes' events).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a started event belongs to its worker. Longer than a hook may run (20 s by default), so a
    /// live worker never loses its event; when the process dies, the event is due again once this runs out.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
}
