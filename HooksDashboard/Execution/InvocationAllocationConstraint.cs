using System.Reflection;
using Jint;
using Jint.Constraints;

namespace HooksDashboard.Execution;

/// <summary>
/// Bounds the memory a whole invocation keeps alive. Allocation is counted per thread, as Jint counts it, but an
/// allocation count is not memory in use: a hook that churns garbage (a busy-wait on <c>Date.now()</c>) allocates
/// hundreds of megabytes a second while keeping almost nothing. So the count only decides WHEN to measure: once
/// the invocation has allocated enough that what it keeps could have reached the limit, a blocking collection
/// runs and the managed heap's growth since the first measurement (a full collection, taken once the invocation has
/// allocated an eighth of the limit, which counts all of that as kept) is measured. Over the limit, the run ends;
/// otherwise the allocations so far are known to be mostly garbage and counting starts again from the measured
/// size. A hook can therefore keep at most about the limit alive, and churn for as long as its time limit allows.
/// </summary>
/// <remarks>
/// <para>
/// Jint's <c>LimitMemory</c> stays registered (after this constraint) for what only it sees: strings built by
/// concatenation whose copy is deferred. Each measurement that finds the memory within the limit restarts Jint's
/// count too, keeping its deferred-string charge, so Jint's limit is reached only by such strings.
/// </para>
/// <para>
/// The heap is the process's: memory that concurrent work keeps alive during the invocation is counted as well.
/// Most invocations allocate far less than an eighth of the limit and never measure. Later measurements stay rare
/// (one per half of the remaining budget allocated, at least a sixteenth of the limit); a generation-1 collection
/// decides most of them, a full one only when that did not show enough to be free.
/// Allocation is measured per thread, and the event loop may resume on another thread after a wait, so the host
/// brackets every synchronous segment with <see cref="EnterSegment"/> and <see cref="LeaveSegment"/>.
/// </para>
/// </remarks>
internal sealed class InvocationAllocationConstraint : Constraint
{
    // Jint 4.18 keeps the deferred-concatenation charge in this field and clears it in Reset(). Without it the count
    // cannot be restarted without forgetting those strings, so measurements then never restart it (the limit falls
    // back to counting allocations, the behaviour before live measurement); a test pins the field.
    private static readonly FieldInfo? DeferredBytesField =
        typeof(MemoryLimitConstraint).GetField("_deferredBytes", BindingFlags.NonPublic | BindingFlags.Instance) is { FieldType: var t } field && t == typeof(long)
            ? field
            : null;

    private long _limit = long.MaxValue;
    private long _carried;
    private long _segmentStart;
    private long? _baselineHeap;
    private long _measuredAt;
    private long _live;
    private MemoryLimitConstraint? _engineLimit;

    // Module loading (ModuleLoad): the call's own limit, the room module evaluation still has in this run, how deep the
    // loads are nested and what the run had allocated when the outermost one began.
    private long _callLimit = long.MaxValue;
    private long _moduleRoom;
    private int _loadDepth;
    private long _loadStartAllocated;
    private long _loadStartCallBound;

    /// <summary>Whether the running Jint lets a measurement restart its own count (see the remarks).</summary>
    internal static bool CanRestartEngineCount => DeferredBytesField is not null;

    /// <summary>
    /// Arms the constraint for one invocation; called before the first segment. Costs no heap query.
    /// <paramref name="moduleBytes"/> is what module evaluation (<see cref="BeginModuleLoad"/>) may keep in this run
    /// on top of <paramref name="limitBytes"/>, the call's own limit.
    /// </summary>
    public void Begin(long limitBytes, long moduleBytes, MemoryLimitConstraint? engineLimit)
    {
        _limit = limitBytes;
        _callLimit = limitBytes;
        _moduleRoom = moduleBytes;
        _loadDepth = 0;
        _loadStartAllocated = 0;
        _loadStartCallBound = 0;
        _carried = 0;
        _measuredAt = 0;
        _live = 0;
        _baselineHeap = null;
        _engineLimit = engineLimit;
    }

    public void EnterSegment() => _segmentStart = GC.GetAllocatedBytesForCurrentThread();

    public void LeaveSegment() => _carried += GC.GetAllocatedBytesForCurrentThread() - _segmentStart;

    private long Allocated => _carried + GC.GetAllocatedBytesForCurrentThread() - _segmentStart;

    /// <summary>
    /// Module evaluation starts (the hook's top level, or a package module evaluated for the first time in this engine,
    /// possibly from inside the call): until the matching <see cref="EndModuleLoad"/> the run may keep the call's limit
    /// plus the module room left. Nested loads only count once, as part of the outermost.
    /// </summary>
    public void BeginModuleLoad()
    {
        if (_loadDepth++ > 0)
        {
            return;
        }

        _loadStartAllocated = Allocated;
        // An upper bound of what the call keeps as the load starts: the last measurement plus everything allocated
        // since, or everything the run allocated when nothing was measured yet.
        _loadStartCallBound = _baselineHeap is null ? _loadStartAllocated : _live + (_loadStartAllocated - _measuredAt);
        _limit = _callLimit + _moduleRoom;
    }

