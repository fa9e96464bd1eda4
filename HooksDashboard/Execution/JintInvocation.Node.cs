using HooksDashboard.Execution.Node;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
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

    /// <summary>Promise jobs, and — once the hook used <c>process.nextTick</c> — ticks before them, as in Node.</summary>
    private void ProcessJobs()
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

        // V8's Error.captureStackTrace(target): npm packages' error classes call it in their constructors (auth0 2.x/3.x's
        // dependencies). It gives the target a `stack`: its own "Name: message" header over the caller's frames.
        if (all && !_engine.Intrinsics.Error.HasOwnProperty("captureStackTrace"))
        {
            _engine.Intrinsics.Error.FastSetProperty("captureStackTrace", new PropertyDescriptor(
                new Jint.Runtime.Interop.ClrFunction(_engine, "captureStackTrace", (_, args) => CaptureStackTrace(args), 2),
                PropertyFlag.NonEnumerable | PropertyFlag.Writable | PropertyFlag.Configurable));
        }
    }

    private JsValue CaptureStackTrace(JsValue[] args)
    {
        if (args.Length == 0 || args[0] is not Jint.Native.Object.ObjectInstance target)
        {
            throw new JavaScriptException(_engine.Intrinsics.TypeError, "The \"targetObject\" argument must be of type object");
        }

        var frames = TypeConverter.ToString(_engine.Intrinsics.Error.Construct([], _engine.Intrinsics.Error).Get("stack"));
        var firstBreak = frames.IndexOf('\n', StringComparison.Ordinal);
        var name = TypeConverter.ToString(target.Get("name"));
        var message = TypeConverter.ToString(target.Get("message"));
        var header = message.Length == 0 ? name : name + ": " + message;
        target.Set("stack", header + (firstBreak >= 0 ? frames[firstBreak..] : ""));
        return JsValue.Undefined;
    }
}
