using System.Text.Json.Nodes;
using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Execution;

/// <summary>What to run: the script, the point's positional arguments (without <c>cb</c>) and the limits.</summary>
/// <param name="Script">CommonJS module source whose export is the hook function.</param>
/// <param name="Arguments">JSON values passed in order before <c>cb</c>; they reach the script as plain JS values.</param>
/// <param name="Limits">Resource limits for this invocation.</param>
/// <param name="Packages">The hook's installed npm dependencies (what <c>require(name)</c> resolves to); null for none.</param>
public sealed record ExecutionRequest(string Script, IReadOnlyList<JsonNode?> Arguments, ExecutionLimits Limits, PackageGraph? Packages = null)
{
    /// <summary>HTTP mocks answering the invocation's outbound requests instead of the network; null for none.</summary>
    public Http.HttpMockSet? HttpMocks { get; init; }

    /// <summary>The hook's own egress policy, applied on top of the global one; null for the global policy only.</summary>
    public Http.HookEgressRules? Egress { get; init; }

    /// <summary>
    /// The saved hook version this run belongs to: set, the run may reuse a warm engine of the same scope, script,
    /// packages and limits (module state persists between such runs); null (the test panel, unsaved code), a fresh engine.
    /// </summary>
    public Engines.WarmEngineScope? EngineScope { get; init; }

    /// <summary>The context argument that gets <c>webtask.storage</c>, and the hook's storage; null for none.</summary>
    public WebtaskBinding? Webtask { get; init; }
}

/// <summary>A syntax problem at a 1-based line and column of the user's script.</summary>
public sealed record ScriptDiagnostic(int Line, int Column, string Message);

/// <summary>
/// Turns (script, arguments, limits) into an <see cref="ExecutionResult"/>. Knows nothing about
/// HTTP, Blazor, SQL or extensibility points; never throws for anything a script does.
/// </summary>
public interface IHookExecutor
{
    /// <summary>Runs the script's export with the arguments and a <c>cb</c>, in a fresh isolated engine.</summary>
    Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Prepares a warm engine for the request's <see cref="ExecutionRequest.EngineScope"/> in the background (runs the
    /// module without calling the export), so the first invocation after a save does not pay for loading. True when an
    /// idle warm engine is ready. Executors without warm engines do nothing.
    /// </summary>
    Task<bool> WarmUpAsync(ExecutionRequest request, CancellationToken cancellationToken = default) => Task.FromResult(false);

    /// <summary>Discards every warm engine of a saved hook (after a save, a secret change, disabling or deleting it).</summary>
    void DiscardWarmEngines(string owner)
    {
    }

    /// <summary>Parses the script with the executor's parser; an empty list means it parses.</summary>
    IReadOnlyList<ScriptDiagnostic> CheckSyntax(string script);
}
