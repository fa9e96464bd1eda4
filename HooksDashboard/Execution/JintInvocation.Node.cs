using HooksDashboard.Execution.Node;
using Jint;
using Jint.Native;
using Jint.Native.Promise;
using Jint.Runtime;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace HooksDashboard.Execution;

/// <summary>
/// The seam to Node's layer (<see cref="NodeRuntime"/>, <c>Execution/Node/</c>): created on first use, it owns
/// <c>require</c>'s module cache, <c>process.nextTick</c>'s queue and the Node globals of <see cref="NodeGlobals"/>.
/// </summary>
internal sealed partial class JintInvocation
{
    private NodeRuntime? _node;

    private NodeRuntime Node => _node ??= new NodeRuntime(_engine, _limits, _console, _loop, () => ElapsedMs, TimerFunctions, () => Http, _packages, () => _module);

    /// <summary>The invocation's timer functions, for <c>require('timers')</c>.</summary>
    private JsObject TimerFunctions()
    {
        var timers = new JsObject(_engine);
        timers.Set("setTimeout", Function("setTimeout", SetTimeout, 2));
        timers.Set("clearTimeout", Function("clearTimeout", ClearTimer, 1));
        timers.Set("setImmediate", Function("setImmediate", SetImmediate, 1));
        timers.Set("clearImmediate", Function("clearImmediate", ClearTimer, 1));
        timers.Set("setInterval", Function("setInterval", SetInterval, 2));
        timers.Set("clearTimer", Function("clearTimer", ClearTimer, 1));
        timers.Set("setRef", Function("setRef", SetTimerRef, 2));
        timers.Set("refresh", Function("refresh", RefreshTimer, 1));
        return timers;
    }

    // Promises rejected with no handler, in the order they were rejected; one that gets a handler before the jobs run
    // out leaves the list (Jint's HostPromiseRejectionTracker: Reject, then Handle).
    private List<(JsValue Promise, JsValue Reason)>? _unhandledRejections;

    private void OnPromiseRejection(object? sender, PromiseRejectionTrackerEventArgs e)
    {
        if (e.Operation == PromiseRejectionOperation.Reject)
        {
            // The stack is read only once ES modules are loaded in this engine (never for most hooks).
            if (_node is not { LoadedEsModules: true } || !RejectedByModuleEvaluation())
            {
                (_unhandledRejections ??= []).Add((e.Promise, e.Value ?? JsValue.Undefined));
            }
        }
        else if (_unhandledRejections is { Count: > 0 } pending)
        {
            var at = pending.FindIndex(p => ReferenceEquals(p.Promise, e.Promise));
            if (at >= 0)
            {
                pending.RemoveAt(at);
            }
        }
    }

    /// <summary>
    /// Whether the promise was rejected by Jint's module evaluation itself (an ES module that threw): that promise is
    /// internal — the error reaches the importer through <c>import()</c>'s promise or <c>require</c>'s throw, as in
    /// Node, where it is never reported — but Jint reads its outcome without a handler. Told by the caller of the
    /// promise's reject: a module record, not script code. The stack is read only in engines that loaded ES modules.
    /// </summary>
    private static bool RejectedByModuleEvaluation()
    {
        var frames = new System.Diagnostics.StackTrace(false).GetFrames();
        var rejecting = false;
        foreach (var frame in frames)
        {
            var type = frame.GetMethod()?.DeclaringType;
            if (type is null)
            {
                continue;
            }

            if (type.FullName == "Jint.Native.JsPromise" || type.Namespace == "Jint.Native.Promise")
            {
                rejecting = true;
                continue;
            }

            if (rejecting)
            {
                return type.Namespace == "Jint.Runtime.Modules";
            }
        }

        return false;
    }

    /// <summary>
    /// Promise jobs, and — once the hook used <c>process.nextTick</c> — ticks before them, as in Node; then, as Node 20's
    /// <c>processPromiseRejections</c>, each promise still rejected without a handler goes to
    /// <c>process.on('unhandledRejection')</c> listeners, or else is an uncaught exception that ends the run.
    /// </summary>
    private void ProcessJobs()
    {
        do
        {
            if (_node is { } node)
            {
                node.ProcessTicksAndJobs();
            }
            else
            {
                _engine.Advanced.ProcessTasks();
            }
        }
        while (_unhandledRejections is { Count: > 0 } && EmitUnhandledRejections());
    }

    /// <summary>
    /// Emits <c>'unhandledRejection'</c> for each pending rejection (true: listeners ran, their jobs come next);
    /// without listeners the first one is thrown as Node 20 throws it (<c>--unhandled-rejections=throw</c>): the reason
    /// itself when it is an error, else an <c>ERR_UNHANDLED_REJECTION</c> error naming it.
    /// </summary>
    private bool EmitUnhandledRejections()
    {
        var pending = _unhandledRejections!;
        if (_stopped)
        {
            pending.Clear();
            return false;
        }

        var process = _node?.CreatedProcess;
        while (pending.Count > 0)
        {
            var (promise, reason) = pending[0];
            pending.RemoveAt(0);
            if (Listens(process, "unhandledRejection"))
            {
                _engine.Call(process!.Get("emit"), process, [JsString.Create("unhandledRejection"), reason, promise]);
                continue;
            }

            // Node's isErrorLike: an object with its own stack (every error here, whose stack is made on first read).
            var errorLike = reason is JsError || (reason is ObjectInstance o && o.HasOwnProperty("stack"));
            var error = errorLike ? reason : UnhandledRejectionError(reason);
            // Throw mode's triggerUncaughtException: 'uncaughtException' listeners get it (origin 'unhandledRejection').
            if (Listens(process, "uncaughtException"))
            {
                _engine.Call(process!.Get("emit"), process, [JsString.Create("uncaughtException"), error, JsString.Create("unhandledRejection")]);
                continue;
            }

            if (_decided)
            {
                // The outcome stands (cb was called): as webtask had answered by then, a rejection after it changes
                // nothing, but it is shown in the logs as a throw after cb is (Node would have crashed on it).
                Decide(null, ErrorMapper.FromJsValue(_engine, error, ExecutionErrorKind.Exception));
                continue;
            }

            pending.Clear();
            throw new UncaughtScriptException(error);
        }

        return true;
    }

    private bool Listens(ObjectInstance? process, string eventName) =>
        process is not null && process.Get("listenerCount") is ObjectInstance count && count.IsCallable()
        && TypeConverter.ToNumber(_engine.Call(count, process, [JsString.Create(eventName)])) > 0;

    /// <summary>Node's error for a rejection whose reason is not an error.</summary>
    private ObjectInstance UnhandledRejectionError(JsValue reason)
    {
        var shown = SideEffectFree.Text(_engine, reason);
        var error = (ObjectInstance)_engine.Construct(_engine.Intrinsics.Error, [JsString.Create(
            "This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason \"" + shown + "\".")]);
        error.Set("name", JsString.Create("UnhandledPromiseRejection"));
        error.Set("code", JsString.Create("ERR_UNHANDLED_REJECTION"));
        return error;
    }

    /// <summary>Declares the Node globals the script names (all of them when it names the global object), each built on first read.</summary>
    private void InstallNodeGlobals(bool all, Jint.ReferencedGlobals? names)
    {
        foreach (var (name, create) in NodeGlobals.All)
        {
            if (all || names!.Contains(name))
            {
                _engine.Advanced.AddLazyGlobal(name, (Invocation: this, Create: create), static (_, s) => s.Create(s.Invocation.Node), PropertyFlag.NonEnumerable);
            }
        }
    }
}
