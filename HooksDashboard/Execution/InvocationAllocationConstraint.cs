using Jint;

namespace HooksDashboard.Execution;

/// <summary>
/// Bounds what a whole invocation allocates. Jint's <c>LimitMemory</c> restarts its count at every entry into the
/// engine (the module run, the call, each timer and each batch of promise jobs), so on its own it would let a hook
/// allocate the full budget once per timer. This constraint carries the count across entries. Allocation is
/// measured per thread, and the event loop may resume on another thread after a wait, so the host brackets every
/// synchronous segment with <see cref="EnterSegment"/> and <see cref="LeaveSegment"/>.
/// </summary>
internal sealed class InvocationAllocationConstraint : Constraint
{
    private long _limit = long.MaxValue;
    private long _carried;
    private long _segmentStart;

    /// <summary>Arms the constraint for one invocation; called before the first segment.</summary>
    public void Begin(long limitBytes)
    {
        _limit = limitBytes;
        _carried = 0;
    }

    public void EnterSegment() => _segmentStart = GC.GetAllocatedBytesForCurrentThread();

    public void LeaveSegment() => _carried += GC.GetAllocatedBytesForCurrentThread() - _segmentStart;

    public override void Check()
    {
        var allocated = _carried + GC.GetAllocatedBytesForCurrentThread() - _segmentStart;
        if (allocated > _limit)
        {
            throw new ScriptLimitException($"Script exceeded the memory limit of {_limit} bytes: it allocated {allocated} bytes in this invocation");
        }
    }

    /// <summary>Deliberately keeps the count: surviving Jint's per-entry reset is the point of this constraint.</summary>
    public override void Reset()
    {
    }
}
