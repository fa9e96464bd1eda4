using System.Diagnostics;
using System.Text;

namespace HooksDashboard.Execution;

/// <summary>
/// Runs Auth0 hook scripts with Jint: a fresh engine per invocation (no state survives between runs), built from
/// validated options shared per limit set, running a parsed script cached by its source text.
/// </summary>
public sealed class JintHookExecutor : IHookExecutor
{
    /// <summary>Distinct scripts kept parsed; a dashboard holds a handful of hooks and their recent edits.</summary>
    public const int ScriptCacheCapacity = 256;

    private readonly ScriptCache _scripts = new(ScriptCacheCapacity);
    private readonly EngineProfiles _profiles = new();
    private readonly Http.HttpTransport _transport;

    /// <summary>An executor whose hooks reach the network through <paramref name="transport"/> (default: public addresses only).</summary>
    public JintHookExecutor(Http.HttpTransport? transport = null) => _transport = transport ?? Http.HttpTransport.Default;

    internal ScriptCache Scripts => _scripts;

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

        var invocation = new JintInvocation(_profiles.For(limits), limits, started, cancellationToken, request.Packages, _transport, request.HttpMocks, request.Webtask);
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

    /// <inheritdoc />
    public IReadOnlyList<ScriptDiagnostic> CheckSyntax(string script) =>
        ScriptCache.Parse(script ?? string.Empty).Error is { } error ? [error] : [];

    private static Task<ExecutionResult> Failure(ExecutionErrorKind kind, string name, string message, long started) =>
        Task.FromResult(ExecutionResult.Failure(kind, name, message, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
}
