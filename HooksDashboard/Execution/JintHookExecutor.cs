using System.Diagnostics;
using System.Text;
using HooksDashboard.Execution.Engines;

namespace HooksDashboard.Execution;

/// <summary>
/// Runs Auth0 hook scripts with Jint, built from validated options shared per limit set, running a parsed script cached
/// by its source text: a fresh engine per invocation, or — for a saved hook version (<see cref="ExecutionRequest.EngineScope"/>)
/// — a warm engine of that version from the <see cref="WarmEnginePool"/> (see <c>Execution/Engines/</c>).
/// </summary>
public sealed class JintHookExecutor : IHookExecutor
{
    /// <summary>Distinct scripts kept parsed; a dashboard holds a handful of hooks and their recent edits.</summary>
    public const int ScriptCacheCapacity = 256;

    private readonly ScriptCache _scripts = new(ScriptCacheCapacity);
    private readonly EngineProfiles _profiles = new();
    private readonly Http.HttpTransport _transport;
    private readonly WarmEnginePool _warm;

    /// <summary>
    /// An executor whose hooks reach the network through <paramref name="transport"/> (default: public addresses only),
    /// keeping warm engines by <paramref name="warmEngines"/> (default: <see cref="WarmEngineOptions"/>'s defaults).
    /// </summary>
    public JintHookExecutor(Http.HttpTransport? transport = null, WarmEngineOptions? warmEngines = null, TimeProvider? time = null)
    {
        _transport = transport ?? Http.HttpTransport.Default;
        warmEngines ??= new WarmEngineOptions();
        if (warmEngines.Validate() is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(warmEngines));
        }

