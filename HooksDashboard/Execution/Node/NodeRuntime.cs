using System.Globalization;
using HooksDashboard.Execution.Modules;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// Node's layer of one invocation: the <c>require</c> of built-in modules with its per-invocation module cache,
/// <c>process.nextTick</c>'s queue, and the host functions the Node globals use. Created on first use (the first
/// <c>require</c>, <c>process</c>, ...), so a hook that uses none of Node pays nothing; it lives and dies with the
/// invocation's engine, so no module object is ever shared between two invocations.
/// </summary>
internal sealed class NodeRuntime
{
    /// <summary><c>process.pid</c>: a constant, as the host's process id is none of a hook's business.</summary>
    public const int ProcessId = 1;

    /// <summary>What <c>require</c> errors name as the requiring file (Node lists the require stack).</summary>
    public const string HookFileName = "hook.js";

    private readonly Dictionary<string, ObjectInstance> _modules = new(StringComparer.Ordinal);
    private Queue<(JsValue Function, JsValue[] Arguments)>? _ticks;
    private readonly PackageGraph _packages;
    private readonly Func<ObjectInstance?> _hookModule;
    private ClrFunction? _internalRequire;
    private JsObject? _console;
    private ModuleLoader? _loader;

    public NodeRuntime(Engine engine, ExecutionLimits limits, ConsoleCapture console, EventLoop loop, Func<long> elapsedMs, Func<JsObject> timers,
        Func<Http.HttpSession> http, PackageGraph? packages = null, Func<ObjectInstance?>? hookModule = null)
    {
        Http = http;
        _packages = packages ?? PackageGraph.Empty;
        _hookModule = hookModule ?? (static () => null);
        Timers = timers;
        Engine = engine;
        Limits = limits;
        Output = console;
        Loop = loop;
        ElapsedMs = elapsedMs;
    }

    public Engine Engine { get; }

    public ExecutionLimits Limits { get; }

    /// <summary>The invocation's captured console output.</summary>
    public ConsoleCapture Output { get; }

    public EventLoop Loop { get; }

    /// <summary>Builds an object holding the invocation's own timer functions (<c>setTimeout</c>, ...).</summary>
    public Func<JsObject> Timers { get; }

    /// <summary>Milliseconds since the invocation started.</summary>
    public Func<long> ElapsedMs { get; }

    /// <summary>The invocation's outbound HTTP session, created on first use.</summary>
    public Func<Http.HttpSession> Http { get; }

    private List<WeakReference<ZlibCodec>>? _zlibCodecs;

    /// <summary>Keeps (weakly) a zlib stream's codec so <see cref="Dispose"/> can free it if its stream never ended.</summary>
    public void TrackZlib(ZlibCodec codec)
    {
        _zlibCodecs ??= [];
        if (_zlibCodecs.Count >= 64 && _zlibCodecs.Count % 64 == 0)
        {
            _zlibCodecs.RemoveAll(static r => !r.TryGetTarget(out var c) || c.Released);
        }

        _zlibCodecs.Add(new WeakReference<ZlibCodec>(codec));
    }

    /// <summary>Frees the host state the invocation's modules hold (zlib streams that never ended); called with the engine's disposal.</summary>
    public void Dispose()
    {
        foreach (var reference in _zlibCodecs ?? [])
        {
            if (reference.TryGetTarget(out var codec))
            {
                codec.Release();
            }
        }

        _zlibCodecs = null;
    }

    /// <summary>The hook's <c>require(id)</c>: Node's argument checks and errors, then a built-in or one of the hook's packages.</summary>
    public JsValue RequireFromHook(JsValue[] args) => Modules.RequireFromHook(RequireArgument(args));

    /// <summary>The hook's <c>require</c> function, with <c>require.resolve</c> and <c>require.cache</c>.</summary>
    public ClrFunction CreateHookRequire() => Modules.CreateHookRequire();

