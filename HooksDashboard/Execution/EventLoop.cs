using Jint.Native;

namespace HooksDashboard.Execution;

/// <summary>
/// The host side of <c>setTimeout</c>/<c>setImmediate</c> for one invocation. It only keeps the queues;
/// <see cref="JintInvocation"/> drives them on the engine's single logical thread. Each turn runs the
/// immediates queued so far, then the timers that are due (by due time, then creation order); promise
/// jobs are drained after every callback, as Node does between macrotasks.
/// </summary>
internal sealed class EventLoop
{
    // Created on first use: most hooks never set a timer, and every invocation builds a loop.
    private PriorityQueue<Callback, (long Due, int Id)>? _timers;
    private Queue<Callback>? _immediates;

    // Ids queued and not cleared; a cleared entry stays in its queue and is skipped when reached.
    private HashSet<int>? _pending;

    // Pending timers that do not keep the loop alive (Node's unref'd timers, e.g. AbortSignal.timeout's).
    private HashSet<int>? _unref;
    private int _nextId;

    /// <summary>Whether any timer or immediate that keeps the loop alive is still to run.</summary>
    public bool HasPending => _pending is { Count: > 0 } pending && pending.Count > (_unref?.Count ?? 0);

    /// <summary>Queues a timer due at <paramref name="dueMs"/> (invocation clock); returns its id.</summary>
    /// <param name="unref">As Node's <c>timeout.unref()</c>: the timer runs if the loop is still alive when it is due, but does not keep it alive.</param>
    public int SetTimeout(JsValue function, JsValue[] arguments, long dueMs, bool unref = false)
    {
        var callback = new Callback(++_nextId, function, arguments);
        (_timers ??= new()).Enqueue(callback, (dueMs, callback.Id));
        (_pending ??= []).Add(callback.Id);
        if (unref)
            (_unref ??= []).Add(callback.Id);
        return callback.Id;
    }

    public int SetImmediate(JsValue function, JsValue[] arguments)
    {
        var callback = new Callback(++_nextId, function, arguments);
        (_immediates ??= new()).Enqueue(callback);
        (_pending ??= []).Add(callback.Id);
        return callback.Id;
    }

    /// <summary>Cancels a timer or immediate; unknown, fired or already cleared ids are ignored, as in Node.</summary>
    public void Clear(int id)
    {
        _pending?.Remove(id);
        _unref?.Remove(id);
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

    /// <summary>Takes the next live timer due at or before <paramref name="nowMs"/>.</summary>
    public bool TryTakeDueTimer(long nowMs, out Callback callback)
    {
        while (_timers is not null && _pending is not null && _timers.TryPeek(out callback!, out var key) && key.Due <= nowMs)
        {
            _timers.Dequeue();
            if (_pending.Remove(callback.Id))
            {
                _unref?.Remove(callback.Id);
                return true;
            }
        }

        callback = null!;
        return false;
    }

    /// <summary>Due time of the earliest live timer, or null when none is left.</summary>
    public long? NextTimerDue()
    {
        while (_timers is not null && _pending is not null && _timers.TryPeek(out var callback, out var key))
        {
            if (_pending.Contains(callback.Id))
            {
                return key.Due;
            }

            _timers.Dequeue();
        }

        return null;
    }

    internal sealed record Callback(int Id, JsValue Function, JsValue[] Arguments);
}
