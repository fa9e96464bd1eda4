using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima.Ast;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Execution.Http;
using Jint;
using Jint.Constraints;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;
using JsonSerializer = Jint.Native.Json.JsonSerializer;

namespace HooksDashboard.Execution;

/// <summary>
/// One run of a hook in its own fresh engine: installs the globals, runs the module, calls the export with the
/// arguments and <c>cb</c>, then drives timers and promise jobs until the outcome is decided and nothing is
/// pending, or the invocation's single deadline passes. Used once, by one logical thread at a time.
/// </summary>
internal sealed partial class JintInvocation : IDisposable
{
    private const string NoCallbackMessage = "The hook finished without calling cb(err, result)";
    private const string ExportContractMessage = "The script must export a function: module.exports = function (...) { ... }";

    private readonly Engine _engine;
    private readonly ExecutionLimits _limits;
    // Per run: a warm engine serves many invocations (JintInvocation.Warm.cs).
    private long _startTimestamp;
    private CancellationToken _cancellationToken;
    private readonly OperationDeadlineConstraint _deadline;
    private readonly InvocationAllocationConstraint _allocations;
    private readonly ConsoleCapture _console;
    private readonly EventLoop _loop = new();
    private readonly PackageGraph _packages;
    private ObjectInstance _module = null!;

    // The first outcome wins: cb's first call, the first uncaught error, or the rejection of the returned promise.
    private JsonNode? _data;
    private ExecutionError? _error;
    private bool _decided;

    private bool _callbackRunning;

    // Set by anything that must end the run at once (an uncaught error, a limit, the deadline, cancellation).
    private bool _stopped;

    public JintInvocation(Options options, ExecutionLimits limits, long startTimestamp, CancellationToken cancellationToken,
        PackageGraph? packages = null, HttpTransport? transport = null, HttpMockSet? mocks = null, WebtaskBinding? webtask = null)
    {
        _webtask = webtask;
        _packages = packages ?? PackageGraph.Empty;
        _engine = new Engine(options);
        // import and import() resolve against this invocation's packages (and give built-ins).
        Modules.EsmModuleHost.Register(_engine, () => Node.Loader);
        _transport = transport ?? HttpTransport.Default;
        _mocks = mocks;
        _limits = limits;
        _startTimestamp = startTimestamp;
        _cancellationToken = cancellationToken;
        _deadline = _engine.Constraints.Find<OperationDeadlineConstraint>()
            ?? throw new InvalidOperationException("Engine options must register an OperationDeadlineConstraint");
        _allocations = _engine.Constraints.Find<InvocationAllocationConstraint>()
            ?? throw new InvalidOperationException("Engine options must register an InvocationAllocationConstraint");
        _console = new ConsoleCapture(limits.MaxConsoleChars);
        _engine.Advanced.PromiseRejectionTracker += OnPromiseRejection;
    }

    /// <summary>Releases the engine; the executor disposes every invocation when its run is over.</summary>
    public void Dispose()
    {
        _http?.Dispose();
        _node?.Dispose();
        _engine.Dispose();
    }

    /// <summary>Milliseconds since the invocation started; the clock of timers and of the deadline.</summary>
    private long ElapsedMs => (long)Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds;

    /// <summary>How early the loop takes a due timer (see RunLoop): Node's 1 ms floor, not waited out.</summary>
    private const long TimerSlackMs = 1;

    /// <summary>
    /// Runs the hook. Completes synchronously unless a timer has to be waited for; never throws for anything
    /// the script does.
    /// </summary>
    public Task<ExecutionResult> RunAsync(ParsedScript script, IReadOnlyList<JsonNode?> arguments)
    {
        _deadline.Begin(TimeSpan.FromMilliseconds(Math.Max(_limits.TimeoutMs - ElapsedMs, 1)), _cancellationToken);
        _allocations.Begin(_limits.MemoryBytes, _limits.ModuleMemoryBytes, _engine.Constraints.Find<MemoryLimitConstraint>());
        _allocations.EnterSegment();
        long? wait = null;
        try
        {
            Guard((Invocation: this, Script: script, Arguments: arguments), static s => s.Invocation.Start(s.Script, s.Arguments));
            wait = RunUntilIdle();
        }
        finally
        {
            _allocations.LeaveSegment();
            if (wait is null)
            {
                _deadline.End();
            }
        }

        return wait is { } delay ? ContinueAsync(delay) : Task.FromResult(Finish());
    }

