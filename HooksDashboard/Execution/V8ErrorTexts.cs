using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Acornima.Ast;
using AstNode = Acornima.Ast.Node;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace HooksDashboard.Execution;

/// <summary>
/// V8's texts for the errors hook developers read most, where Jint words them without the code that failed:
/// <list type="bullet">
/// <item>a call of something that is not a function names the callee as V8 prints it (<c>issuer.keystore is not a
/// function</c>, <c>(0 , _lib.default) is not a function</c>; Jint: "Property 'keystore' of object is not a function"),
/// also for tagged templates and <c>new</c>;</item>
/// <item>a write through <c>undefined</c>/<c>null</c> (<c>user.app_metadata.roles = [...]</c>) is "Cannot set
/// properties of undefined (setting 'roles')" (Jint: "Cannot convert undefined or null to object");</item>
/// <item><c>for...of</c> over what is not iterable names it ("o.items is not iterable"; Jint: "The value is not
/// iterable");</item>
/// <item>a <c>let</c>/<c>const</c>/<c>class</c> read before its declaration is "Cannot access 'x' before
/// initialization".</item>
/// </list>
/// Jint throws these from inside its interpreter, where no host code runs, so the message is corrected as the
/// exception is thrown: a first-chance exception handler (on the throwing thread, before any JavaScript
/// <c>catch</c> sees the error) finds the syntax node the engine was evaluating, walks down from its script's tree to
/// the failing call or assignment, and rewrites the error's <c>message</c> (its <c>stack</c> is made from the message
/// on first read). Only Jint's own texts are rewritten, and only when the syntax around the node is the construct
/// that produces them; anything else (an error a script throws itself, code from <c>eval</c>, a built-in's error) keeps
/// its message. Checked against node in <c>Cases/error_callee_texts.js</c>.
/// </summary>
internal static class V8ErrorTexts
{
    private const string NotAFunction = " is not a function";
    private const string NotAConstructor = " is not a constructor";
    private const string PropertyPrefix = "Property '";
    private const string PropertySuffix = "' of object is not a function";
    private const string NullishToObject = "Cannot convert undefined or null to object";
    private const string NotIterableSuffix = " is not iterable";
    private const string ReadOnlyPrefix = "Cannot assign to read only property '";
    private const string UndeletablePrefix = "Cannot delete property '";
    private const string OfObject = "' of Object";
    private const string NotInitialized = " has not been initialized";
    private const string NotCallable = "Argument must be callable";

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "GetLastSyntaxElement")]
    private static extern AstNode LastSyntaxElement(Engine engine);

    // The scripts whose nodes can be placed in their tree (hook scripts and package files); weak keys, so a script
    // no engine uses any more is collected as before.
    private static readonly ConditionalWeakTable<Acornima.Ast.Program, object?> Programs = new();

    private static readonly ConditionalWeakTable<ObjectInstance, object?> Seen = new();

    [ThreadStatic]
    private static bool t_inside;

    private static int s_installed;

    /// <summary>Starts correcting messages in this process (once; later calls do nothing).</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 0)
        {
            AppDomain.CurrentDomain.FirstChanceException += OnThrow;
        }
    }

    /// <summary>Makes <paramref name="prepared"/>'s tree one the corrections can look into; returns it.</summary>
    public static Prepared<Script> Register(Prepared<Script> prepared)
    {
        if (prepared.Program is { } program)
        {
            Programs.AddOrUpdate(program, null);
        }

        return prepared;
    }

    private static void OnThrow(object? sender, FirstChanceExceptionEventArgs e)
    {
        if (e.Exception is not JavaScriptException { Error: ObjectInstance error } || t_inside)
        {
            return;
        }

        t_inside = true;
        try
        {
            // An error made without a message has no own message (Jint's conversion errors among them).
            var descriptor = error.GetOwnProperty("message");
            var text = descriptor == PropertyDescriptor.Undefined ? "" : descriptor is { Value: JsString own } && descriptor.IsDataDescriptor() ? own.ToString() : null;
            if (text is null || Classify(text, out var name) is var kind && kind == Kind.None)
            {
                return;
            }

            // Only the first throw of an error is where it was made: a rethrow (by the engine between frames, or by a
            // script's `throw e`) happens elsewhere. (Errors with other texts are never looked at, so not recorded.)
            if (Seen.TryGetValue(error, out _))
            {
                return;
            }

            Seen.AddOrUpdate(error, null);
            if (Corrected(error.Engine, error, text, kind, name) is not { } corrected)
            {
                return;
            }

            error.DefineOwnProperty("message", new PropertyDescriptor(corrected, writable: true, enumerable: false, configurable: true));
        }
        catch (Exception)
        {
            // Never let a correction change what the script sees beyond the text: on any failure the error keeps
            // Jint's message.
        }
        finally
        {
            t_inside = false;
        }
    }

    private static string? Corrected(Engine engine, ObjectInstance error, string message, Kind kind, string? name)
    {
        if ((kind == Kind.NoPrimitive && !ReferenceEquals(error.Prototype, engine.Intrinsics.TypeError.Get("prototype")))
            || LastSyntaxElement(engine) is not { } node || PathTo(node) is not { } path)
        {
            return null;
        }

        return kind switch
        {
            Kind.NotAFunction => CalleeNotAFunction(engine, path, name, message.StartsWith(PropertyPrefix, StringComparison.Ordinal)),
            Kind.NotCallable => node is TaggedTemplateExpression tagged
                ? (!Callable(engine, tagged.Tag, constructor: false) ? V8CallPrinter.Print(tagged.Tag) + NotAFunction : null)
                : CallbackNotAFunction(engine, path),
            Kind.FlatMapper => InnermostCall(path) is { Callee: MemberExpression { Computed: false, Property: Identifier { Name: "flatMap" } } }
                ? "flatMap mapper function is not callable"
                : null,
            Kind.PromiseResolver => PromiseResolver(engine, path),
            // Not where the target is known to be a constructor: `new TypeError('x is not a constructor')` is a new
            // expression too.
            Kind.NotAConstructor => node is NewExpression created && !Callable(engine, created.Callee, constructor: true)
                ? V8CallPrinter.Print(created.Callee) + NotAConstructor
                : null,
            Kind.NotIterable => IterationSubject(path) is { } subject ? NotIterableText(subject) : BuiltinIterable(engine, path),
            Kind.NoArguments => BuiltinIterable(engine, path),
            Kind.ReadOnly => StrictWrite(engine, path, name!),
            Kind.Undeletable => (path[^1] is UnaryExpression { Operator: Acornima.Operator.Delete, Argument: MemberExpression deleted } ? deleted
                    : path is [.., UnaryExpression { Operator: Acornima.Operator.Delete }, MemberExpression argument] ? argument : null) is { } target
                && Read(engine, target.Object, 0) is ObjectInstance holder
                ? $"Cannot delete property '{name}' of {SideEffectFree.Text(engine, holder)}"
                : null,
            Kind.WeakKey => message.StartsWith("WeakMap", StringComparison.Ordinal) ? "Invalid value used as weak map key" : "Invalid value used in weak set",
            Kind.NotInitialized => node is Identifier identifier && identifier.Name == name
                ? $"Cannot access '{name}' before initialization"
                : null,
            // Iterating undefined or null, or destructuring it, fails in Jint where it converts the value to an object.
            Kind.NullishToObject => IterationSubject(path) is { } subject
                ? NotIterableText(subject)
                : NullishWrite(engine, path) ?? NullishDestructuring(engine, path) ?? BuiltinIterable(engine, path),
            Kind.NoPrimitive => NoPrimitive(engine, error, path),
            _ => null,
        };
    }

    private enum Kind
    {
        None,
        NotAFunction,
        NotCallable,
        FlatMapper,
        PromiseResolver,
        NotAConstructor,
        NotIterable,
        NotInitialized,
        NullishToObject,
        NoPrimitive,
        NoArguments,
        WeakKey,
        ReadOnly,
        Undeletable,
    }

    private static Kind Classify(string message, out string? name)
    {
        name = null;
        if (message.EndsWith(PropertySuffix, StringComparison.Ordinal) && message.StartsWith(PropertyPrefix, StringComparison.Ordinal))
        {
            name = message[PropertyPrefix.Length..^PropertySuffix.Length];
            return Kind.NotAFunction;
        }

        if (message.EndsWith(NotAFunction, StringComparison.Ordinal) && message is not ("mapperFunction is not a function" or "Promise resolver is not a function"))
        {
            name = message[..^NotAFunction.Length];
            return Kind.NotAFunction;
        }

        if (message.StartsWith(ReadOnlyPrefix, StringComparison.Ordinal) && message.EndsWith(OfObject, StringComparison.Ordinal))
        {
            name = message[ReadOnlyPrefix.Length..^OfObject.Length];
            return Kind.ReadOnly;
        }

        if (message.StartsWith(UndeletablePrefix, StringComparison.Ordinal) && message.EndsWith(OfObject, StringComparison.Ordinal))
        {
            name = message[UndeletablePrefix.Length..^OfObject.Length];
            return Kind.Undeletable;
        }

        if (message.EndsWith(NotInitialized, StringComparison.Ordinal))
        {
            name = message[..^NotInitialized.Length];
            return Kind.NotInitialized;
        }

        return message switch
        {
            _ when message.EndsWith(NotAConstructor, StringComparison.Ordinal) => Kind.NotAConstructor,
            NullishToObject => Kind.NullishToObject,
            _ when message.EndsWith(NotIterableSuffix, StringComparison.Ordinal) => Kind.NotIterable,
            "" => Kind.NoPrimitive,
            _ when message.StartsWith("no arguments were passed to Promise.", StringComparison.Ordinal) => Kind.NoArguments,
            _ when message.StartsWith("WeakMap key must be an object, got ", StringComparison.Ordinal)
                || message.StartsWith("WeakSet value must be an object or symbol, got ", StringComparison.Ordinal) => Kind.WeakKey,
            NotCallable => Kind.NotCallable,
            "mapperFunction is not a function" => Kind.FlatMapper,
            "Promise resolver is not a function" => Kind.PromiseResolver,
            _ => Kind.None,
        };
    }

    /// <summary>
    /// The failing call: the innermost call around the node whose callee is the one Jint named (by its name, or, for
    /// a callee without one, any callee that is not a plain name or property). The node the engine last evaluated is
    /// the call, its callee, or the last argument read.
    /// </summary>
    private static string? CalleeNotAFunction(Engine engine, List<AstNode> path, string? name, bool property)
    {
        for (var i = path.Count - 1; i >= 0; i--)
        {
            if (path[i] is CallExpression call)
            {
                if (Names(call.Callee, name, property) && !Callable(engine, call.Callee, constructor: false))
                {
                    return V8CallPrinter.Print(call.Callee) + NotAFunction;
                }

                if (!property)
                {
                    return null; // Jint's text without a property name is only trusted for the innermost call
                }
            }

            if (path[i] is IFunction)
            {
                return null; // the call was not in this function
            }
        }

        return null;
    }

    // Array methods whose first argument is a callback: V8 names the value ("undefined is not a function").
    private static readonly HashSet<string> CallbackMethods =
    [
        "map", "forEach", "filter", "reduce", "reduceRight", "find", "findIndex", "findLast", "findLastIndex", "some", "every",
    ];

    /// <summary>
    /// "undefined is not a function" for an array method given a callback that is not one (<c>items.forEach(this.handle)</c>),
    /// when the argument can be read again without running script code (Jint: "Argument must be callable").
    /// </summary>
    private static string? CallbackNotAFunction(Engine engine, List<AstNode> path)
    {
        if (InnermostCall(path) is not { Callee: MemberExpression { Computed: false, Property: Identifier method } callee } call)
        {
            return null;
        }

        int position;
        if (callee.Object is Identifier { Name: "Array" } && method.Name == "from")
        {
            position = 1; // Array.from(items, mapFn)
        }
        else if (CallbackMethods.Contains(method.Name))
        {
            // An array's method; Map's and Set's forEach name the value's type too ("number 3 is not a function").
            var receiver = Read(engine, callee.Object, 0);
            if (method.Name == "forEach" && receiver is JsMap or JsSet)
            {
                var given = call.Arguments.Count > 0 ? Read(engine, call.Arguments[0], 0) : JsValue.Undefined;
                return given is null || given.IsCallable() ? null : TypeAndValue(given) + NotAFunction;
            }

            if (receiver is null ? method.Name == "forEach" : receiver is not JsArray)
            {
                return null;
            }

            position = 0;
        }
        else
        {
            return null;
        }

        var callback = call.Arguments.Count > position ? Read(engine, call.Arguments[position], 0) : JsValue.Undefined;
        return callback is null || callback.IsCallable() ? null : SideEffectFree.Text(engine, callback) + NotAFunction;
    }

    /// <summary>
    /// V8's texts for a write that strict code may not make (Jint: "Cannot assign to read only property 'k' of Object"):
    /// a property created on a primitive, an assignment to a read-only property (naming the object), a getter without a
    /// setter, a property added to an object that is not extensible (frozen, sealed).
    /// </summary>
    private static string? StrictWrite(Engine engine, List<AstNode> path, string key)
    {
        if (path is not [.., AssignmentExpression assignment, MemberExpression target] || !ReferenceEquals(assignment.Left, target)
            || Read(engine, target.Object, 0) is not { } holder)
        {
            return null;
        }

        if (holder is not ObjectInstance obj)
        {
            var shown = TypeConverter.ToString(holder is JsSymbol symbol ? symbol.ToString() : holder);
            var type = holder switch { JsString => "string", JsNumber => "number", JsBoolean => "boolean", JsSymbol => "symbol", JsBigInt => "bigint", _ => null };
            if (type is null)
            {
                return null;
            }

            var own = holder is JsString text && (key == "length" || (uint.TryParse(key, out var index) && index < text.Length && index.ToString(System.Globalization.CultureInfo.InvariantCulture) == key));
            return own
                ? $"Cannot assign to read only property '{key}' of {type} '{shown}'"
                : $"Cannot create property '{key}' on {type} '{shown}'";
        }

        if (!SideEffectFree.TryFindProperty(obj, key, out var property))
        {
            return null;
        }

        if (property.IsAccessorDescriptor())
        {
            return property.Set is null || property.Set.IsUndefined()
                ? $"Cannot set property {key} of {SideEffectFree.Text(engine, obj)} which has only a getter"
                : null;
        }

        if (property != PropertyDescriptor.Undefined && !property.Writable)
        {
            return $"Cannot assign to read only property '{key}' of {(obj.IsCallable() ? "function" : "object")} '{SideEffectFree.Text(engine, obj)}'";
        }

        return obj.GetOwnProperty(key) == PropertyDescriptor.Undefined && !obj.Extensible
            ? $"Cannot add property {key}, object is not extensible"
            : null;
    }

    /// <summary>
    /// "number 3 is not iterable (cannot read property Symbol(Symbol.iterator))" for what Promise's combinators,
    /// <c>Array.from</c> and the Map/Set constructors were given to iterate, when it can be read again.
    /// </summary>
    private static string? BuiltinIterable(Engine engine, List<AstNode> path)
    {
        AstNode? call = null;
        for (var i = path.Count - 1; i >= 0 && call is null; i--)
        {
            call = path[i] switch
            {
                CallExpression { Callee: MemberExpression { Computed: false, Object: Identifier { Name: "Promise" }, Property: Identifier { Name: "all" or "allSettled" or "any" or "race" } } } c => c,
                CallExpression { Callee: MemberExpression { Computed: false, Object: Identifier { Name: "Array" }, Property: Identifier { Name: "from" } } } c => c,
                NewExpression { Callee: Identifier { Name: "Map" or "Set" or "WeakMap" or "WeakSet" } } n => n,
                IFunction => path[i],
                _ => null,
            };
        }

        var arguments = call switch
        {
            CallExpression c => c.Arguments,
            NewExpression n => n.Arguments,
            _ => default,
        };
        if (call is null or IFunction)
        {
            return null;
        }

        var value = arguments.Count > 0 ? Read(engine, arguments[0], 0) : JsValue.Undefined;
        return value is null ? null : TypeAndValue(value) + " is not iterable (cannot read property Symbol(Symbol.iterator))";
    }

    /// <summary>A value as V8's collection methods name it: its type, then a primitive's value.</summary>
    private static string TypeAndValue(JsValue value) => value switch
    {
        JsUndefined => "undefined",
        JsNull => "object null",
        JsNumber => "number " + TypeConverter.ToString(value),
        JsString text => "string \"" + text + "\"",
        JsBoolean flag => "boolean " + TypeConverter.ToString(flag),
        JsSymbol => "symbol",
        JsBigInt => "bigint",
        _ => "object",
    };

    /// <summary>"Promise resolver 5 is not a function" for <c>new Promise(x)</c> with a readable non-function.</summary>
    private static string? PromiseResolver(Engine engine, List<AstNode> path)
    {
        var created = path.LastOrDefault(node => node is NewExpression { Callee: Identifier { Name: "Promise" } }) as NewExpression;
        if (created is null)
        {
            return null;
        }

        var resolver = created.Arguments.Count > 0 ? Read(engine, created.Arguments[0], 0) : JsValue.Undefined;
        return resolver is null || resolver.IsCallable() ? null : "Promise resolver " + SideEffectFree.Text(engine, resolver) + NotAFunction;
    }

    /// <summary>The innermost call around the node, within its function.</summary>
    private static CallExpression? InnermostCall(List<AstNode> path)
    {
        for (var i = path.Count - 1; i >= 0; i--)
        {
            switch (path[i])
            {
                case CallExpression call:
                    return call;
                case IFunction:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="callee"/> is known to be callable (then the error did not come from calling it).</summary>
    private static bool Callable(Engine engine, AstNode callee, bool constructor) =>
        Read(engine, callee, 0) is ObjectInstance value && (constructor ? value.IsConstructor() : value.IsCallable());

    private static bool Names(AstNode callee, string? name, bool property) => callee switch
    {
        Identifier identifier => identifier.Name == name,
        MemberExpression { Computed: false, Property: Identifier key } => key.Name == name,
        MemberExpression { Property: StringLiteral key } => key.Value == name,
        MemberExpression { Property: NumericLiteral key } => TypeConverter.ToString(key.Value) == name,
        MemberExpression { Property: PrivateIdentifier } => false,
        // A computed key's value is not known here; Jint named it.
        MemberExpression => property,
        // Calls, sequences, operators: Jint names the value, not the syntax.
        _ => !property,
    };

    /// <summary>
    /// What failed to iterate: a <c>for...of</c> subject or an array literal's spread argument, when the node is that
    /// expression; or the loop itself when its head has no pattern (a pattern's own failure would look the same).
    /// </summary>
    private static AstNode? IterationSubject(List<AstNode> path)
    {
        var node = path[^1];
        if (node is ForOfStatement loop)
        {
            return loop.Left is VariableDeclaration { Declarations: [{ Id: Identifier }] } or Identifier or MemberExpression ? loop.Right : null;
        }

        // [...x]: the array literal when its one spread argument was a literal.
        if (node is ArrayExpression array && array.Elements.Count(element => element is SpreadElement) == 1)
        {
            return array.Elements.OfType<SpreadElement>().First().Argument;
        }

        // const [a] = x: V8 names x when it is a name or a literal (a property read gets another text).
        if (node is VariableDeclaration { Declarations: [{ Id: ArrayPattern, Init: Identifier or Literal or ObjectExpression or ArrayExpression } only] })
        {
            return only.Init;
        }

        if (path.Count < 2)
        {
            return null;
        }

        return path[^2] switch
        {
            VariableDeclarator { Id: ArrayPattern } declarator when node is Identifier && ReferenceEquals(declarator.Init, node) => node,
            ForOfStatement parent when ReferenceEquals(parent.Right, node) => node,
            SpreadElement spread when path.Count > 2 && path[^3] is ArrayExpression && ReferenceEquals(spread.Argument, node) => node,
            _ => null,
        };
    }

    /// <summary>
    /// "Cannot destructure property 'a' of 'body.user' as it is undefined." for an object pattern in a declaration or
    /// an assignment whose value is undefined or null, when that value can be read again without running script code
    /// (V8 names the type, which Jint's error does not carry); "Cannot destructure 'x' as it is null." when the
    /// pattern does not start with a plain key, and V8's read error when its first key has a default.
    /// </summary>
    private static string? NullishDestructuring(Engine engine, List<AstNode> path)
    {
        var node = path[^1];
        var parent = path.Count > 1 ? path[^2] : null;
        (ObjectPattern Pattern, AstNode Value)? target = (node, parent) switch
        {
            (VariableDeclaration { Declarations: [{ Id: ObjectPattern p, Init: { } init }] }, _) => (p, init),
            (_, VariableDeclarator { Id: ObjectPattern p } declarator) when ReferenceEquals(declarator.Init, node) => (p, node),
            (_, AssignmentExpression { Left: ObjectPattern p } assignment) when ReferenceEquals(assignment.Right, node) => (p, node),
            _ => null,
        };
        if (target is not { } found || Read(engine, found.Value, 0) is not { } value || !(value.IsNull() || value.IsUndefined()))
        {
            return null;
        }

        var type = value.IsNull() ? "null" : "undefined";
        var shown = V8CallPrinter.Print(found.Value);
        var first = found.Pattern.Properties.Count > 0 ? found.Pattern.Properties[0] : null;
        var key = first is AssignmentProperty { Computed: false } property ? property.Key switch
        {
            Identifier identifier => identifier.Name,
            StringLiteral s => s.Value,
            NumericLiteral n => TypeConverter.ToString(n.Value),
            _ => null,
        } : null;
        if (key is null)
        {
            return $"Cannot destructure '{shown}' as it is {type}.";
        }

        return ((AssignmentProperty)first!).Value is AssignmentPattern
            ? $"Cannot read properties of {type} (reading '{key}')"
            : $"Cannot destructure property '{key}' of '{shown}' as it is {type}.";
    }

    /// <summary>
    /// "Cannot convert object to primitive value" where Jint's TypeError has no message: an object without a usable
    /// <c>toString</c>/<c>valueOf</c> (<c>Object.create(null)</c>) in an operator, a template or a conversion. A
    /// TypeError a script creates or throws itself without a message keeps it.
    /// </summary>
    private static string? NoPrimitive(Engine engine, ObjectInstance error, List<AstNode> path)
    {
        var node = path[^1];
        if (!ReferenceEquals(error.Prototype, engine.Intrinsics.TypeError.Get("prototype"))
            || node is NewExpression or ThrowStatement || (path.Count > 1 && path[^2] is ThrowStatement))
        {
            return null;
        }

        return node is BinaryExpression or TemplateLiteral or CallExpression or UnaryExpression or UpdateExpression
            or AssignmentExpression or MemberExpression
            ? "Cannot convert object to primitive value"
            : null;
    }

    private static string NotIterableText(AstNode subject) => subject is CallExpression call
        ? V8CallPrinter.Print(call.Callee) + " is not a function or its return value is not iterable"
        : V8CallPrinter.Print(subject) + " is not iterable";

    /// <summary>
    /// "Cannot set properties of undefined (setting 'roles')" for a plain assignment to a property whose object is
    /// undefined or null. Both the object and a computed key are read again without running any of the script's code:
    /// a binding, <c>this</c>, or data properties along a chain of them; otherwise the message stays Jint's.
    /// </summary>
    private static string? NullishWrite(Engine engine, List<AstNode> path)
    {
        if (path.Count < 2 || path[^1] is not MemberExpression { Optional: false } target
            || path[^2] is not AssignmentExpression { Operator: Acornima.Operator.Assignment } assignment
            || !ReferenceEquals(assignment.Left, target))
        {
            return null;
        }

        if (Read(engine, target.Object, 0) is not { } holder || !(holder.IsNull() || holder.IsUndefined())
            || Key(engine, target) is not { } key)
        {
            return null;
        }

        return $"Cannot set properties of {(holder.IsNull() ? "null" : "undefined")} (setting '{key}')";
    }

    private static string? Key(Engine engine, MemberExpression member)
    {
        JsValue? key = member.Property switch
        {
            Identifier identifier when !member.Computed => identifier.Name,
            StringLiteral s => s.Value,
            NumericLiteral n => n.Value,
            _ when member.Computed => Read(engine, member.Property, 0),
            _ => null,
        };

        return key switch
        {
            JsSymbol symbol => symbol.ToString(),
            JsString or JsNumber or JsBoolean or JsNull or JsUndefined or JsBigInt => TypeConverter.ToString(key),
            _ => null, // an object key is converted by its own code: not run again here
        };
    }

    /// <summary>
    /// The value of <paramref name="expression"/> if it can be known without running script code: a binding or
    /// <c>this</c> (read in the failing code's scope) and data properties of ordinary objects along a member chain.
    /// </summary>
    private static JsValue? Read(Engine engine, AstNode expression, int depth)
    {
        if (depth > 16)
        {
            return null;
        }

        switch (expression)
        {
            case Identifier identifier:
                return engine.Debugger.Evaluate(identifier.Name);
            case ThisExpression:
                return engine.Debugger.Evaluate("this");
            case Literal literal when literal is StringLiteral or NumericLiteral or BooleanLiteral or NullLiteral:
                return JsValue.FromObject(engine, literal.Value);
            case MemberExpression { Optional: false } member when Read(engine, member.Object, depth + 1) is ObjectInstance holder
                && Key(engine, member) is { } key:
                return SideEffectFree.TryDataProperty(holder, key, out var value) ? value : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The nodes from <paramref name="node"/>'s script down to it (the script first), or null when its script is not
    /// one of the registered ones (code from eval or new Function, the engine's own scripts).
    /// </summary>
    private static List<AstNode>? PathTo(AstNode node)
    {
        var file = node.Location.SourceFile;
        foreach (var (program, _) in Programs)
        {
            if (program.Location.SourceFile != file || program.Start > node.Start || program.End < node.End)
            {
                continue;
            }

            var path = new List<AstNode>();
            if (Descend(program, node, path))
            {
                return path;
            }
        }

        return null;
    }

    private static bool Descend(AstNode current, AstNode target, List<AstNode> path)
    {
        path.Add(current);
        if (ReferenceEquals(current, target))
        {
            return true;
        }

        foreach (var child in current.ChildNodes)
        {
            if (child is not null && child.Start <= target.Start && target.End <= child.End && Descend(child, target, path))
            {
                return true;
            }
        }

        path.RemoveAt(path.Count - 1);
        return false;
    }
}