    /// <summary><c>require.main</c>: the runner's module (see <see cref="ModuleLoader"/>), also <c>process.mainModule</c> and the hook module's <c>parent</c>.</summary>
    public JsObject MainModule() => Modules.MainModule();

    /// <summary>The invocation's CommonJS loader of the hook's packages, created on first use.</summary>
    private ModuleLoader Modules => _loader ??= new ModuleLoader(this, _packages, _hookModule);

    /// <summary>The invocation's module loader (CommonJS and ES modules), created on first use.</summary>
    internal ModuleLoader Loader => Modules;

    /// <summary>Whether this engine's loader (if one was made) has loaded an ES module.</summary>
    internal bool LoadedEsModules => _loader is { LoadedEsModules: true };

    /// <summary>Node's checks of <c>require</c>'s argument: a non-empty string.</summary>
    public string RequireArgument(JsValue[] args)
    {
        var id = args.Length > 0 ? args[0] : JsValue.Undefined;
        if (id is not JsString idString)
        {
            throw Error(Engine.Intrinsics.TypeError, "ERR_INVALID_ARG_TYPE", $"The \"id\" argument must be of type string. Received {DescribeReceived(id)}");
        }

        var name = idString.ToString();
        if (name.Length == 0)
        {
            throw Error(Engine.Intrinsics.TypeError, "ERR_INVALID_ARG_VALUE", "The argument 'id' must be a non-empty string. Received ''");
        }

        return name;
    }

    /// <summary><c>process</c> when the hook or a module has reached it, else null (nothing can listen on it yet).</summary>
    public ObjectInstance? CreatedProcess => _modules.TryGetValue("process", out var process) ? process : null;

    /// <summary>The exports of a built-in module (<see cref="ModuleLoader.IsBuiltin"/>), built once per invocation; throws Node's or HooksDashboard's error otherwise.</summary>
    public ObjectInstance Require(string id)
    {
        var prefixed = id.StartsWith("node:", StringComparison.Ordinal);
        var name = prefixed ? id[5..] : id;
        if (_modules.TryGetValue(name, out var cached))
        {
            return cached;
        }

        if (NodeModules.Provided.TryGetValue(name, out var factory))
        {
            var exports = factory(this) as ObjectInstance
                ?? throw new InvalidOperationException($"Built-in module {name} did not produce an object");
            _modules[name] = exports;
            return exports;
        }

        if (NodeModules.Refused.TryGetValue(name, out var reason))
        {
            throw Error(Engine.Intrinsics.Error, "ERR_HOOKS_MODULE_REFUSED",
                $"Node's '{name}' module is not available to hooks: {reason}");
        }

        if (NodeModules.NotYet.Contains(name))
        {
            throw Error(Engine.Intrinsics.Error, "ERR_HOOKS_MODULE_UNAVAILABLE",
                $"Node's '{name}' module is not available in HooksDashboard hooks yet");
        }

        // Only node:-prefixed names that are not Node's reach here: ModuleLoader sends every other name to packages.
        throw Error(Engine.Intrinsics.Error, "ERR_UNKNOWN_BUILTIN_MODULE", $"No such built-in module: {id}");
    }

