using Jint.Native;

namespace HooksDashboard.Execution;

/// <summary>
/// The host side of <c>setTimeout</c>/<c>setInterval</c>/<c>setImmediate</c> for one invocation. It only keeps the
/// queues; <see cref="JintInvocation"/> drives them on the engine's single logical thread. Each turn runs the
/// immediates queued so far, then the timers that are due (by due time, then creation order); promise
/// jobs are drained after every callback, as Node does between macrotasks. As in Node, a timer that is
/// <c>unref()</c>'d does not keep the invocation waiting: the run ends when only such timers are left.
/// </summary>
internal sealed class EventLoop
{
    // Created on first use: most hooks never set a timer, and every invocation builds a loop.
    private PriorityQueue<(Callback Callback, int Generation), (long Due, int Id)>? _timers;
    private Queue<Callback>? _immediates;

    // Ids queued and not cleared; a cleared entry stays in its queue and is skipped when reached.
    private HashSet<int>? _pending;

    // Live timers that do not keep the loop alive (a subset of _pending).
    private HashSet<int>? _unrefd;

    // Each timer's callback and current schedule: a refreshed or repeated timer is queued again with a new
    // generation, and the entries of older generations are skipped.
    private Dictionary<int, (Callback Callback, int Generation)>? _timerState;
    private int _nextId;

    /// <summary>Whether any timer or immediate that keeps the loop alive is still to run.</summary>
    public bool HasPending => _pending is { Count: > 0 } pending && pending.Count > (_unrefd?.Count ?? 0);

    /// <summary>Queues a timer due at <paramref name="dueMs"/> (invocation clock), every <paramref name="delayMs"/> after that when <paramref name="repeat"/>; returns its id.</summary>
    public int SetTimeout(JsValue function, JsValue[] arguments, long dueMs, long delayMs = 0, bool repeat = false)
    {
        var callback = new Callback(++_nextId, function, arguments, delayMs, repeat);
        Schedule(callback, dueMs);
        (_pending ??= []).Add(callback.Id);
        return callback.Id;
    }

    public int SetImmediate(JsValue function, JsValue[] arguments)
    {
        var callback = new Callback(++_nextId, function, arguments, 0, false);
        (_immediates ??= new()).Enqueue(callback);
        (_pending ??= []).Add(callback.Id);
        return callback.Id;
    }

    /// <summary>Cancels a timer, interval or immediate; unknown, fired or already cleared ids are ignored, as in Node.</summary>
    public void Clear(int id)
    {
        _pending?.Remove(id);
        _unrefd?.Remove(id);
        _timerState?.Remove(id);
    }

    /// <summary>Lets a live timer stop (or start again) keeping the invocation waiting for it.</summary>
    public void SetRef(int id, bool refed)
    {
        if (refed)
        {
            _unrefd?.Remove(id);
        }
        else if (_pending is not null && _pending.Contains(id))
        {
            (_unrefd ??= []).Add(id);
        }
    }

    /// <summary>Node's <c>timeout.refresh()</c>: the timer starts over from now (and runs again if it had fired).</summary>
    public void Refresh(int id, long nowMs)
    {
        if (_timerState is not null && _timerState.TryGetValue(id, out var state))
        {
            (_pending ??= []).Add(id);
            Schedule(state.Callback, nowMs + state.Callback.DelayMs);
        }
    }

    private void Schedule(Callback callback, long dueMs)
    {
        _timerState ??= [];
        var generation = _timerState.TryGetValue(callback.Id, out var previous) ? previous.Generation + 1 : 0;
        _timerState[callback.Id] = (callback, generation);
        (_timers ??= new()).Enqueue((callback, generation), (dueMs, callback.Id));
    }

    /// <summary>Takes the immediates queued before this call (null when none): those they queue run on the next turn.</summary>
    public List<Callback>? TakeImmediates()
    {
        if (_immediates is not { Count: > 0 } || _pending is null)
        {
            return null;
        }

        var batch = new List<Callback>(_immediates.Count);
        while (_immediates.TryDequeue(out var callback))
        {
            if (_pending.Remove(callback.Id))
            {
                batch.Add(callback);
            }
        }

        return batch;
    }

    /// <summary>Takes the next live timer due at or before <paramref name="nowMs"/>; an interval is queued again first.</summary>
    public bool TryTakeDueTimer(long nowMs, out Callback callback)
    {
        while (_timers is not null && _pending is not null && _timers.TryPeek(out var entry, out var key) && key.Due <= nowMs)
        {
            _timers.Dequeue();
            if (!IsLive(entry))
            {
                continue;
            }

            callback = entry.Callback;
            if (callback.Repeat)
            {
                // Queued again before it runs, so clearInterval inside the callback cancels the next run.
                Schedule(callback, nowMs + Math.Max(callback.DelayMs, 1));
            }
            else
            {
                _pending.Remove(callback.Id);
                _unrefd?.Remove(callback.Id);
            }

            return true;
        }

        callback = null!;
        return false;
    }

    /// <summary>
    /// Due time of the earliest live timer, unref'd ones included (they still run while something else, e.g. a pending
    /// request, keeps the loop alive: <c>AbortSignal.timeout</c> must fire during a fetch); null when no timer is left.
    /// Whether the loop is alive at all is the caller's question (<see cref="HasPending"/>).
    /// </summary>
    public long? NextTimerDue()
    {
        if (_pending is not { Count: > 0 })
        {
            return null;
        }

        while (_timers is not null && _timers.TryPeek(out var entry, out var key))
        {
            if (IsLive(entry))
            {
                return key.Due;
            }

            _timers.Dequeue();
        }

        return null;
    }

    private bool IsLive((Callback Callback, int Generation) entry) =>
        _pending is not null && _pending.Contains(entry.Callback.Id)
        && _timerState is not null && _timerState.TryGetValue(entry.Callback.Id, out var state) && state.Generation == entry.Generation;

    /// <summary>
    /// Drops every queued timer and immediate (a warm engine's next invocation must never run them). Ids keep counting
    /// up, so a <c>clearTimeout</c> of an old run's id can never cancel a new run's timer.
    /// </summary>
    public void Reset()
    {
        _timers?.Clear();
        _immediates?.Clear();
        _pending?.Clear();
        _unrefd?.Clear();
        _timerState?.Clear();
    }

    internal sealed record Callback(int Id, JsValue Function, JsValue[] Arguments, long DelayMs, bool Repeat);
}
