using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// The hook's global scope: CommonJS <c>module</c>/<c>exports</c>, and — created lazily, on first read, so a hook
/// pays only for what it uses — timers, <c>require</c>, Auth0's error classes, Node's globals (<c>console</c>, <c>process</c>, ...: <see cref="Node.NodeGlobals"/>) and the guarded
/// binary constructors. Nothing here exposes a host object: every value is a plain JS value or function.
/// Even a lazy global costs a property per engine, so the conveniences are declared only when the script names
/// them (or names the global object); the guards are declared always, as a script can reach those globals
/// without naming them.
/// </summary>
internal sealed partial class JintInvocation
{
    /// <summary>Node's and Auth0's globals a hook may name, each built on first read.</summary>
    private static readonly (string Name, Func<JintInvocation, JsValue> Create)[] Conveniences =
    [
        // Node's Timeout objects (ref/unref/refresh/hasRef, Symbol.toPrimitive) are made by timers.js over the host's ids.
        ("setTimeout", static self => self.Node.Require("timers").Get("setTimeout")),
        ("clearTimeout", static self => self.Node.Require("timers").Get("clearTimeout")),
        ("setInterval", static self => self.Node.Require("timers").Get("setInterval")),
        ("clearInterval", static self => self.Node.Require("timers").Get("clearInterval")),
        ("setImmediate", static self => self.Function("setImmediate", self.SetImmediate, 1)),
        ("clearImmediate", static self => self.Function("clearImmediate", self.ClearTimer, 1)),
        ("require", static self => self.Node.CreateHookRequire()),
        ("global", static self => self._engine.Global),
        ("ExtensibilityUserError", static self => self.ErrorClass("ExtensibilityUserError")),
        ("PreUserRegistrationError", static self => self.ErrorClass("PreUserRegistrationError")),
        ("SendPhoneMessageError", static self => self.ErrorClass("SendPhoneMessageError")),
        ("InvalidScopeError", static self => self.ErrorClass("InvalidScopeError")),
        ("InvalidRequestError", static self => self.ErrorClass("InvalidRequestError")),
        ("ServerError", static self => self.ErrorClass("ServerError")),
    ];

    private ObjectInstance? _errorClasses;
    private Dictionary<string, JsValue>? _guardedConstructors;

    private void InstallGlobals(ParsedScript script)
    {
        V8Surface.Apply(_engine);
        var exports = new JsObject(_engine);
        _module = new JsObject(_engine);
        _module.FastSetDataProperty("exports", exports);
        if (script.NamesParent)
        {
            // Webtask compiled the hook as a child of its runtime's module: `if (!module.parent)` (a local test harness)
            // is false there, so it is here. Only for scripts that name it: the module object is made for every run.
            _module.FastSetProperty("parent", new GetSetPropertyDescriptor(
                new ClrFunction(_engine, "get parent", (_, _) => Node.MainModule()), null, enumerable: false, configurable: true));
        }
        _engine.SetValue("module", _module);
        _engine.SetValue("exports", exports);

        var advanced = _engine.Advanced;
        var names = script.Globals;
        // Packages' code names Node's globals (Buffer, process, setImmediate...) that the hook's own script may not.
        var all = names is null || names.Contains("globalThis") || names.Contains("global") || _packages.Roots.Count > 0;
        foreach (var (name, create) in Conveniences)
        {
            if (all || names!.Contains(name))
            {
                advanced.AddLazyGlobal(name, (Invocation: this, Create: create), static (_, s) => s.Create(s.Invocation), PropertyFlag.NonEnumerable);
            }
        }

        InstallNodeGlobals(all, names);
        ErrorStack.Install(_engine);

        // Node's date texts (ICU's patterns). Always: a date can reach the script from a built-in module without the
        // script naming Date, and until Date or Intl is read nothing is built.
        // Numbers reach Number.prototype.toLocaleString from a literal, with no global read to hook: replaced at set-up
        // where the script names it, or may (packages, code built from strings, the global object).
        Execution.Node.NodeIntl.Install(_engine, () => Node,
            numbers: all || script.NamesToLocaleString || names!.Contains("eval") || names.Contains("Function"));

        foreach (var (name, _) in AllocationGuard.Constructors)
        {
            if (name == "Float16Array")
            {
                continue; // not in Node 20 (V8Surface); guarded all the same, with the others
            }

            advanced.AddLazyGlobal(name, (Invocation: this, Name: name), static (_, s) => s.Invocation.GuardedConstructor(s.Name), PropertyFlag.NonEnumerable);
        }

        // Absent, because neither can be guarded and no hook needs them: a ShadowRealm (not in Node) brings its own
        // unguarded String.prototype and binary constructors, and SharedArrayBuffer's constructor is not among the
        // intrinsics the host can reach without running script.
        advanced.AddLazyGlobal("SharedArrayBuffer", 0, static (_, _) => JsValue.Undefined, PropertyFlag.NonEnumerable);
        advanced.AddLazyGlobal("ShadowRealm", 0, static (_, _) => JsValue.Undefined, PropertyFlag.NonEnumerable);

        StringGuards.InstallString(_engine, _limits.MaxAllocationBytes);
        NumberRadix.Install(_engine);
        if (script.HasRegExpLiteral)
        {
            StringGuards.InstallRegExp(_engine, _limits.MaxAllocationBytes);
        }
        else
        {
            advanced.AddLazyGlobal("RegExp", this, static (engine, self) =>
            {
                StringGuards.InstallRegExp(engine, self._limits.MaxAllocationBytes);
                return engine.Intrinsics.RegExp;
            }, PropertyFlag.NonEnumerable);
        }
    }

