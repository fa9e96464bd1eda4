using HooksDashboard.Execution.Node;
using Jint.Native;
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
    }
}
