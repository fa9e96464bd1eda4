using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Logs;

namespace HooksDashboard.Hooks;

/// <summary>Where an invocation came from.</summary>
public enum InvocationSource
{
    Runtime,
    Test,
    Cli,
}

/// <summary>One invocation of hook code at a point.</summary>
/// <param name="TriggerId">The extensibility point.</param>
/// <param name="Script">The code to run (for the test panel: the editor's current content).</param>
/// <param name="Payload">The point's payload; null for its default sample.</param>
/// <param name="Secrets">Values for <c>context.webtask.secrets</c>.</param>
public sealed record HookInvocation(
    string TriggerId,
    string Script,
    JsonNode? Payload,
    IReadOnlyDictionary<string, string> Secrets,
    InvocationSource Source)
{
    /// <summary>The stored hook this code belongs to, if any (for logs).</summary>
    public string? HookId { get; init; }

    public string? HookName { get; init; }

    /// <summary>The saved hook's current version number (for traces); for the test panel, the version its code started from.</summary>
    public int? HookVersion { get; init; }

    /// <summary>For runtime calls: the HTTP request that caused the invocation (for logs).</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// The npm dependencies the code runs with (name → version). A runtime invocation reads them from the package
    /// cache only; the test panel and the command line install what is missing.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Dependencies { get; init; }

    /// <summary>Packages already installed for <see cref="Dependencies"/> (the caller installed them); null to look them up.</summary>
    public PackageGraph? Packages { get; init; }

    /// <summary>Overrides the configured wall-time limit (command line <c>--timeout-ms</c>).</summary>
    public int? TimeoutMs { get; init; }

    /// <summary>HTTP mocks answering the hook's outbound requests (test panel, <c>run-hook --http-mock</c>); null for the network.</summary>
    public HttpMockSet? HttpMocks { get; init; }

    /// <summary>
    /// Whether the execution log records this invocation (default true). Only <c>bench-hook</c> turns it off:
    /// a benchmark measures the hook, not the log.
    /// </summary>
    public bool Record { get; init; } = true;

    /// <summary>
    /// Gives <c>context.webtask.storage</c> a fresh in-memory document for this run even for a saved hook (saved test
    /// cases: a check before a deploy must not write the hook's stored document).
    /// </summary>
    public bool IsolatedStorage { get; init; }

    /// <summary>
    /// The saved hook version whose warm engines this invocation may reuse (<see cref="HookRunner.EngineScopeOf"/>); null
    /// for a fresh engine. Set for runtime invocations of the enabled hook and by <c>bench-hook</c>; never honoured
    /// for the test panel's (possibly unsaved) code.
    /// </summary>
    public Execution.Engines.WarmEngineScope? EngineScope { get; init; }
}

/// <summary>
/// The one path every invocation takes: catalog validation, executor, result application, logging.
/// </summary>
public interface IHookRunner
{
    /// <summary>Runs the given code at its point.</summary>
    Task<ExecutionResult> RunAsync(HookInvocation invocation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs code for a stored hook from the test panel: the given (possibly unsaved) script with the
    /// hook's saved secrets, recorded in the hook's test-run history. Never changes the saved script.
    /// </summary>
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    /// <param name="httpMocks">Mocks answering the hook's outbound requests (saved with the run); null for the network.</param>
    /// <param name="secretOverrides">Values replacing (or added to) the hook's saved secrets for this run only; null for none.</param>
    Task<ExecutionResult> TestAsync(string hookId, string script, JsonNode? payload, HttpMockSet? httpMocks = null,
        IReadOnlyDictionary<string, string>? secretOverrides = null, CancellationToken cancellationToken = default);

    /// <summary>Runs the point's enabled hook with its stored secrets; null when the point has no enabled hook.</summary>
    /// <param name="triggerId">The extensibility point.</param>
    /// <param name="payload">The point's payload.</param>
    /// <param name="requestId">The HTTP request (or queued event) that caused the invocation, for logs.</param>
    /// <param name="cancellationToken">Ends the run early (as a timeout).</param>
    Task<ExecutionResult?> RunEnabledAsync(string triggerId, JsonNode payload, string? requestId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="RunEnabledAsync(string, JsonNode, string?, CancellationToken)"/>, building the payload only when the
    /// point has an enabled hook: a hot endpoint (the token endpoint) pays nothing for a payload no hook reads.
    /// </summary>
    Task<ExecutionResult?> RunEnabledAsync(string triggerId, Func<JsonNode> payload, string? requestId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the point's enabled hook like <see cref="RunEnabledAsync(string, JsonNode, string?, CancellationToken)"/>, but hands its execution record back instead of
    /// queueing it: the caller must store <see cref="HookRun.Record"/>, with <see cref="IExecutionLog.WriteAsync{T}"/>
    /// in the transaction that stores the run's outcome (as the durable event queue does), or with
    /// <see cref="IExecutionLog.Enqueue"/>. Null when the point has no enabled hook.
    /// </summary>
    Task<HookRun?> RunEnabledUnrecordedAsync(string triggerId, JsonNode payload, string? requestId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Prepares a warm engine for the saved hook when it is enabled (its module and packages evaluated, the export not
    /// called), so the first runtime invocation after a save or enable is fast. False when nothing was warmed (disabled,
    /// missing, packages not installed, the module failed: the first invocation then reports it).
    /// </summary>
    Task<bool> WarmUpAsync(string hookId, CancellationToken cancellationToken = default) => Task.FromResult(false);
}

/// <summary>A run whose execution record is not stored yet (see <see cref="IHookRunner.RunEnabledUnrecordedAsync"/>).</summary>
/// <param name="Result">How it ended, as the hook answered (use <see cref="ExecutionResult.Redacted"/> to log or store it).</param>
/// <param name="Record">Its execution record, stamped when the run ended; the caller stores it.</param>
public sealed record HookRun(ExecutionResult Result, ExecutionLogEntry Record);