        _warm = new WarmEnginePool(warmEngines, time ?? TimeProvider.System);
    }

    internal ScriptCache Scripts => _scripts;

    internal WarmEnginePool WarmEngines => _warm;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var limits = request.Limits;

        if (EngineProfiles.Validate(limits) is { } invalid)
        {
            return Failure(ExecutionErrorKind.Contract, "Error", $"Invalid execution limits: {invalid}", started);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Failure(ExecutionErrorKind.Timeout, "TimeoutError", "Execution was cancelled", started);
        }

        // UTF-8 takes at most 3 bytes per UTF-16 char: short scripts skip the count.
        var script = request.Script ?? string.Empty;
        if ((long)script.Length * 3 > limits.MaxScriptBytes && Encoding.UTF8.GetByteCount(script) is var bytes && bytes > limits.MaxScriptBytes)
        {
            return Failure(ExecutionErrorKind.Limit, "LimitError", $"The script is {bytes} bytes; the limit is {limits.MaxScriptBytes} bytes", started);
        }

        var parsed = _scripts.GetOrParse(script);
        if (parsed.Error is { } syntax)
        {
            return Task.FromResult(new ExecutionResult
            {
                Status = ExecutionStatus.Error,
                Error = new ExecutionError { Kind = ExecutionErrorKind.Syntax, Name = "SyntaxError", Message = syntax.Message, Line = syntax.Line, Column = syntax.Column },
                DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            });
        }

        if (WarmKey(request, script) is { } key)
        {
            return RunWarm(request, parsed, key, started, cancellationToken);
        }

        var invocation = new JintInvocation(_profiles.For(limits), limits, started, cancellationToken, request.Packages, _transport, request.HttpMocks, request.Webtask)
        {
            Egress = request.Egress,
        };
        var run = invocation.RunAsync(parsed, request.Arguments ?? []);
        if (run.IsCompleted)
        {
            invocation.Dispose();
            return run;
        }

        return DisposeWhenDoneAsync(run, invocation);
    }

    private static async Task<ExecutionResult> DisposeWhenDoneAsync(Task<ExecutionResult> run, JintInvocation invocation)
    {
        using (invocation)
        {
            return await run.ConfigureAwait(false);
        }
    }

    /// <summary>The warm-engine key of a run that may use one; null for a fresh engine.</summary>
    private WarmEngineKey? WarmKey(ExecutionRequest request, string script)
    {
        var options = _warm.Options;
        if (request.EngineScope is not { } scope || !options.Enabled || options.MaxEngines == 0)
        {
            return null;
        }

        var packages = request.Packages is { Roots.Count: > 0 } graph ? PackageGraphFingerprint.Of(graph) : string.Empty;
        return packages.Length == 0 && !options.WithoutDependencies ? null : new WarmEngineKey(scope.Version, script, packages, request.Limits);
    }

    private Task<ExecutionResult> RunWarm(ExecutionRequest request, ParsedScript parsed, WarmEngineKey key, long started, CancellationToken cancellationToken)
    {
        var owner = request.EngineScope!.Owner;
        var engine = _warm.Rent(owner, key);
        JintInvocation invocation;
        if (engine is not null)
        {
            invocation = engine.Invocation;
            invocation.Rearm(started, request.HttpMocks, request.Webtask, cancellationToken);
        }
        else
        {
            invocation = new JintInvocation(_profiles.For(key.Limits), key.Limits, started, cancellationToken, request.Packages, _transport, request.HttpMocks, request.Webtask);
            engine = _warm.Adopt(owner, key, invocation);
        }

        invocation.Egress = request.Egress;

        var run = invocation.RunAsync(parsed, request.Arguments ?? []);
        if (run.IsCompleted)
        {
            Release(engine, invocation);
            return run;
        }

        return ReleaseWhenDoneAsync(run, engine, invocation);
    }

    private async Task<ExecutionResult> ReleaseWhenDoneAsync(Task<ExecutionResult> run, WarmEngine? engine, JintInvocation invocation)
    {
        try
        {
            return await run.ConfigureAwait(false);
        }
        finally
        {
            Release(engine, invocation);
        }
    }

    /// <summary>Back to the pool (kept only if the run left it usable), or disposed when the pool had no room for it.</summary>
    private void Release(WarmEngine? engine, JintInvocation invocation)
    {
        if (engine is null)
        {
            invocation.Dispose();
        }
        else
        {
            _warm.Return(engine, invocation.Reusable);
        }
    }

    /// <inheritdoc />
    public Task<bool> WarmUpAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(WarmUp(request, cancellationToken));
    }

    /// <summary>Runs the module of a saved hook version in a new engine and keeps it idle, unless one is idle already.</summary>
    internal bool WarmUp(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        var script = request.Script ?? string.Empty;
        if (EngineProfiles.Validate(request.Limits) is not null || WarmKey(request, script) is not { } key
            || Encoding.UTF8.GetByteCount(script) > request.Limits.MaxScriptBytes)
        {
            return false;
        }

        var owner = request.EngineScope!.Owner;
        if (_warm.Rent(owner, key) is { } idle)
        {
            idle.Invocations--; // not an invocation: it goes straight back
            _warm.Return(idle, reusable: true);
            return true;
        }

        var parsed = _scripts.GetOrParse(script);
        if (parsed.Error is not null)
        {
            return false;
        }

        var invocation = new JintInvocation(_profiles.For(key.Limits), key.Limits, Stopwatch.GetTimestamp(), cancellationToken, request.Packages, _transport);
        if (!invocation.Prepare(parsed) || _warm.Adopt(owner, key, invocation, countInvocation: false) is not { } engine)
        {
            invocation.Dispose();
            return false;
        }

        _warm.Return(engine, reusable: true);
        return true;
    }

    /// <inheritdoc />
    public void DiscardWarmEngines(string owner) => _warm.Discard(owner);

    /// <inheritdoc />
    public IReadOnlyList<ScriptDiagnostic> CheckSyntax(string script) =>
        ScriptCache.Parse(script ?? string.Empty).Error is { } error ? [error] : [];

    private static Task<ExecutionResult> Failure(ExecutionErrorKind kind, string name, string message, long started) =>
        Task.FromResult(ExecutionResult.Failure(kind, name, message, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
}