    /// <summary>
    /// The outermost module load ended (normally or by a throw): what the loaded modules keep, up to the module room
    /// left, stops counting against the call, and the room shrinks by as much. The room is per run, so reloading
    /// modules (deleting <c>require.cache</c> entries) cannot give a call more than its limit plus the module room.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Nothing measured yet in this run (the run, load included, allocated less than the first measurement's step):
    /// what the load allocated is taken out of the count. That is exact enough, because the first measurement counts
    /// everything still in the count as kept and takes the baseline from a full collection, which leaves the load's
    /// garbage out and its kept memory in.
    /// </para>
    /// <para>
    /// A baseline already measured: adding what the load allocated to it would also give the call the load's garbage
    /// (a load that allocated 200 MB and kept 1 MB let the call keep 264 MB). A load that allocated at least a
    /// sixteenth of the call's limit is measured instead, with one full collection (once per large load, so once per
    /// warm engine's module graph, never per call of a warm engine): everything above the call's bound at the
    /// load's start is the modules'. A smaller load is not measured and exempts nothing (what it keeps counts against
    /// the call): a full collection per small load (a reloading loop) would cost more than it is worth.
    /// </para>
    /// </remarks>
    public void EndModuleLoad()
    {
        if (_loadDepth == 0 || --_loadDepth > 0)
        {
            return;
        }

        _limit = _callLimit;
        var allocated = Allocated;
        var loadAllocated = Math.Max(allocated - _loadStartAllocated, 0);
        if (_baselineHeap is not { } baseline)
        {
            var exempt = Math.Min(loadAllocated, _moduleRoom);
            _moduleRoom -= exempt;
            _carried -= exempt;
            // Jint's own count must forget the load too: it kept counting while ours was exempted, so a few loads in a
            // row (each under the first measurement's step) reached Jint's limit, the call's, with nothing kept.
            RestartEngineCount();
            return;
        }

        if (loadAllocated < _callLimit / 16)
        {
            return;
        }

        var heap = HeapInUseAfter(generation: 2);
        var kept = Math.Clamp(heap - baseline - _loadStartCallBound, 0, _moduleRoom);
        _moduleRoom -= kept;
        _baselineHeap = baseline + kept;
        // What the modules keep past their room is the call's: with the room used up, a reloading loop keeps growing
        // the call (this is its only measurement when each load is one statement).
        var growth = Math.Min(heap - (baseline + kept), allocated);
        if (growth > _limit)
        {
            throw LimitExceeded(growth, allocated);
        }

        Restarted(allocated, growth);
    }

    public override void Check()
    {
        var allocated = Allocated;
        // What is alive now is at most what was alive at the last measurement plus everything allocated since.
        // The first measurement comes early (it fixes the baseline); later ones after half of the room left (Jint's
        // own count must not reach the limit first), and never after a tiny step.
        var step = _baselineHeap is null ? _limit / 8 : Math.Max(_limit - _live, _limit / 8) / 2;
        // Jint's own count (limited to the call's limit) restarts only at a measurement: during a module load, whose
        // limit is larger, it must not be left to reach its limit first.
        step = Math.Min(step, _callLimit / 2);
        if (allocated - _measuredAt <= step)
        {
            return;
        }

        Measure(allocated);
    }

    private void Measure(long allocated)
    {
        long growth;
        if (_baselineHeap is not { } baseline)
        {
            // A full collection leaves no garbage of anyone's in the heap. Counting everything this invocation has
            // allocated so far as alive makes the baseline err low, so later growth errs high, never low.
            var heap = HeapInUseAfter(generation: 2);
            _baselineHeap = heap - allocated;
            growth = allocated;
        }
        else
        {
            // The heap is the process's: other invocations on other threads grow it too. This one cannot have more alive
            // than it allocated, so its growth is capped there (else a hook could be stopped for a neighbour's memory).
            growth = Math.Min(HeapInUseAfter(generation: 1) - baseline, allocated);
            if (growth > _limit)
            {
                // Part of it may be garbage a younger collection does not reach (older objects, large strings).
                growth = Math.Min(HeapInUseAfter(generation: 2) - baseline, allocated);
            }
        }

        if (growth > _limit)
        {
            throw LimitExceeded(growth, allocated);
        }

        Restarted(allocated, growth);
    }

    private ScriptLimitException LimitExceeded(long growth, long allocated) => new(_loadDepth > 0
        ? $"Script exceeded the memory limit of {_limit} bytes while loading modules (the call's {_callLimit} bytes plus the {_limit - _callLimit} bytes left of ModuleMemoryBytes for module evaluation): after garbage collection the heap held {growth} bytes more than before the invocation, which allocated {allocated} bytes in all"
        : $"Script exceeded the memory limit of {_limit} bytes: after garbage collection the heap held {growth} bytes more than before the invocation, which allocated {allocated} bytes in all");

    /// <summary>A measurement found <paramref name="growth"/> alive: counting (ours and Jint's) restarts from it.</summary>
    private void Restarted(long allocated, long growth)
    {
        RestartEngineCount();
        _live = Math.Max(growth, 0);
        _measuredAt = allocated;
    }

    /// <summary>Restarts Jint's count, keeping its deferred-string charge.</summary>
    private void RestartEngineCount()
    {
        // Without the field Jint's count is left running: its limit then ends a churning hook as it did before.
        if (_engineLimit is { } engineLimit && DeferredBytesField is { } deferredField)
        {
            var deferred = (long)deferredField.GetValue(engineLimit)!;
            engineLimit.Reset();
            deferredField.SetValue(engineLimit, deferred);
        }
    }

    private static long HeapInUseAfter(int generation)
    {
        GC.Collect(generation, GCCollectionMode.Forced, blocking: true, compacting: false);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    /// <summary>Deliberately keeps the count: surviving Jint's per-entry reset is the point of this constraint.</summary>
    public override void Reset()
    {
    }
}
