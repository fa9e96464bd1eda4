using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// The hook's global scope: CommonJS <c>module</c>/<c>exports</c>, and — created lazily, on first read, so a hook
/// pays only for what it uses — <c>console</c>, timers, <c>require</c>, Auth0's error classes and the guarded
/// binary constructors. Nothing here exposes a host object: every value is a plain JS value or function.
/// </summary>
internal sealed partial class HookInvocation
{
    private static readonly string[] ErrorClassNames =
    [
        "ExtensibilityUserError", "PreUserRegistrationError", "SendPhoneMessageError",
        "InvalidScopeError", "InvalidRequestError", "ServerError",
    ];

    private static readonly string[] BinaryConstructorNames =
    [
        "ArrayBuffer", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
        "Uint32Array", "BigInt64Array", "BigUint64Array", "Float16Array", "Float32Array", "Float64Array",
    ];

    private static readonly string[] ConsoleLevels = ["log", "info", "warn", "error", "debug", "trace"];

    private ObjectInstance? _errorClasses;
    private ObjectInstance? _guardedConstructors;

    private void InstallGlobals()
    {
        var exports = new JsObject(_engine);
        _module = new JsObject(_engine);
        _module.FastSetDataProperty("exports", exports);
        _engine.SetValue("module", _module);
        _engine.SetValue("exports", exports);

        var advanced = _engine.Advanced;
        advanced.AddLazyGlobal("console", this, static (_, self) => self.CreateConsole(), PropertyFlag.NonEnumerable);
        advanced.AddLazyGlobal("setTimeout", this, static (_, self) => self.Function("setTimeout", self.SetTimeout, 2), PropertyFlag.NonEnumerable);
        advanced.AddLazyGlobal("clearTimeout", this, static (_, self) => self.Function("clearTimeout", self.ClearTimer, 1), PropertyFlag.NonEnumerable);
        advanced.AddLazyGlobal("setImmediate", this, static (_, self) => self.Function("setImmediate", self.SetImmediate, 1), PropertyFlag.NonEnumerable);
        advanced.AddLazyGlobal("clearImmediate", this, static (_, self) => self.Function("clearImmediate", self.ClearTimer, 1), PropertyFlag.NonEnumerable);
        advanced.AddLazyGlobal("require", this, static (_, self) => self.Function("require", self.Require, 1), PropertyFlag.NonEnumerable);
        advanced.AddLazyGlobal("global", this, static (engine, _) => engine.Global, PropertyFlag.NonEnumerable);
        foreach (var name in ErrorClassNames)
        {
            advanced.AddLazyGlobal(name, (Invocation: this, Name: name), static (_, s) => s.Invocation.ErrorClass(s.Name), PropertyFlag.NonEnumerable);
        }

        foreach (var name in BinaryConstructorNames)
        {
            advanced.AddLazyGlobal(name, (Invocation: this, Name: name), static (_, s) => s.Invocation.GuardedConstructor(s.Name), PropertyFlag.NonEnumerable);
        }

        // Not in Node 12 (SharedArrayBuffer is, but no hook needs it): absent, because their fresh intrinsics
        // (a realm's own String.prototype, a shared buffer constructor) would escape the guards.
        advanced.AddLazyGlobal("SharedArrayBuffer", 0, static (_, _) => JsValue.Undefined, PropertyFlag.NonEnumerable);
        advanced.AddLazyGlobal("ShadowRealm", 0, static (_, _) => JsValue.Undefined, PropertyFlag.NonEnumerable);

        GuardStringBuilders();
    }

    private ClrFunction Function(string name, Func<JsValue[], JsValue> body, int length) =>
        new(_engine, name, (_, args) => body(args), length);

    private JsObject CreateConsole()
    {
        var console = new JsObject(_engine);
        foreach (var level in ConsoleLevels)
        {
            console.FastSetProperty(level, new PropertyDescriptor(Function(level, args => Log(level, args), 0), PropertyFlag.NonEnumerable));
        }

        return console;
    }

    private JsValue Log(string level, JsValue[] args)
    {
        var budget = _console.Remaining;
        if (budget > 0)
        {
            var message = ConsoleFormatter.Format(_engine, args, budget);
            _console.Write(level, level == "trace" ? "Trace: " + message : message);
        }

        return JsValue.Undefined;
    }

    private JsValue SetTimeout(JsValue[] args)
    {
        var callback = RequireCallback(args, "setTimeout");
        var delay = args.Length > 1 ? TypeConverter.ToNumber(args[1]) : 0;
        // As in Node: a delay that is not a number, negative or past 2^31-1 ms means "as soon as possible".
        var delayMs = double.IsNaN(delay) || delay < 0 || delay > int.MaxValue ? 0 : (long)delay;
        return _loop.SetTimeout(callback, args.Length > 2 ? args[2..] : [], ElapsedMs + delayMs);
    }

