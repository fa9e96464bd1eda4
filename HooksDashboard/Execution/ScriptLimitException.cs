namespace HooksDashboard.Execution;

/// <summary>
/// Thrown by host guards (oversized allocations) to end the invocation with a <see cref="ExecutionErrorKind.Limit"/>
/// error. It is a CLR exception on purpose: Jint does not turn it into a JavaScript error, so the script cannot
/// catch it and carry on.
/// </summary>
internal sealed class ScriptLimitException(string message) : Exception(message);
