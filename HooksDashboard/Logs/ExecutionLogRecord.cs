using HooksDashboard.Execution;
using HooksDashboard.Hooks;

namespace HooksDashboard.Logs;

/// <summary>
/// One recorded invocation, as stored: who ran what, where it came from, how it ended, what it printed and
/// (redacted) what it was given. Never holds a secret value nor <c>context.webtask</c>.
/// </summary>
public sealed record ExecutionLogRecord
{
    /// <summary>ULID; sorts with <see cref="CreatedAt"/>.</summary>
    public required string Id { get; init; }

    /// <summary>When the invocation finished (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The stored hook, when the code belongs to one (not for ad-hoc command-line runs).</summary>
    public string? HookId { get; init; }

    public string? HookName { get; init; }

    /// <summary>The extensibility point.</summary>
    public required string TriggerId { get; init; }

    public required InvocationSource Source { get; init; }

    public required ExecutionStatus Outcome { get; init; }

    public double DurationMs { get; init; }

    /// <summary>For runtime calls: the HTTP request (or queued event) that caused the invocation.</summary>
    public string? RequestId { get; init; }

    /// <summary>Why it failed, with secret values scrubbed.</summary>
    public ExecutionError? Error { get; init; }

    /// <summary>Console output, bounded (see <see cref="ExecutionLogOptions"/>), with secret values scrubbed.</summary>
    public IReadOnlyList<ConsoleLine> Logs { get; init; } = [];

    /// <summary>Console lines not kept because of the bound.</summary>
    public int LogsDropped { get; init; }

    /// <summary>
    /// The payload as JSON: as given for test-panel runs; for runtime and command-line runs with passwords,
    /// secrets and tokens replaced by <see cref="PayloadRedactor.Redacted"/>. Null when none was given to an unknown point.
    /// </summary>
    public string? Payload { get; init; }

    /// <summary>The outbound HTTP requests the invocation made (bounded bodies, secret-looking query values and secret values redacted).</summary>
    public IReadOnlyList<Execution.Http.HttpRequestRecord> Requests { get; init; } = [];
}

/// <summary>The lowercase names sources and outcomes have in storage, URLs and JSON.</summary>
public static class ExecutionLogNames
{
    public static string Of(InvocationSource source) => source switch
    {
        InvocationSource.Runtime => "runtime",
        InvocationSource.Test => "test",
        InvocationSource.Cli => "cli",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static string Of(ExecutionStatus outcome) => outcome switch
    {
        ExecutionStatus.Success => "success",
        ExecutionStatus.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static bool TryParseSource(string? text, out InvocationSource source)
    {
        foreach (var candidate in Enum.GetValues<InvocationSource>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                source = candidate;
                return true;
            }
        }
        source = default;
        return false;
    }

    public static bool TryParseOutcome(string? text, out ExecutionStatus outcome)
    {
        foreach (var candidate in Enum.GetValues<ExecutionStatus>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                outcome = candidate;
                return true;
            }
        }
        outcome = default;
        return false;
    }
}
