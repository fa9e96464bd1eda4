namespace HooksDashboard.Execution.Engines;

/// <summary>
/// Everything that must be equal for two runs to share an engine: the scope's version (save, secrets), the script,
/// the resolved package graph and the limits (the engine's options are built from them).
/// </summary>
internal sealed record WarmEngineKey(string Version, string Script, string Packages, ExecutionLimits Limits);

/// <summary>One engine of the pool: the invocation object that owns it, with its key and age.</summary>
internal sealed class WarmEngine(JintInvocation invocation, string owner, WarmEngineKey key, object slot, DateTimeOffset createdAt)
{
    public JintInvocation Invocation { get; } = invocation;

    public string Owner { get; } = owner;

    public WarmEngineKey Key { get; } = key;

    /// <summary>The owner's slot when the engine was made: a slot replaced since (save, discard) retires the engine.</summary>
    public object Slot { get; } = slot;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Invocations served so far.</summary>
    public int Invocations { get; set; }

    /// <summary>Position in the pool's idle list while idle.</summary>
    public LinkedListNode<WarmEngine>? IdleNode { get; set; }
}

/// <summary>
/// Warm engines per saved hook version. Rules it enforces: an engine belongs to one owner (a saved hook) and one key,
/// and only a run of that owner with an equal key gets it; an engine is rented by one run at a time (concurrent runs of a
/// hook each get their own); an engine the run left unusable (<see cref="JintInvocation.Reusable"/>) is discarded on
/// return; so is every engine of an owner whose key changed or that was discarded explicitly, and every engine past its
/// invocation count or age. At most <see cref="WarmEngineOptions.MaxEngines"/> engines live at once: to make room the
/// least recently used idle engine of any owner goes; when every engine is running the run gets a one-off engine.
/// Thread-safe; engines are disposed outside the lock.
/// </summary>
internal sealed class WarmEnginePool(WarmEngineOptions options, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    // Idle engines of every owner, least recently returned first.
    private readonly LinkedList<WarmEngine> _idle = new();
    private int _live;

    public WarmEngineOptions Options { get; } = options;

    /// <summary>Engines alive now (idle and running).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _live;
            }
        }
    }

    /// <summary>Idle engines of an owner (for tests and the benchmark).</summary>
    public int IdleCount(string owner)
    {
        lock (_gate)
        {
            return _slots.TryGetValue(owner, out var slot) ? slot.Idle.Count : 0;
        }
    }

    /// <summary>An idle engine of the owner with this key, counted as one more invocation; null when there is none.</summary>
    public WarmEngine? Rent(string owner, WarmEngineKey key)
    {
        List<WarmEngine>? retired = null;
        WarmEngine? found = null;
        lock (_gate)
        {
            var slot = SlotFor(owner, key, ref retired);
            while (slot.Idle.Count > 0)
            {
                var engine = Pop(slot);
                if (Expired(engine))
                {
                    Retire(engine, ref retired);
                    continue;
                }

                engine.Invocations++;
                found = engine;
                break;
            }
        }

        Dispose(retired);
        return found;
    }

    /// <summary>
    /// Takes a new engine into the pool (rented to the caller, one invocation counted unless it is a warm-up); null when
    /// the pool is full of running engines (the caller then uses it once and disposes it) or disabled by a zero cap.
    /// </summary>
    public WarmEngine? Adopt(string owner, WarmEngineKey key, JintInvocation invocation, bool countInvocation = true)
    {
        List<WarmEngine>? retired = null;
        WarmEngine? adopted = null;
        lock (_gate)
        {
            var slot = SlotFor(owner, key, ref retired);
            while (_live >= Options.MaxEngines && _idle.First is { } oldest)
            {
                var engine = oldest.Value;
                RemoveIdle(engine);
                ((Slot)engine.Slot).Idle.Remove(engine);
                Retire(engine, ref retired);
            }

            if (_live < Options.MaxEngines)
            {
                _live++;
                adopted = new WarmEngine(invocation, owner, key, slot, time.GetUtcNow()) { Invocations = countInvocation ? 1 : 0 };
            }
        }

        Dispose(retired);
        return adopted;
    }

    /// <summary>Gives a rented engine back: kept idle when it may serve again, otherwise disposed.</summary>
    public void Return(WarmEngine engine, bool reusable)
    {
        List<WarmEngine>? retired = null;
        lock (_gate)
        {
            var slot = (Slot)engine.Slot;
            var current = _slots.TryGetValue(engine.Owner, out var live) && ReferenceEquals(live, slot);
            if (reusable && current && !Expired(engine) && engine.Invocations < Options.MaxInvocations && slot.Idle.Count < Options.MaxIdlePerHook)
            {
                slot.Idle.Add(engine);
                engine.IdleNode = _idle.AddLast(engine);
            }
            else
            {
                Retire(engine, ref retired);
            }
        }

        Dispose(retired);
    }

    /// <summary>Discards every engine of the owner: idle ones now, running ones when they come back.</summary>
    public void Discard(string owner)
    {
        List<WarmEngine>? retired = null;
        lock (_gate)
        {
            if (_slots.Remove(owner, out var slot))
            {
                while (slot.Idle.Count > 0)
                {
                    Retire(Pop(slot), ref retired);
                }
            }
        }

        Dispose(retired);
    }

    /// <summary>Discards every idle engine (running ones when they come back).</summary>
    public void Clear()
    {
        string[] owners;
        lock (_gate)
        {
            owners = [.. _slots.Keys];
        }

        foreach (var owner in owners)
        {
            Discard(owner);
        }
    }

    private bool Expired(WarmEngine engine) =>
        engine.Invocations >= Options.MaxInvocations
        || time.GetUtcNow() - engine.CreatedAt >= TimeSpan.FromMinutes(Options.MaxAgeMinutes);

    /// <summary>The owner's slot for this key; a slot of another key (an older save) is replaced and its idle engines retired.</summary>
    private Slot SlotFor(string owner, WarmEngineKey key, ref List<WarmEngine>? retired)
    {
        if (_slots.TryGetValue(owner, out var slot) && Equals(slot.Key, key))
        {
            return slot;
        }

        if (slot is not null)
        {
            while (slot.Idle.Count > 0)
            {
                Retire(Pop(slot), ref retired);
            }
        }

        slot = new Slot(key);
        _slots[owner] = slot;
        return slot;
    }

    /// <summary>The slot's most recently returned idle engine, out of the idle lists.</summary>
    private WarmEngine Pop(Slot slot)
    {
        var engine = slot.Idle[^1];
        slot.Idle.RemoveAt(slot.Idle.Count - 1);
        RemoveIdle(engine);
        return engine;
    }

    private void RemoveIdle(WarmEngine engine)
    {
        if (engine.IdleNode is { } node)
        {
            _idle.Remove(node);
            engine.IdleNode = null;
        }
    }

    private void Retire(WarmEngine engine, ref List<WarmEngine>? retired)
    {
        _live--;
        (retired ??= []).Add(engine);
    }

    private static void Dispose(List<WarmEngine>? engines)
    {
        if (engines is null)
        {
            return;
        }

        foreach (var engine in engines)
        {
            engine.Invocation.Dispose();
        }
    }

    private sealed class Slot(WarmEngineKey key)
    {
        public WarmEngineKey Key { get; } = key;

        /// <summary>Idle engines, most recently returned last.</summary>
        public List<WarmEngine> Idle { get; } = [];
    }
}
