using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace HooksDashboard.Execution;

/// <summary>Whether an invocation ended through a successful <c>cb(null, result)</c> or with an error.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutionStatus>))]
public enum ExecutionStatus
{
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>Why an invocation failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutionErrorKind>))]
public enum ExecutionErrorKind
{
    /// <summary>The hook reported the error itself through <c>cb(err)</c>.</summary>
    [JsonStringEnumMemberName("hook")] Hook,
    /// <summary>An exception thrown by the script (synchronously) or a rejected promise.</summary>
    [JsonStringEnumMemberName("exception")] Exception,
    /// <summary>The script does not parse.</summary>
    [JsonStringEnumMemberName("syntax")] Syntax,
    /// <summary>The wall-time limit was hit (including a hook that never called <c>cb</c>).</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,
    /// <summary>A resource limit other than time was hit: memory, recursion, allocation size, script size.</summary>
    [JsonStringEnumMemberName("limit")] Limit,
    /// <summary>The input did not satisfy the extensibility point's contract, or the script exports no function.</summary>
    [JsonStringEnumMemberName("contract")] Contract,
    /// <summary>
    /// The hook was not started: every execution slot was busy and the wait queue full, or no slot freed in time
    /// (<see cref="HookScheduler"/>). Retrying later can succeed; the error's details carry a retry hint.
    /// </summary>
    [JsonStringEnumMemberName("overloaded")] Overloaded,
}

/// <summary>One captured console call.</summary>
/// <param name="Level">log, info, warn, error, debug or trace.</param>
/// <param name="Message">The arguments formatted the way Node's <c>util.format</c> would.</param>
public sealed record ConsoleLine(string Level, string Message);

/// <summary>Describes a failed invocation.</summary>
public sealed record ExecutionError
{
    public required ExecutionErrorKind Kind { get; init; }

    /// <summary>The error's class name, e.g. <c>PreUserRegistrationError</c>, <c>TypeError</c>, <c>TimeoutError</c>.</summary>
    public required string Name { get; init; }

    public required string Message { get; init; }

    /// <summary>For errors whose class carries one (PreUserRegistrationError, SendPhoneMessageError): what the end user sees.</summary>
    public string? FriendlyMessage { get; init; }

    /// <summary>1-based line within the user's script, when known.</summary>
    public int? Line { get; init; }

    /// <summary>1-based column within the user's script, when known.</summary>
    public int? Column { get; init; }

    /// <summary>The error's own enumerable properties as JSON (Auth0 kept them in the error payload).</summary>
    public JsonObject? Details { get; init; }
}

/// <summary>The one result type for every outcome of running a hook.</summary>
public sealed record ExecutionResult
{
    public required ExecutionStatus Status { get; init; }

    /// <summary>The raw value the hook passed to <c>cb</c> as its result (JSON), or null.</summary>
    public JsonNode? Data { get; init; }

    /// <summary>What the extensibility point would actually apply from <see cref="Data"/> (see the catalog).</summary>
    public JsonObject? Applied { get; init; }

    public IReadOnlyList<ConsoleLine> Logs { get; init; } = [];

    public ExecutionError? Error { get; init; }

    public double DurationMs { get; init; }

    /// <summary>The outbound HTTP requests the invocation made, in start order (each redirect hop is one).</summary>
    public IReadOnlyList<Http.HttpRequestRecord> Requests { get; init; } = [];

    /// <summary>
    /// Scrubs the secret values the hook was given (set by the runner; <see cref="SecretRedactor.None"/> otherwise).
    /// Whatever logs or stores the result uses <see cref="Redacted"/>; the result itself stays as the hook answered,
    /// because the point applies it (a claim may legitimately carry a secret).
    /// </summary>
    [JsonIgnore]
    public SecretRedactor Redactor { get; init; } = SecretRedactor.None;

    [JsonIgnore]
    public bool IsSuccess => Status == ExecutionStatus.Success;

    /// <summary>The result as it may be logged or stored: the hook's secret values replaced everywhere in it.</summary>
    public ExecutionResult Redacted() => Redactor.Redact(this);

    /// <summary>A failed result that never reached the script (bad input, missing hook, ...).</summary>
    public static ExecutionResult Failure(ExecutionErrorKind kind, string name, string message, double durationMs = 0) => new()
    {
        Status = ExecutionStatus.Error,
        Error = new ExecutionError { Kind = kind, Name = name, Message = message },
        DurationMs = durationMs,
    };
}