    /// <summary>
    /// A built-in as package code (and the built-ins' own scripts) see it: the stand-in of
    /// <see cref="NodeModules.ForPackages"/> for a name refused to the hook's own code, otherwise <see cref="Require"/>.
    /// </summary>
    public ObjectInstance RequireForPackage(string id)
    {
        var name = id.StartsWith("node:", StringComparison.Ordinal) ? id[5..] : id;
        if (!NodeModules.ForPackages.TryGetValue(name, out var factory))
        {
            return Require(id);
        }

        var key = "package:" + name;
        if (_modules.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var exports = factory(this) as ObjectInstance
            ?? throw new InvalidOperationException($"Built-in module {name} did not produce an object");
        _modules[key] = exports;
        return exports;
    }

    /// <summary>Runs <c>Execution/Node/{file}.js</c>'s factory in this engine and returns the exports it builds.</summary>
    public JsValue EvaluateScript(string file, JsValue? binding = null)
    {
        // Module evaluation: counted apart from the call's memory (InvocationAllocationConstraint.BeginModuleLoad).
        Allocations?.BeginModuleLoad();
        try
        {
            if (binding is not null)
            {
                // A module with a host binding can hand the hook bytes it made (Buffer, TextEncoder, crypto, zlib).
                V8Surface.ApplyToBinaryData(Engine);
            }

            var factory = EvaluateWithoutJobs(Engine, NodeScripts.Get(file));
            _internalRequire ??= new ClrFunction(Engine, "require", (_, args) => InternalRequire(args), 1);
            return Engine.Call(factory, JsValue.Undefined, [_internalRequire, binding ?? JsValue.Undefined]);
        }
        finally
        {
            Allocations?.EndModuleLoad();
        }
    }

    /// <summary>The invocation's memory measurement, told when module evaluation starts and ends.</summary>
    internal InvocationAllocationConstraint? Allocations => _allocations ??= Engine.Constraints.Find<InvocationAllocationConstraint>();

    private InvocationAllocationConstraint? _allocations;

    // Jint runs every pending promise job at the end of each Execute/Evaluate, even one nested in running script: a
    // module first required after the hook queued promise jobs would run those jobs at that moment, out of Node's
    // order. Marking the engine's event loop as already processing (the re-entrance guard Jint itself uses) keeps
    // them queued. Reflection on Jint 4.18 internals; when absent the module is evaluated plainly.
    private static readonly System.Reflection.FieldInfo? EventLoopField = typeof(Engine)
        .GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
        .FirstOrDefault(f => f.FieldType.FullName == "Jint.Runtime.EventLoop");

    private static readonly System.Reflection.FieldInfo? ProcessingField = EventLoopField?.FieldType
        .GetField("_isProcessing", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    internal static JsValue EvaluateWithoutJobs(Engine engine, Prepared<Acornima.Ast.Script> script)
    {
        var loop = EventLoopField?.GetValue(engine);
        if (loop is null || ProcessingField is null || ProcessingField.GetValue(loop) is not int and not bool)
        {
            return engine.Evaluate(script);
        }

        var before = ProcessingField.GetValue(loop)!;
        ProcessingField.SetValue(loop, before is int ? 1 : true);
        try
        {
            return engine.Evaluate(script);
        }
        finally
        {
            ProcessingField.SetValue(loop, before);
        }
    }

    /// <summary>What module scripts may require: every built-in, and the helpers under <c>internal/</c>.</summary>
    private ObjectInstance InternalRequire(JsValue[] args) =>
        RequireInternal(TypeConverter.ToString(args.Length > 0 ? args[0] : JsValue.Undefined));

    /// <summary>A built-in or one of the <c>internal/*</c> helper modules (never reachable from the hook's require).</summary>
    public ObjectInstance RequireInternal(string id) =>
        id.StartsWith("internal/", StringComparison.Ordinal) ? RequireInternal(id, () => InternalBinding(id)) : RequireForPackage(id);

    /// <summary>An <c>internal/*</c> helper given the host functions it needs (made only on its first require).</summary>
    public ObjectInstance RequireInternal(string id, Func<JsObject?> binding)
    {
        if (_modules.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var exports = (ObjectInstance)EvaluateScript(id.Replace('/', '-'), binding());
        _modules[id] = exports;
        return exports;
    }

    /// <summary>The host functions an <c>internal/*</c> helper needs, if any.</summary>
    private JsObject? InternalBinding(string id) => id switch
    {
        "internal/fetch" => Execution.Http.FetchBinding.Create(this),
        "internal/http" => Execution.Http.FetchBinding.Create(this),
        "internal/bcrypt" => NodeBcrypt.Binding(this),
        _ => null,
    };

    /// <summary>The hook's <c>console</c>, built on first use.</summary>
    public JsObject Console => _console ??= NodeConsole.Create(this);

    /// <summary>A host function of this engine.</summary>
    public ClrFunction Function(string name, Func<JsValue[], JsValue> body, int length) =>
        new(Engine, name, (_, args) => body(args), length);

    /// <summary><c>queueMicrotask</c>, built from <c>queue_microtask.js</c> with the host's uncaught-error exit.</summary>
    public JsValue CreateQueueMicrotask()
    {
        var binding = new JsObject(Engine);
        binding.Set("uncaught", Function("uncaught", args => throw new UncaughtScriptException(args.Length > 0 ? args[0] : JsValue.Undefined), 1));
        return EvaluateScript("queue_microtask", binding);
    }

    /// <summary>A WHATWG <c>DOMException</c> with its legacy numeric <c>code</c>.</summary>
    public JavaScriptException DomException(string message, string name)
    {
        var constructor = RequireInternal("internal/dom_exception").Get("DOMException");
        return new JavaScriptException(Engine.Construct(constructor, [JsString.Create(message), JsString.Create(name)]));
    }

    /// <summary>Whether <c>process.nextTick</c> has callbacks waiting.</summary>
    public bool HasTicks => _ticks is { Count: > 0 };

    /// <summary><c>process.nextTick(fn, ...args)</c>: queued to run before the promise jobs of the current turn.</summary>
    public void NextTick(JsValue function, JsValue[] arguments) => (_ticks ??= new()).Enqueue((function, arguments));

    /// <summary>
    /// Node's <c>processTicksAndRejections</c>: every queued tick, then every promise job, again until both are empty.
    /// A tick queued by a promise job therefore runs after the jobs already queued, as in Node.
    /// </summary>
    public void ProcessTicksAndJobs()
    {
        do
        {
            while (_ticks is not null && _ticks.TryDequeue(out var tick))
            {
                Engine.Call(tick.Function, JsValue.Undefined, tick.Arguments);
            }

            Engine.Advanced.ProcessTasks();
        }
        while (HasTicks);
    }

    /// <summary>A Node-style error: <c>name</c> from its constructor, and an enumerable <c>code</c>.</summary>
    public JavaScriptException Error(ObjectInstance constructor, string code, string message)
    {
        var error = (ObjectInstance)Engine.Construct(constructor, [JsString.Create(message)]);
        error.Set("code", JsString.Create(code));
        return new JavaScriptException(error);
    }

    /// <summary>Node's description of a wrong argument (<c>determineSpecificType</c>): "type number (5)", "an instance of Foo", "null".</summary>
    public static string DescribeReceived(JsValue value)
    {
        switch (value)
        {
            case JsNull:
                return "null";
            case JsUndefined:
                return "undefined";
            case Jint.Native.Function.Function function:
                return function.Get("name") is JsString { Length: > 0 } fname ? $"function {fname}" : "function ";
            case ObjectInstance obj:
                return obj.Get("constructor") is ObjectInstance ctor && ctor.Get("name") is JsString { Length: > 0 } cname
                    ? $"an instance of {cname}"
                    : "[Object: null prototype] {}";
        }

        var inspected = value switch
        {
            JsString s => "'" + s + "'",
            JsNumber n => n.AsNumber() == 0 && double.IsNegative(n.AsNumber()) ? "-0" : TypeConverter.ToString(n),
            JsBigInt => value + "n",
            _ => value.ToString(),
        };
        if (inspected.Length > 28)
        {
            inspected = string.Concat(inspected.AsSpan(0, 25), "...");
        }

        return string.Create(CultureInfo.InvariantCulture, $"type {value.Type switch { Types.String => "string", Types.Number => "number", Types.Boolean => "boolean", Types.BigInt => "bigint", Types.Symbol => "symbol", _ => "object" }} ({inspected})");
    }
}
