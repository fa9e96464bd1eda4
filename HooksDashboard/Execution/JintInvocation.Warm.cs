using HooksDashboard.Execution.Http;
using Jint.Constraints;
using Jint.Native;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// Reuse of one engine for many invocations of the same saved hook version (<see cref="Engines.WarmEnginePool"/>): the
/// module ran once (<see cref="Prepare"/> or the first run), later runs only call the export again. Everything the
/// host keeps per run starts over in <see cref="Rearm"/>: the clock and deadline, the memory measurement, console
/// capture, timers and immediates, the HTTP session, the outcome. What the script itself keeps (module-level
/// variables, <c>require.cache</c>, globals it set, <c>process.env</c>) persists: that is the point of a warm engine.
/// </summary>
internal sealed partial class JintInvocation
{
    // The hook's function, once the module ran in this engine.
    private JsValue? _export;

    // Which run of this engine is current: cb and the rejection handler of an earlier run are ignored.
    private int _run;

    /// <summary>Runs of this engine so far (the first is 1).</summary>
    public int Runs => _run + 1;

    /// <summary>
    /// Whether the engine may serve another invocation: the module ran, and the last run ended by itself — no uncaught
    /// error, limit, timeout or cancellation (any of which can leave module state half-updated or the engine
    /// mid-operation), nothing left queued that keeps the loop alive, no request pending, no connection the script
    /// still holds (closed at the run's end: its next write would go nowhere). A hook that reported an
    /// error through <c>cb(err)</c> or a rejected promise ended normally and keeps its engine.
    /// </summary>
    public bool Reusable =>
        _export is not null
        && !_stopped
        && _error is not { Kind: ExecutionErrorKind.Timeout or ExecutionErrorKind.Limit }
        && !_loop.HasPending
        && !HttpPending
        && _http is not { LeftConnectionsOpen: true }
        && _node is not { HasTicks: true };

    /// <summary>
    /// Warm-up: runs the hook's module (its top-level code and the requires it makes) without calling the export, under
    /// the same limits as an invocation. False when the engine must not be kept: the module failed, exports no
    /// function, or left timers or requests pending.
    /// </summary>
    public bool Prepare(ParsedScript script)
    {
        _deadline.Begin(TimeSpan.FromMilliseconds(Math.Max(_limits.TimeoutMs - ElapsedMs, 1)), _cancellationToken);
        _allocations.Begin(_limits.MemoryBytes, _limits.ModuleMemoryBytes, _engine.Constraints.Find<MemoryLimitConstraint>());
        _allocations.EnterSegment();
        long? wait = null;
        try
        {
            Guard((Invocation: this, Script: script), static s => s.Invocation.Evaluate(s.Script));
            if (!_stopped && !_decided)
            {
                wait = RunUntilIdle();
            }
        }
        finally
        {
            _allocations.LeaveSegment();
            _deadline.End();
        }

        return wait is null && !_decided && Reusable;
    }

    /// <summary>Starts a new run on this engine: fresh clock, cancellation, mocks, webtask storage, console, timers, HTTP session and outcome.</summary>
    public void Rearm(long startTimestamp, HttpMockSet? mocks, WebtaskBinding? webtask, CancellationToken cancellationToken)
    {
        _run++;
        _webtask = webtask;
        _storageVersionRead = null;
        _startTimestamp = startTimestamp;
        _cancellationToken = cancellationToken;
        _mocks = mocks;
        _http?.Dispose();
        _http = null;
        _console.Restart();
        _loop.Reset();
        _data = null;
        _error = null;
        _decided = false;
        _stopped = false;
        _callbackRunning = false;
    }

    /// <summary><c>cb</c> for the current run; called in a later run (kept in module state), it only warns.</summary>
    private ClrFunction CallbackOfThisRun()
    {
        var run = _run;
        return new ClrFunction(_engine, "cb", (_, args) => run == _run ? OnCallback(args) : StaleCallback("cb"), 2);
    }

    /// <summary>The handler of the async hook's rejection for the current run.</summary>
    private ClrFunction RejectionHandlerOfThisRun()
    {
        var run = _run;
        return new ClrFunction(_engine, "onRejected", (_, reason) => run == _run
            ? OnRejected(reason.Length > 0 ? reason[0] : JsValue.Undefined)
            : JsValue.Undefined, 1);
    }

    private JsValue StaleCallback(string name)
    {
        _console.Write("warn", $"The {name} of an earlier invocation was called: ignored (each invocation has its own {name})");
        return JsValue.Undefined;
    }
}
