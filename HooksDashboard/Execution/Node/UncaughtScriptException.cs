using Jint.Native;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// A script error thrown where Jint would otherwise swallow it (a <c>queueMicrotask</c> callback runs as a promise
/// job, whose exceptions only reject a promise): it leaves the engine and ends the run as an uncaught error, as in Node.
/// </summary>
internal sealed class UncaughtScriptException(JsValue error) : Exception("Uncaught exception in a microtask")
{
    public JsValue Error { get; } = error;
}