    private void Start(ParsedScript script, IReadOnlyList<JsonNode?> arguments)
    {
        // A warm engine evaluated the module in an earlier run: only the export is called again.
        if (_export is null && !Evaluate(script))
        {
            return;
        }

        JsValue[] args;
        try
        {
            args = ConvertArgumentsWithCallbackSlot(arguments);
        }
        catch (InvalidDataException ex)
        {
            // The host's input, not the script, is at fault (JSON nested deeper than the engine's parser allows).
            Decide(null, new ExecutionError { Kind = ExecutionErrorKind.Contract, Name = "Error", Message = $"The arguments could not be passed to the script: {ex.Message}" });
            return;
        }

        args[^1] = CallbackOfThisRun();
        if (_webtask is { Context: null })
        {
            AttachWebtaskStorage(args);
        }

        var returned = _engine.Call(_export!, JsValue.Undefined, args);
        if (returned is ObjectInstance thenable && thenable.Get("then") is var then && then.IsCallable())
        {
            // An async hook: a rejection is an error of the hook (unless cb already decided the outcome). Its
            // fulfilment means nothing: Auth0 required cb even from async hooks.
            _engine.Call(then, returned, [JsValue.Undefined, RejectionHandlerOfThisRun()]);
        }
    }

    /// <summary>Installs the globals and runs the module; false (with the outcome decided) when it exports no function.</summary>
    private bool Evaluate(ParsedScript script)
    {
        // The module's top level (globals, requires, set-up) is module evaluation: it may keep up to ModuleMemoryBytes
        // on top of the call's limit, and what it keeps does not count against the call (InvocationAllocationConstraint).
        _allocations.BeginModuleLoad();
        try
        {
            InstallGlobals(script);
            _engine.Execute(script.Script!.Value);
        }
        finally
        {
            _allocations.EndModuleLoad();
        }

        var export = _module.Get("exports");
        if (!export.IsCallable())
        {
            // Users also wrote `exports = function (...) {}`, which rebinds the global rather than module.exports.
            export = _engine.Global.Get("exports");
        }

        if (!export.IsCallable())
        {
            Decide(null, new ExecutionError { Kind = ExecutionErrorKind.Contract, Name = "Error", Message = ExportContractMessage });
            return false;
        }

        _export = export;
        return true;
    }

    /// <summary>Runs promise jobs, immediates and due timers until nothing can run now.</summary>
    /// <returns>Milliseconds until the next timer is due, or null when the run is over.</returns>
    private long? RunUntilIdle()
    {
        while (!_stopped)
        {
            Guard(this, static self => self.ProcessJobs());
            if (_stopped)
            {
                break;
            }

            if (_loop.TakeImmediates() is { } immediates)
            {
                foreach (var immediate in immediates)
                {
                    RunCallback(immediate);
                    if (_stopped) return null;
                }

                continue;
            }

            if (TryRunHttpEvent())
            {
                continue;
            }

            // A timer is taken up to TimerSlackMs before its due time: Node's 1 ms floor (AddTimer) orders timers, but
            // this loop's sleeps are coarser than a millisecond, so waiting the floor out made each setTimeout(0) cost ~4 ms.
            if (_loop.TryTakeDueTimer(ElapsedMs + TimerSlackMs, out var timer))
            {
                RunCallback(timer);
                continue;
            }

            // Unref'd timers alone (AbortSignal.timeout's) do not keep the loop alive; pending requests do.
            var requestsPending = HttpPending;
            if (!_loop.HasPending && !requestsPending)
            {
                break;
            }

            if (_loop.NextTimerDue() is { } due)
            {
                return Math.Max(due - TimerSlackMs - ElapsedMs, 0);
            }

            return WaitForRequests;
        }

        return null;
    }

    private async Task<ExecutionResult> ContinueAsync(long delay)
    {
        try
        {
            for (long? next = delay; next is { } wait;)
            {
                // When the next timer is due after the deadline (or only requests are pending), wait at most until
                // the deadline, then give up unless a request's event came first.
                var remaining = _limits.TimeoutMs - ElapsedMs;
                var untilDeadline = wait >= remaining;
                var milliseconds = Math.Max(untilDeadline ? remaining : wait, 0);

                // Back on the caller's context: the HookScheduler's worker thread, so timers' and responses' JavaScript
                // stays off the thread pool. A request's I/O runs on pool threads; its events wake this wait.
                // Waiting for a response or a timer holds no CPU: the scheduler may give this invocation's slot to
                // another hook until the wait's continuation comes back (then it runs on whichever worker is free).
                // The deadline is this wait's bound either way, so the wall-time limit is unchanged.
                if (milliseconds > 0 || HttpPending)
                    HookScheduler.ReleaseSlotWhileWaiting();
                var woken = HttpPending
                    ? await _http!.WaitAsync(milliseconds, _cancellationToken).ConfigureAwait(true)
                    : await DelayAsync(milliseconds, _cancellationToken).ConfigureAwait(true);
                if (untilDeadline && !woken)
                {
                    OnDeadline();
                    break;
                }

                _allocations.EnterSegment();
                try
                {
                    next = RunUntilIdle();
                }
                finally
                {
                    _allocations.LeaveSegment();
                }
            }
        }
        catch (OperationCanceledException)
        {
            Decide(null, ErrorMapper.Cancelled());
        }
        finally
        {
            _deadline.End();
        }

        return Finish();
    }

