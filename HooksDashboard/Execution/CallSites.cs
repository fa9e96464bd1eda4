using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// V8's stack trace API: when <c>Error.prepareStackTrace</c> is a function, an error's <c>stack</c> is what it returns
/// for the error and its frames as <c>CallSite</c> objects (<c>getFileName</c>, <c>getLineNumber</c>,
/// <c>getFunctionName</c>, ...). Packages read their callers' files this way: depd (body-parser, http-errors,
/// express) at load, @hapi/pinpoint (joi), pino's caller, callsites, source-map-support. Without it depd failed at
/// load ("Property 'getFileName' of object is not a function"). The frames are Jint's, parsed from its text, so what
/// the text does not carry (the receiver, the function object, constructor calls) is answered as for strict-mode
/// code: <c>getThis</c>/<c>getFunction</c> undefined, <c>getTypeName</c>/<c>getMethodName</c> null.
/// </summary>
internal static partial class CallSites
{
    private static readonly ConditionalWeakTable<Engine, ObjectInstance> Prototypes = new();

    // Set while Error.prepareStackTrace runs: a stack read inside it (of any error) gets the default text, as in V8,
    // instead of calling it again.
    [ThreadStatic]
    private static bool t_preparing;

    /// <summary>
    /// The stack <c>Error.prepareStackTrace</c> makes for <paramref name="error"/> from <paramref name="frames"/> (Jint's
    /// frame lines), or false when it is not a function (or is already running): then the default text is used.
    /// </summary>
    public static bool TryPrepare(Engine engine, ObjectInstance error, string frames, out JsValue stack)
    {
        stack = JsValue.Undefined;
        if (t_preparing || engine.Intrinsics.Error.Get("prepareStackTrace") is not ObjectInstance prepare || !prepare.IsCallable()
            || IsDefault(prepare))
        {
            return false;
        }

        var sites = Parse(engine, frames, Limit(engine));
        t_preparing = true;
        try
        {
            stack = engine.Call(prepare, engine.Intrinsics.Error, [error, new JsArray(engine, sites)]);
        }
        finally
        {
            t_preparing = false;
        }

        return true;
    }

    private const string DefaultName = "ErrorPrepareStackTrace";
    private const ulong MaxDefaultFrames = 65_536;

    /// <summary>
    /// Node 20's own <c>Error.prepareStackTrace</c> (packages save it and put it back, or call it to format frames):
    /// the error's <c>Name: message</c> line and a line per call site. While it is the one set, stacks are made as
    /// without it.
    /// </summary>
    public static ClrFunction DefaultPrepare(Engine engine) => new(engine, DefaultName, DefaultBody, 2, PropertyFlag.Configurable);

    /// <summary>
    /// Whether <paramref name="prepare"/> is Node's default of some engine: host functions are equal when they run the
    /// same delegate, and the default's is one static delegate, so no per-engine record is kept (engine set-up is a
    /// hot path for fresh engines).
    /// </summary>
    private static bool IsDefault(ObjectInstance prepare) =>
        prepare is ClrFunction function && function.Equals(new ClrFunction(function.Engine, DefaultName, DefaultBody));

    private static readonly Func<JsValue, JsValue[], JsValue> DefaultBody = static (_, args) =>
    {
        var error = args.Length > 0 ? args[0] : JsValue.Undefined;
        var text = new System.Text.StringBuilder(error is ObjectInstance o ? ErrorStack.Header(o) : TypeConverter.ToString(error));
        if (args.Length > 1 && args[1] is ObjectInstance trace)
        {
            var length = TypeConverter.ToLength(trace.Get("length"));
            if (length > MaxDefaultFrames)
            {
                // A host loop the hook's time limit cannot interrupt: bounded (a real trace has at most stackTraceLimit).
                throw new JavaScriptException(trace.Engine.Intrinsics.TypeError, $"Error.prepareStackTrace formats at most {MaxDefaultFrames} call sites");
            }

            for (ulong i = 0; i < length; i++)
            {
                text.Append("\n    at ").Append(TypeConverter.ToString(trace.Get(i)));
            }
        }

        return new JsString(text.ToString());
    };

    /// <summary><c>Error.stackTraceLimit</c> as V8 applies it: a number (at least 0) bounds the frames; anything else does not.</summary>
    private static int Limit(Engine engine) =>
        engine.Intrinsics.Error.Get("stackTraceLimit") is JsNumber n && !double.IsNaN(n.AsNumber())
            ? (int)Math.Clamp(n.AsNumber(), 0, int.MaxValue)
            : int.MaxValue;

    private static JsValue[] Parse(Engine engine, string frames, int limit)
    {
        var prototype = Prototypes.GetValue(engine, CreatePrototype);
        var sites = new List<JsValue>();
        foreach (var line in frames.Split('\n'))
        {
            if (sites.Count >= limit)
            {
                break;
            }

            var match = FrameLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var location = match.Groups["located"].Success ? match.Groups["located"].Value : match.Groups["bare"].Value;
            var name = match.Groups["located"].Success && match.Groups["name"].Value != "(anonymous)" ? match.Groups["name"].Value : null;
            var position = Position().Match(location);
            var site = position.Success
                ? new Frame(name, position.Groups["file"].Value, int.Parse(position.Groups["line"].Value, CultureInfo.InvariantCulture), int.Parse(position.Groups["column"].Value, CultureInfo.InvariantCulture))
                : new Frame(name, location, null, null);
            sites.Add(new CallSite(engine, prototype, site));
        }

        return [.. sites];
    }

