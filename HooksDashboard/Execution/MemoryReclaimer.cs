using System.Diagnostics;

namespace HooksDashboard.Execution;

/// <summary>
/// Gives memory back to the operating system after hook invocations that allocated a lot (a script filling its
/// memory limit): the GC keeps the heap it grew for them committed, so without this the process stays at its peak
/// size long after the burst. A few seconds after such an invocation (so a burst is over), at most once per
/// <see cref="MinInterval"/>, it runs one full blocking collection in <see cref="GCCollectionMode.Aggressive"/>
/// mode, which compacts and decommits what the live objects do not need.
/// </summary>
public sealed partial class MemoryReclaimer(ILogger<MemoryReclaimer> logger, TimeProvider time) : IDisposable
{
    /// <summary>An invocation that allocated at least this many bytes asks for a reclaim.</summary>
    public const long LargeInvocationBytes = 16L * 1024 * 1024;

    /// <summary>Quiet time after the last large invocation before the collection runs.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    /// <summary>At most one collection per this interval: a full blocking collection pauses every thread.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private ITimer? _timer;
    private long _lastRunTimestamp;
    private bool _everRun;

    /// <summary>How many collections ran (for tests and diagnostics).</summary>
    public int Collections { get; private set; }

    /// <summary>Records an invocation's allocated bytes; a large one schedules a reclaim (or pushes a pending one back).</summary>
    public void Observe(long allocatedBytes)
    {
        if (allocatedBytes < LargeInvocationBytes)
            return;
        lock (_gate)
        {
            var due = Delay;
            if (_everRun && time.GetElapsedTime(_lastRunTimestamp) is var since && since < MinInterval - Delay)
                due = MinInterval - since;
            if (_timer is null)
                _timer = time.CreateTimer(static state => ((MemoryReclaimer)state!).Run(), this, due, Timeout.InfiniteTimeSpan);
            else
                _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void Run()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            _lastRunTimestamp = time.GetTimestamp();
            _everRun = true;
            Collections++;
        }

        var before = Environment.WorkingSet;
        var started = Stopwatch.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        LogReclaimed(logger, before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Memory reclaimed after large hook invocations: working set {BeforeMB} MB -> {AfterMB} MB ({PauseMs:0} ms collection)")]
    private static partial void LogReclaimed(ILogger logger, long beforeMB, long afterMB, double pauseMs);
}