    private void RunCallback(EventLoop.Callback callback)
    {
        Guard((Engine: _engine, Callback: callback), static s => s.Engine.Call(s.Callback.Function, JsValue.Undefined, s.Callback.Arguments));
        if (!_stopped)
        {
            Guard(this, static self => self.ProcessJobs());
        }
    }

    /// <summary>Runs script code; whatever it throws ends the run, as an uncaught exception ends a Node process.</summary>
    /// <remarks>State is passed to a static lambda so the common path allocates no closure.</remarks>
    private void Guard<TState>(TState state, Action<TState> action)
    {
        try
        {
            action(state);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _stopped = true;
            var error = ex is TimeoutException and not RegexMatchTimeoutException && !_decided
                ? ErrorMapper.Timeout(CallbackTimeoutMessage(stillRunning: true))
                : ErrorMapper.FromException(_engine, ex, _limits);
            Decide(null, error);
        }
    }

    private void OnDeadline()
    {
        _stopped = true;
        if (_decided)
        {
            _console.Write("warn", HttpPending
                ? $"Timers and requests still pending at the time limit of {_limits.TimeoutMs} ms were dropped"
                : $"Timers still pending at the time limit of {_limits.TimeoutMs} ms were dropped");
        }
        else
        {
            Decide(null, ErrorMapper.Timeout(CallbackTimeoutMessage(stillRunning: false)));
        }
    }

    private string CallbackTimeoutMessage(bool stillRunning) => stillRunning
        ? $"Script execution exceeded the time limit of {_limits.TimeoutMs} ms before cb(err, result) was called"
        : $"Script did not call cb within {_limits.TimeoutMs} ms: the hook must call cb(err, result) exactly once";

    private JsValue OnCallback(JsValue[] args)
    {
        // Also refused while a first call is still serializing its result (a toJSON calling cb again).
        if (_decided || _callbackRunning)
        {
            _console.Write("warn", "cb was called more than once: only the first call counts");
            return JsValue.Undefined;
        }

        // A cb called after the time limit is too late even when no periodic check saw the limit pass (the engine
        // checks it every so many operations, and a thread descheduled under load can reach cb in few of them): the
        // invocation ends as a timeout, as the check would have ended it.
        _deadline.Check();

        var error = args.Length > 0 ? args[0] : JsValue.Undefined;
        if (TypeConverter.ToBoolean(error))
        {
            Decide(null, ErrorMapper.FromJsValue(_engine, SideEffectFree.IsError(_engine, error) ? error : WrapNonError(error), ExecutionErrorKind.Hook));
        }
        else
        {
            // Serialized now, as Auth0 sent the response when cb was called; a cyclic result throws at the call.
            _callbackRunning = true;
            JsonNode? data;
            try
            {
                data = ToJson(args.Length > 1 ? args[1] : JsValue.Undefined);
            }
            finally
            {
                _callbackRunning = false;
            }

            Decide(data, null);
        }

        return JsValue.Undefined;
    }

    private JsValue OnRejected(JsValue reason)
    {
        // As in cb: a rejection that comes after the time limit ends the invocation as a timeout, whether or not a
        // periodic check saw the limit pass first.
        _deadline.Check();
        Decide(null, ErrorMapper.FromJsValue(_engine, reason, ExecutionErrorKind.Exception));
        return JsValue.Undefined;
    }

    /// <summary>Records the outcome unless one was decided already; a later error is still shown in the logs.</summary>
    private void Decide(JsonNode? data, ExecutionError? error)
    {
        if (!_decided)
        {
            _decided = true;
            _data = data;
            _error = error;
            // From now on an idle connection (nothing written that awaits an answer) no longer keeps the run waiting.
            _http?.OutcomeDecided();
        }
        else if (error is not null)
        {
            _console.Write("warn", $"After the outcome was decided: {error.Name}: {error.Message}");
        }
    }