    // "at name (file:line:column)", "at (anonymous) (file:line:column)" (Jint's unnamed function) or "at file:line:column".
    [GeneratedRegex(@"^\s*at (?:(?<name>.+?) \((?<located>[^()]*)\)|(?<bare>.+))\s*$")]
    private static partial Regex FrameLine();

    [GeneratedRegex(@"^(?<file>.*):(?<line>\d+):(?<column>\d+)$")]
    private static partial Regex Position();

    private sealed record Frame(string? FunctionName, string File, int? Line, int? Column)
    {
        /// <summary>Code from <c>eval</c> or <c>new Function</c>: Jint's frame has no file.</summary>
        public bool IsEval => File.Length == 0;

        /// <summary>V8's text of a frame: <c>name (file:line:column)</c>, or the location alone.</summary>
        public override string ToString()
        {
            var location = (IsEval ? "<anonymous>" : File) + (Line is { } line ? $":{line}:{Column}" : string.Empty);
            return FunctionName is null ? location : $"{FunctionName} ({location})";
        }
    }

    /// <summary>One frame as script sees it; its methods live on the shared prototype.</summary>
    private sealed class CallSite : ObjectInstance
    {
        public CallSite(Engine engine, ObjectInstance prototype, Frame frame)
            : base(engine)
        {
            _callSitePrototype = prototype;
            Frame = frame;
        }

        private readonly ObjectInstance _callSitePrototype;

        protected override ObjectInstance? GetPrototypeOf() => _callSitePrototype;

        public Frame Frame { get; }
    }

    private static ObjectInstance CreatePrototype(Engine engine)
    {
        var prototype = new JsObject(engine);
        // A host function (V8's refuses `new` with "Not supported"; this one is not a constructor at all). Not a script
        // function: evaluating one here would run the promise jobs queued so far in the middle of the reading code.
        var constructor = new ClrFunction(engine, "CallSite", (_, _) =>
            throw new JavaScriptException(engine.Intrinsics.Error, "Not supported"), 0, PropertyFlag.Configurable);
        constructor.DefineOwnProperty("prototype", new PropertyDescriptor(prototype, PropertyFlag.None));
        prototype.DefineOwnProperty("constructor", new PropertyDescriptor(constructor, PropertyFlag.NonEnumerable));

        void Method(string name, Func<Frame, JsValue> read) =>
            prototype.DefineOwnProperty(name, new PropertyDescriptor(new ClrFunction(engine, name, (self, _) =>
                self is CallSite site
                    ? read(site.Frame)
                    : throw new JavaScriptException(engine.Intrinsics.TypeError, $"CallSite method {name} expects CallSite as receiver"),
                0, PropertyFlag.Configurable), PropertyFlag.NonEnumerable | PropertyFlag.Writable | PropertyFlag.Configurable));

        static JsValue Number(int? value) => value is { } v ? JsNumber.Create(v) : JsValue.Null;

        Method("getThis", static _ => JsValue.Undefined);
        Method("getTypeName", static _ => JsValue.Null);
        Method("getFunction", static _ => JsValue.Undefined);
        Method("getFunctionName", static f => f.FunctionName is { } name ? JsString.Create(name) : JsValue.Null);
        Method("getMethodName", static _ => JsValue.Null);
        Method("getFileName", static f => f.IsEval ? JsValue.Undefined : JsString.Create(f.File));
        Method("getLineNumber", static f => Number(f.Line));
        Method("getColumnNumber", static f => Number(f.Column));
        Method("getEvalOrigin", static _ => JsValue.Undefined);
        // V8: true unless the function was called as a method; the frame text does not say, so a plain call is assumed.
        Method("isToplevel", static _ => JsBoolean.True);
        Method("isEval", static f => f.IsEval ? JsBoolean.True : JsBoolean.False);
        Method("isNative", static _ => JsBoolean.False);
        Method("isConstructor", static _ => JsBoolean.False);
        Method("isAsync", static _ => JsBoolean.False);
        Method("isPromiseAll", static _ => JsBoolean.False);
        Method("getPromiseIndex", static _ => JsValue.Null);
        Method("getScriptNameOrSourceURL", static f => f.IsEval ? JsValue.Undefined : JsString.Create(f.File));
        Method("getScriptHash", static _ => JsString.Empty);
        Method("getEnclosingColumnNumber", static _ => JsValue.Null);
        Method("getEnclosingLineNumber", static _ => JsValue.Null);
        Method("getPosition", static _ => JsNumber.Create(0));
        Method("toString", static f => JsString.Create(f.ToString()));
        return prototype;
    }
}