    private JsValue SetImmediate(JsValue[] args) =>
        _loop.SetImmediate(RequireCallback(args, "setImmediate"), args.Length > 1 ? args[1..] : []);

    private JsValue ClearTimer(JsValue[] args)
    {
        if (args.Length > 0 && args[0] is JsNumber id)
        {
            _loop.Clear((int)id.AsNumber());
        }

        return JsValue.Undefined;
    }

    private JsValue RequireCallback(JsValue[] args, string function) =>
        args.Length > 0 && args[0].IsCallable()
            ? args[0]
            : throw new JavaScriptException(_engine.Intrinsics.TypeError, $"The \"callback\" argument of {function} must be of type function");

    private JsValue Require(JsValue[] args)
    {
        var name = args.Length > 0 ? TypeConverter.ToString(args[0]) : "";
        throw new JavaScriptException(_engine.Intrinsics.Error, $"require('{name}'): npm modules are not available in HooksDashboard hooks");
    }

    private JsValue ErrorClass(string name)
    {
        _errorClasses ??= (ObjectInstance)_engine.Evaluate(Prelude.ErrorClasses);
        return _errorClasses.Get(name);
    }

    /// <summary>The first read of any binary constructor guards them all, so none can leak the unguarded original.</summary>
    private JsValue GuardedConstructor(string name)
    {
        if (_guardedConstructors is null)
        {
            var intrinsics = _engine.Intrinsics;
            var originals = new JsObject(_engine);
            JsValue[] constructors =
            [
                intrinsics.ArrayBuffer, intrinsics.Int8Array, intrinsics.Uint8Array, intrinsics.Uint8ClampedArray,
                intrinsics.Int16Array, intrinsics.Uint16Array, intrinsics.Int32Array, intrinsics.Uint32Array,
                intrinsics.BigInt64Array, intrinsics.BigUint64Array, intrinsics.Float16Array, intrinsics.Float32Array,
                intrinsics.Float64Array,
            ];
            for (var i = 0; i < BinaryConstructorNames.Length; i++)
            {
                originals.FastSetDataProperty(BinaryConstructorNames[i], constructors[i]);
            }

            var install = _engine.Evaluate(Prelude.AllocationGuards);
            var fail = Function("fail", static args => throw new ScriptLimitException(TypeConverter.ToString(args[0])), 1);
            _guardedConstructors = (ObjectInstance)_engine.Call(install, JsValue.Undefined, [fail, _limits.MaxAllocationBytes, originals]);
        }

        return _guardedConstructors.Get(name);
    }

    /// <summary>
    /// <c>repeat</c>, <c>padStart</c> and <c>padEnd</c> build their whole result in one step, before Jint's
    /// memory limit looks again: refuse results larger than the single-allocation bound up front.
    /// </summary>
    private void GuardStringBuilders()
    {
        var prototype = (ObjectInstance)_engine.Global.Get("String").Get("prototype");
        GuardStringBuilder(prototype, "repeat", static (text, args) =>
            (long)text.Length * (long)Math.Min(Math.Max(TypeConverter.ToNumber(args.Length > 0 ? args[0] : JsValue.Undefined), 0), long.MaxValue / 2));
        GuardStringBuilder(prototype, "padStart", PaddedLength);
        GuardStringBuilder(prototype, "padEnd", PaddedLength);

        static long PaddedLength(string text, JsValue[] args) =>
            (long)Math.Min(Math.Max(TypeConverter.ToNumber(args.Length > 0 ? args[0] : JsValue.Undefined), 0), long.MaxValue / 2);
    }

    private void GuardStringBuilder(ObjectInstance prototype, string method, Func<string, JsValue[], long> resultLength)
    {
        var original = prototype.Get(method);
        var maxChars = _limits.MaxAllocationBytes / sizeof(char);
        var guarded = new ClrFunction(_engine, method, (thisValue, args) =>
        {
            if (!thisValue.IsNull() && !thisValue.IsUndefined() && resultLength(TypeConverter.ToString(thisValue), args) > maxChars)
            {
                throw new ScriptLimitException(
                    $"String.prototype.{method} would build a string of more than {maxChars} characters; the limit for a single allocation is {_limits.MaxAllocationBytes} bytes");
            }

            return _engine.Call(original, thisValue, args);
        }, 1);
        prototype.FastSetProperty(method, new PropertyDescriptor(guarded, PropertyFlag.NonEnumerable));
    }
}