    /// <summary><c>new Error(x.message || String(x))</c>, as Auth0 wrapped a non-Error passed to cb.</summary>
    private ObjectInstance WrapNonError(JsValue value)
    {
        var message = value is ObjectInstance obj && obj.Get("message") is var m && TypeConverter.ToBoolean(m)
            ? TypeConverter.ToString(m)
            : TypeConverter.ToString(value);
        return _engine.Intrinsics.Error.Construct([JsString.Create(message)], _engine.Intrinsics.Error);
    }

    private JsonNode? ToJson(JsValue value)
    {
        if (ResultThroughSerializerForTests || !JsToJson.Supported)
        {
            return ToJsonThroughSerializer(value);
        }

        // Walked straight into nodes with JSON.stringify's rules, checking the engine's constraints as it goes (so
        // a huge result is bounded by the deadline and memory budget), its JSON size held to MaxResultBytes before
        // anything (the point's rules, the log, a token) handles it.
        return (_resultConverter ??= new JsToJson(_engine)).Convert(value, _limits.MaxResultBytes, ResultSubject);
    }

    private const string ResultSubject = "The result passed to cb";

    /// <summary>
    /// Tests only: convert cb's results the former way (Jint's serializer to UTF-8 JSON, then <c>JsonNode.Parse</c>) in
    /// this async flow, the oracle the direct conversion (<see cref="JsToJson"/>) is compared with.
    /// </summary>
    internal static bool ResultThroughSerializerForTests
    {
        get => s_resultThroughSerializer.Value;
        set => s_resultThroughSerializer.Value = value;
    }

    private static readonly AsyncLocal<bool> s_resultThroughSerializer = new();
    private JsToJson? _resultConverter;

    /// <summary>
    /// The former conversion: Jint's serializer into UTF-8, then <c>JsonNode.Parse</c>.
    /// Kept as the oracle the direct walk is compared with (<see cref="ResultThroughSerializerForTests"/>).
    /// </summary>
    private JsonNode? ToJsonThroughSerializer(JsValue value)
    {
        var buffer = RentJsonBuffer();
        if (!new JsonSerializer(_engine).Serialize(value, buffer))
        {
            return null;
        }

        if (buffer.WrittenCount > _limits.MaxResultBytes)
        {
            throw new ScriptLimitException(
                $"{ResultSubject} is {buffer.WrittenCount} bytes as JSON; the limit is {_limits.MaxResultBytes} bytes");
        }

        try
        {
            return JsonNode.Parse(buffer.WrittenSpan);
        }
        catch (JsonException ex)
        {
            // Jint serializes deeper structures than System.Text.Json reads back (64 levels).
            throw new ScriptLimitException($"{ResultSubject} cannot be returned: {ex.Message}");
        }
    }

    // Results cross back as UTF-8 JSON through one buffer per thread: its use is synchronous.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_jsonBuffer;

    private static ArrayBufferWriter<byte> RentJsonBuffer()
    {
        var buffer = t_jsonBuffer ??= new ArrayBufferWriter<byte>(1024);
        if (buffer.Capacity > 1024 * 1024)
        {
            t_jsonBuffer = buffer = new ArrayBufferWriter<byte>(1024); // do not pin one huge payload's buffer
        }

        buffer.ResetWrittenCount();
        return buffer;
    }

    /// <summary>
    /// The arguments as plain JS values followed by a free slot for <c>cb</c>; the context argument gets its
    /// <c>webtask</c> object here when the run's binding carries it (<see cref="WebtaskBinding.Context"/>).
    /// </summary>
    private JsValue[] ConvertArgumentsWithCallbackSlot(IReadOnlyList<JsonNode?> arguments)
    {
        var values = new JsValue[arguments.Count + 1];
        var webtaskAt = _webtask is { Context: not null } binding ? binding.ContextArgumentIndex : -1;
        for (var i = 0; i < arguments.Count; i++)
        {
            // The argument list is the first level, as if the arguments were one JSON array.
            values[i] = i == webtaskAt && arguments[i] is JsonObject context
                ? JsonToJs.ConvertWith(_engine, context, depth: 2, "webtask", WebtaskObject(_webtask!))
                : JsonToJs.Convert(_engine, arguments[i], depth: 2);
        }

        return values;
    }

    private ExecutionResult Finish()
    {
        if (!_decided)
        {
            Decide(null, new ExecutionError { Kind = ExecutionErrorKind.Exception, Name = "Error", Message = NoCallbackMessage });
        }

        return new ExecutionResult
        {
            Status = _error is null ? ExecutionStatus.Success : ExecutionStatus.Error,
            Data = _error is null ? _data : null,
            Error = _error,
            Logs = _console.Lines,
            Requests = _http?.Complete() ?? [],
            DurationMs = Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds,
        };
    }
}