    private ClrFunction Function(string name, Func<JsValue[], JsValue> body, int length) =>
        new(_engine, name, (_, args) => body(args), length);

    private JsValue SetTimeout(JsValue[] args) => AddTimer(args, "setTimeout", repeat: false);

    private JsValue SetInterval(JsValue[] args) => AddTimer(args, "setInterval", repeat: true);

    private JsValue AddTimer(JsValue[] args, string function, bool repeat)
    {
        var callback = RequireCallback(args, function);
        var delay = args.Length > 1 ? TypeConverter.ToNumber(args[1]) : 0;
        // As in Node: a delay below 1 ms, not a number or past 2^31-1 ms is 1 ms, counted from now (Node reads the
        // loop's clock afresh for each timer: getLibuvNow updates it), so time a turn has spent before the call counts.
        var delayMs = !(delay >= 1 && delay <= int.MaxValue) ? 1 : (long)delay;
        return _loop.SetTimeout(callback, args.Length > 2 ? args[2..] : [], ElapsedMs + delayMs, delayMs, repeat);
    }

    /// <summary><c>timeout.ref()</c>/<c>unref()</c>: (args: id, refed).</summary>
    private JsValue SetTimerRef(JsValue[] args)
    {
        if (args.Length > 1 && args[0] is JsNumber id)
        {
            _loop.SetRef((int)id.AsNumber(), TypeConverter.ToBoolean(args[1]));
        }

        return JsValue.Undefined;
    }

    /// <summary><c>timeout.refresh()</c>: (args: id).</summary>
    private JsValue RefreshTimer(JsValue[] args)
    {
        if (args.Length > 0 && args[0] is JsNumber id)
        {
            _loop.Refresh((int)id.AsNumber(), ElapsedMs);
        }

        return JsValue.Undefined;
    }

    private JsValue SetImmediate(JsValue[] args) =>
        _loop.SetImmediate(RequireCallback(args, "setImmediate"), args.Length > 1 ? args[1..] : []);

    private JsValue ClearTimer(JsValue[] args)
    {
        if (args.Length > 0 && TypeConverter.ToNumber(args[0]) is var id && double.IsFinite(id))
        {
            _loop.Clear((int)id);
        }

        return JsValue.Undefined;
    }

    private JsValue RequireCallback(JsValue[] args, string function) =>
        args.Length > 0 && args[0].IsCallable()
            ? args[0]
            : throw new JavaScriptException(_engine.Intrinsics.TypeError, $"The \"callback\" argument of {function} must be of type function");

    private JsValue ErrorClass(string name)
    {
        _errorClasses ??= (ObjectInstance)_engine.Evaluate(Prelude.ErrorClasses);
        return _errorClasses.Get(name);
    }

    /// <summary>The first read of any binary constructor guards them all, so none can leak the unguarded original.</summary>
    private JsValue GuardedConstructor(string name)
    {
        _guardedConstructors ??= AllocationGuard.Install(_engine, _limits.MaxAllocationBytes);
        return _guardedConstructors[name];
    }
}
