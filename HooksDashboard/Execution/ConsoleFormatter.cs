using System.Globalization;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime;
using JsFunction = Jint.Native.Function.Function;

namespace HooksDashboard.Execution;

/// <summary>
/// Formats console arguments the way Node's <c>util.format</c> and <c>util.inspect</c> (depth 2, no colors)
/// do, close enough that a hook's logs read as they did on Auth0. It reads own properties without running
/// getters, marks cycles, caps arrays at 100 items and stops once <c>budget</c> characters are produced.
/// </summary>
internal sealed class ConsoleFormatter
{
    private const int MaxNestedStringLength = 10_000;

    // Node's `compact: 3`: an object is printed on one line only when it nests fewer than three levels of objects.
    private const int Compact = 3;

    private readonly Engine _engine;
    private readonly int _budget;
    private readonly InspectOptions _options;
    private readonly List<ObjectInstance> _path = [];
    private int _produced;

    // Node's ctx.circular: objects met again inside themselves, numbered in the order found (per inspected value).
    private Dictionary<ObjectInstance, int>? _circular;

    // Node's ctx.currentDepth: the level of the object formatted last, read when deciding single-line output.
    private int _currentDepth;

    private const string CustomInspectSymbol = "Symbol(nodejs.util.inspect.custom)";
    private ObjectInstance? _skipCustomFor;

    private ConsoleFormatter(Engine engine, int budget, InspectOptions? options = null)
    {
        _engine = engine;
        _budget = budget;
        _options = options ?? InspectOptions.Default;
    }

    /// <summary><c>util.inspect(value, options)</c>.</summary>
    public static string Inspect(Engine engine, JsValue value, InspectOptions options, int budget)
    {
        var formatter = new ConsoleFormatter(engine, Math.Max(budget, 0), options);
        return formatter.InspectTop(value, options.Depth);
    }

    /// <summary><c>util.format(...args)</c>.</summary>
    public static string Format(Engine engine, JsValue[] args, int budget)
    {
        var formatter = new ConsoleFormatter(engine, Math.Max(budget, 0));
        return formatter.FormatArguments(args);
    }

    private string FormatArguments(JsValue[] args)
    {
        if (args.Length == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        var next = 0;
        if (args[0] is JsString format)
        {
            next = 1;
            var text = format.ToString();
            var literalStart = 0;
            for (var i = 0; i < text.Length - 1; i++)
            {
                if (text[i] != '%')
                {
                    continue;
                }

                var directive = text[i + 1];
                string? replacement;
                if (directive == '%')
                {
                    replacement = "%";
                }
                else if (next >= args.Length || "sdifjoOc".IndexOf(directive, StringComparison.Ordinal) < 0)
                {
                    continue; // no argument left, or not a directive: printed as written
                }
                else
                {
                    replacement = FormatDirective(directive, args[next++]);
                }

                sb.Append(text, literalStart, i - literalStart).Append(replacement);
                literalStart = i + 2;
                i++;
            }

            sb.Append(text, literalStart, text.Length - literalStart);
        }

        for (; next < args.Length && sb.Length < _budget; next++)
        {
            if (sb.Length > 0 || next > 0)
            {
                sb.Append(' ');
            }

            sb.Append(args[next] is JsString s ? s.ToString() : InspectTop(args[next], _options.Depth));
        }

        return sb.ToString();
    }

    private string FormatDirective(char directive, JsValue value) => directive switch
    {
        's' => value switch
        {
            JsString s => s.ToString(),
            JsBigInt => value + "n",
            JsNumber n => FormatNumber(n.AsNumber()),
            ObjectInstance o when HasUserToString(o) => SafeToString(value),
            ObjectInstance => InspectValue(value, 0, 0),
            _ => SafeToString(value),
        },
        'd' => value switch
        {
            JsBigInt => value + "n",
            JsSymbol => "NaN",
            _ => FormatNumber(SafeToNumber(value)),
        },
        'i' => value switch
        {
            JsBigInt => value + "n",
            JsSymbol => "NaN",
            _ => FormatNumber(CallGlobal("parseInt", value)),
        },
        'f' => value is JsSymbol ? "NaN" : FormatNumber(CallGlobal("parseFloat", value)),
        'j' => ToJson(value),
        'o' => InspectTop(value, 4),
        'O' => InspectTop(value, _options.Depth),
        _ => string.Empty, // %c: CSS, consumed and dropped as Node does
    };

    /// <summary>One top-level value, as Node inspects each argument: circular references are numbered from 1.</summary>
    private string InspectTop(JsValue value, int depth)
    {
        _circular?.Clear();
        return InspectValue(value, depth, 0);
    }

    private string InspectValue(JsValue value, int depth, int indentation)
    {
        var text = value switch
        {
            JsString s => Quote(s.ToString()),
            JsNumber n => FormatNumber(n.AsNumber()),
            JsBigInt => value + "n",
            JsSymbol => value.ToString(),
            ObjectInstance o => InspectObject(o, depth, indentation),
            _ => value.ToString(), // undefined, null, booleans
        };
        _produced += text.Length;
        return text;
    }

    private string InspectObject(ObjectInstance obj, int depth, int indentation)
    {
        // As Node (showProxy off): a proxy is shown as its target, read without running any of its traps.
        while (JintProxies.Found && JintProxies.IsProxy(obj))
        {
            if (JintProxies.TargetOf(obj) is not { } target)
            {
                return "<Revoked Proxy>";
            }

            obj = target;
        }

        if (obj is JsFunction || obj.IsCallable())
        {
            // Bound functions and other callables are functions to Node too.
            return InspectFunction(obj, depth, indentation);
        }

        if (_path.Contains(obj))
        {
            _circular ??= [];
            if (!_circular.TryGetValue(obj, out var index))
            {
                _circular[obj] = index = _circular.Count + 1;
            }

            return $"[Circular *{index}]";
        }

        if (!ReferenceEquals(_skipCustomFor, obj) && FindCustomInspect(obj) is { } custom)
        {
            return InspectCustom(obj, custom, depth, indentation);
        }

        if (SideEffectFree.IsError(_engine, obj))
        {
            return InspectError(obj, _path.Count == 0 ? _options.Depth : depth, indentation);
        }

        if (obj is JsDate date)
        {
            return InspectDate(date, depth, indentation);
        }

        if (obj is JsRegExp regExp)
        {
            return $"/{regExp.Source}/{regExp.Flags}";
        }

        if (obj is IJsPrimitive boxed)
        {
            return InspectBoxed(obj, boxed, depth, indentation);
        }

        if (obj is JsTypedArray bytes && BufferName(bytes) is { } bufferName)
        {
            // Node's Buffer has its own inspection, used at any depth.
            _path.Add(obj);
            try
            {
                return InspectBuffer(bytes, bufferName, depth, indentation);
            }
            finally
            {
                _path.RemoveAt(_path.Count - 1);
            }
        }

        var prefix = ConstructorPrefix(obj);
        var kind = SpecialKind(obj);
        if (obj is not (JsArray or JsTypedArray or JsMap or JsSet))
        {
            prefix = WithToStringTag(obj, prefix);
        }

        if (depth < 0)
        {
            // Node shows an empty array or an object without keys (plain or of a class) as itself at any depth.
            if (obj is JsArray { Length: 0 } || (obj is not (JsArray or JsTypedArray or JsMap or JsSet or JsArrayBuffer) && kind == Kind.None && !HasEnumerableOwnKey(obj)))
            {
                return obj is JsArray ? "[]" : prefix.Length == 0 ? "{}" : $"{prefix} {{}}";
            }

            // Beyond the depth: the constructor's name (and tag) in brackets; a null prototype's text is bracketed already.
            return obj is JsArray ? "[Array]" : prefix.StartsWith('[') ? prefix : $"[{(prefix.Length == 0 ? "Object" : prefix)}]";
        }

        var level = _path.Count + 1;
        _currentDepth = level;
        _path.Add(obj);
        try
        {
            var entries = new List<string>();
            string open = "{", close = "}";
            switch (obj)
            {
                case JsArray array:
                    open = "[";
                    close = "]";
                    if (prefix.Length > 0 && !prefix.StartsWith('['))
                    {
                        prefix = $"{prefix}({array.Length})"; // a subclass of Array: Node shows its name and length
                    }

                    AddArrayItems(array, entries, depth, indentation);
                    break;
                case JsArrayBuffer buffer:
                    entries.Add(ArrayBufferContents(buffer));
                    entries.Add($"byteLength: {FormatNumber(TypeConverter.ToNumber(buffer.Get("byteLength")))}");
                    break;
                default:
                    AddSpecialEntries(obj, kind, entries, depth, indentation);
                    break;
                case JsTypedArray typed:
                    open = "[";
                    close = "]";
                    prefix = Tagged(prefix, $"({typed.Length})", ToStringTag(typed));
                    AddTypedArrayItems(typed, entries);
                    break;
                case JsMap map:
                    prefix = Tagged(prefix, $"({map.Size})", "Map");
                    foreach (var (key, item) in map)
                    {
                        if (Exhausted) break;
                        entries.Add($"{InspectValue(key, depth - 1, indentation + 2)} => {InspectValue(item, depth - 1, indentation + 2)}");
                    }

                    break;
                case JsSet set:
                    prefix = Tagged(prefix, $"({set.Size})", "Set");
                    foreach (var item in set)
                    {
                        if (Exhausted) break;
                        entries.Add(InspectValue(item, depth - 1, indentation + 2));
                    }

                    break;
            }

            AddProperties(obj, entries, depth, indentation, skipIndices: obj is JsArray or JsTypedArray);
            if (entries.Count == 0)
            {
                return prefix.Length == 0 ? open + close : $"{prefix} {open}{close}";
            }

            if (_circular is not null && _circular.TryGetValue(obj, out var reference))
            {
                prefix = prefix.Length == 0 ? $"<ref *{reference}>" : $"<ref *{reference}> {prefix}";
            }

            var joinEntries = entries;
            if (obj is JsArray or JsTypedArray && entries.Count > 6)
            {
                joinEntries = GroupArrayElements(entries, obj, indentation);
            }

            return Join(prefix, open, close, joinEntries, indentation, singleLineAllowed: _currentDepth - level < Compact && joinEntries.Count == entries.Count);
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
        }
    }

    /// <summary>
    /// As Node: <c>[Function: f]</c>, <c>[AsyncFunction: f]</c>, <c>[GeneratorFunction: f]</c>,
    /// <c>[AsyncGeneratorFunction: f]</c> (by the prototype's constructor), <c>[class A]</c> or <c>[class B extends A]</c>
    /// (by the source text, as Node tells a class), with the function's own enumerable properties after it.
    /// </summary>
    private string InspectFunction(ObjectInstance function, int depth, int indentation)
    {
        var name = ReadOwnData(function, "name") is JsString n && n.Length > 0 ? n.ToString() : null;
        string text;
        if (IsClass(function))
        {
            text = name is null ? "[class (anonymous)" : $"[class {name}";
            if (function.Prototype is JsFunction parent && ReadOwnData(parent, "name") is JsString parentName && parentName.Length > 0)
            {
                text += $" extends {parentName}";
            }

            text += "]";
        }
        else
        {
            var kind = function.Prototype is { } prototype && ReadOwnData(prototype, "constructor") is JsFunction constructor
                && ReadOwnData(constructor, "name") is JsString kindName && kindName.ToString() is "AsyncFunction" or "GeneratorFunction" or "AsyncGeneratorFunction"
                ? kindName.ToString()
                : "Function";
            text = name is null ? $"[{kind} (anonymous)]" : $"[{kind}: {name}]";
        }

        if (depth < 0 && HasEnumerableOwnKey(function))
        {
            // Beyond the depth Node shows a function with properties by its constructor's name only (a class too).
            return $"[{(IsClass(function) ? "Function" : text[1..].Split(':', ' ', ']')[0])}]";
        }

        if (depth < 0 || _path.Contains(function) || !HasEnumerableOwnKey(function))
        {
            return text;
        }

        _path.Add(function);
        try
        {
            var entries = new List<string>();
            AddProperties(function, entries, depth, indentation, skipIndices: false);
            return entries.Count == 0 ? text : Join(text, "{", "}", entries, indentation, singleLineAllowed: true);
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
        }
    }

    /// <summary>
    /// A class: script code whose <c>prototype</c> is read-only, which the language gives class constructors only
    /// (Jint's <c>toString</c> does not show a class's source, which Node tells a class by).
    /// </summary>
    private static bool IsClass(ObjectInstance function) =>
        function is Jint.Native.Function.ScriptFunction
        && function.GetOwnProperty("prototype") is { } prototype && prototype.IsDataDescriptor() && !prototype.Writable;

    /// <summary>Node's <c>groupArrayElements</c>: more than six short array items are laid out in aligned columns.</summary>
    private List<string> GroupArrayElements(List<string> output, ObjectInstance array, int indentation)
    {
        var breakLength = _options.BreakLength;
        var outputLength = output.Count;
        if (outputLength > 0 && output[^1].StartsWith("... ", StringComparison.Ordinal))
        {
            outputLength--; // the "... n more items" entry stays on its own line
        }

        const int separatorSpace = 2;
        var dataLen = new int[outputLength];
        var totalLength = 0;
        var maxLength = 0;
        for (var i = 0; i < outputLength; i++)
        {
            var len = output[i].Length;
            dataLen[i] = len;
            totalLength += len + separatorSpace;
            maxLength = Math.Max(maxLength, len);
        }

        var actualMax = maxLength + separatorSpace;
        if (actualMax * 3 + indentation >= breakLength || (totalLength / (double)actualMax <= 5 && maxLength > 6))
        {
            return output;
        }

        var averageBias = Math.Sqrt(actualMax - totalLength / (double)output.Count);
        var biasedMax = Math.Max(actualMax - 3 - averageBias, 1);
        var columns = (int)Math.Min(
            Math.Min(Math.Round(Math.Sqrt(2.5 * biasedMax * outputLength) / biasedMax), Math.Floor((breakLength - indentation) / (double)actualMax)),
            Math.Min(Compact * 4, 15));
        if (columns <= 1)
        {
            return output;
        }

        var maxLineLength = new List<int>(columns);
        for (var i = 0; i < columns; i++)
        {
            var lineLength = 0;
            for (var j = i; j < output.Count; j += columns)
            {
                if (j < outputLength && dataLen[j] > lineLength)
                {
                    lineLength = dataLen[j];
                }
            }

            maxLineLength.Add(lineLength + separatorSpace);
        }

        // Numbers are right-aligned, anything else left-aligned.
        var padStart = true;
        for (var i = 0; i < output.Count; i++)
        {
            var item = array is JsTypedArray typed ? typed.Get(i) : ReadOwnData(array, JsString.Create(i.ToString(CultureInfo.InvariantCulture)));
            if (item is not JsNumber and not JsBigInt)
            {
                padStart = false;
                break;
            }
        }

        var grouped = new List<string>();
        for (var i = 0; i < outputLength; i += columns)
        {
            var max = Math.Min(i + columns, outputLength);
            var line = new StringBuilder();
            var j = i;
            for (; j < max - 1; j++)
            {
                var cell = output[j] + ", ";
                line.Append(padStart ? cell.PadLeft(maxLineLength[j - i]) : cell.PadRight(maxLineLength[j - i]));
            }

            line.Append(padStart ? output[j].PadLeft(maxLineLength[j - i] - separatorSpace) : output[j]);
            grouped.Add(line.ToString());
        }

        if (outputLength < output.Count)
        {
            grouped.Add(output[outputLength]);
        }

        return grouped;
    }

    private void AddArrayItems(JsArray array, List<string> entries, int depth, int indentation)
    {
        // As Node's formatArray: holes are shown as "<N empty items>", each run one entry of the shown maximum.
        var length = array.Length;
        var shown = Math.Min(length, (uint)Math.Max(_options.MaxArrayLength, 0));
        uint i = 0;
        List<uint>? ownIndices = null;
        for (var count = 0u; i < length && count < shown && !Exhausted; count++)
        {
            var key = JsString.Create(i.ToString(CultureInfo.InvariantCulture));
            if (array.GetOwnProperty(key) == Jint.Runtime.Descriptors.PropertyDescriptor.Undefined)
            {
                ownIndices ??= OwnIndices(array);
                var at = ownIndices.BinarySearch(i);
                var following = at >= 0 ? at + 1 : ~at;
                var next = following < ownIndices.Count ? Math.Min(ownIndices[following], length) : length;
                var holes = next - i;
                entries.Add($"<{holes} empty item{(holes == 1 ? "" : "s")}>");
                i = next;
                continue;
            }

            entries.Add(InspectValue(ReadOwnData(array, key), depth - 1, indentation + 2));
            i++;
        }

        if (length > i)
        {
            var more = length - i;
            entries.Add($"... {more} more item{(more == 1 ? "" : "s")}");
        }
    }

    /// <summary>The array's own indices in order, read once from its keys (a huge sparse array costs what it holds).</summary>
    private static List<uint> OwnIndices(JsArray array)
    {
        var indices = new List<uint>();
        foreach (var key in array.GetOwnPropertyKeys(Types.String))
        {
            if (uint.TryParse(key.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < uint.MaxValue)
            {
                indices.Add(index);
            }
        }

        indices.Sort();
        return indices;
    }

    /// <summary>
    /// The constructor name when <paramref name="typed"/> is a Node <c>Buffer</c> (or a subclass of it): a Uint8Array
    /// with a prototype whose <c>constructor</c> is named <c>Buffer</c>. Read through data properties only, so no
    /// script runs while formatting.
    /// </summary>
    private static string? BufferName(JsTypedArray typed)
    {
        if (!typed.IsUint8Array() || typed.Prototype?.GetOwnProperty("constructor") is not { } own || !own.IsDataDescriptor() || own.Value is not ObjectInstance shown)
        {
            return null;
        }

        for (var proto = typed.Prototype; proto is not null; proto = proto.Prototype)
        {
            if (proto.GetOwnProperty("constructor") is { } descriptor && descriptor.IsDataDescriptor()
                && descriptor.Value is ObjectInstance ctor && ctor.GetOwnProperty("name") is { } name && name.IsDataDescriptor()
                && name.Value is JsString { } text && text.ToString() == "Buffer")
            {
                return shown.GetOwnProperty("name") is { } shownName && shownName.IsDataDescriptor() && shownName.Value is JsString s ? s.ToString() : "Buffer";
            }
        }

        return null;
    }

    /// <summary>Node's <c>Buffer</c> inspection: <c>&lt;Buffer 68 69 ... 3 more bytes, extra: 1&gt;</c>, at most 50 bytes.</summary>
    private string InspectBuffer(JsTypedArray typed, string name, int depth, int indentation)
    {
        const int MaxBytes = 50;
        var length = typed.Length;
        var shown = (int)Math.Min(length, MaxBytes);
        var text = new StringBuilder("<").Append(name).Append(' ');
        for (var i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(((int)TypeConverter.ToNumber(typed.Get(i))).ToString("x2", CultureInfo.InvariantCulture));
        }

        if (length > MaxBytes)
        {
            var more = length - MaxBytes;
            text.Append(" ... ").Append(more).Append(" more byte").Append(more == 1 ? "" : "s");
        }

        var extras = new List<string>();
        AddProperties(typed, extras, depth, indentation, skipIndices: true);
        if (extras.Count > 0)
        {
            text.Append(", ").AppendJoin(", ", extras);
        }

        return text.Append('>').ToString();
    }

    private void AddTypedArrayItems(JsTypedArray typed, List<string> entries)
    {
        var length = typed.Length;
        var shown = Math.Min(length, (uint)Math.Max(_options.MaxArrayLength, 0));
        for (var i = 0; i < shown && !Exhausted; i++)
        {
            var item = typed.Get(i);
            entries.Add(item is JsBigInt ? item + "n" : FormatNumber(TypeConverter.ToNumber(item)));
        }

        if (length > shown)
        {
            var more = length - shown;
            entries.Add($"... {more} more item{(more == 1 ? "" : "s")}");
        }
    }

    private void AddProperties(ObjectInstance obj, List<string> entries, int depth, int indentation, bool skipIndices, string? shownText = null)
    {
        foreach (var key in obj.GetOwnPropertyKeys(Types.String | Types.Symbol))
        {
            if (Exhausted)
            {
                break;
            }

            // Node's removeDuplicateErrorKeys: an error's own name, message or stack already in its printed text.
            if (shownText is not null && key is JsString { } errorKey && errorKey.ToString() is "name" or "message" or "stack"
                && ReadOwnData(obj, key) is JsString shown && shownText.Contains(shown.ToString(), StringComparison.Ordinal))
            {
                continue;
            }

            if (skipIndices && key is JsString s && uint.TryParse(s.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            var descriptor = obj.GetOwnProperty(key);
            if (descriptor == Jint.Runtime.Descriptors.PropertyDescriptor.Undefined || !descriptor.Enumerable)
            {
                continue;
            }

            var name = key is JsSymbol ? $"[{key}]" : FormatKey(key.ToString());
            string shownValue;
            if (descriptor.Get is not null || descriptor.Set is not null)
            {
                // Getters are not run: they are script code and Node does not run them either.
                shownValue = descriptor.Get is null || descriptor.Get.IsUndefined() ? "[Setter]"
                    : descriptor.Set is null || descriptor.Set.IsUndefined() ? "[Getter]" : "[Getter/Setter]";
            }
            else
            {
                shownValue = InspectValue(descriptor.Value ?? JsValue.Undefined, depth - 1, indentation + 2);
            }

            entries.Add($"{name}: {shownValue}");
        }
    }

    /// <summary>
    /// As Node, at any depth: the stack (which starts with "Name: message", ErrorStack), in brackets when it has no
    /// frames, indented to where it is printed; own enumerable properties after it in braces (over several lines when
    /// the stack has).
    /// </summary>
    private string InspectError(ObjectInstance error, int depth, int indentation)
    {
        // Node also shows an error's cause (`[cause]` when it is its own, non-enumerable property) and an AggregateError's
        // errors, after its own properties.
        var cause = error.HasProperty("cause") && !IsOwnEnumerable(error, "cause");
        var errors = SafeGet(error, "errors") is JsArray && !IsOwnEnumerable(error, "errors");
        if (depth < 0 && (HasEnumerableOwnKey(error) || cause || errors))
        {
            // Beyond the depth Node shows an error with properties as its constructor's name (one without, in full).
            var constructor = ConstructorPrefix(error);
            return $"[{(constructor.Length == 0 || constructor.StartsWith('[') ? "Error" : constructor)}]";
        }

        var nameValue = SafeGet(error, "name");
        var name = nameValue.IsUndefined() ? "Error" : SafeToString(nameValue);
        var message = SafeToString(SafeGet(error, "message"));
        var header = message.Length == 0 ? name : $"{name}: {message}";

        // A stack of frames alone (one Jint set on a thrown non-Error object's behalf) gets the header in front.
        var stack = SafeGet(error, "stack") is JsString s ? s.ToString() : string.Empty;
        var text = stack.Length == 0 ? header : ErrorStack.FirstFrame(stack) == 0 ? $"{header}\n{stack}" : stack;
        text = ImproveStack(text, ErrorConstructorName(error), nameValue.IsNull() ? "Error" : name);
        if (ErrorStack.FirstFrame(text) < 0)
        {
            text = $"[{text}]";
        }

        if (indentation > 0)
        {
            text = text.Replace("\n", "\n" + new string(' ', indentation), StringComparison.Ordinal);
        }

        var extras = new List<string>();
        _path.Add(error);
        try
        {
            AddProperties(error, extras, depth, indentation, skipIndices: false, shownText: text);
            if (cause)
                extras.Add(HiddenProperty(error, "cause", depth, indentation));
            if (errors)
                extras.Add(HiddenProperty(error, "errors", depth, indentation));
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
        }

        if (_circular is not null && _circular.TryGetValue(error, out var reference))
            text = $"<ref *{reference}> {text}";

        return extras.Count == 0 ? text : Join(text, "{", "}", extras, indentation, singleLineAllowed: !text.Contains('\n', StringComparison.Ordinal));
    }

    // Node's getConstructorName for an error: the name of the first constructor on the prototype chain, or null when
    // the chain has none (a null prototype).
    private static string? ErrorConstructorName(ObjectInstance error)
    {
        for (var prototype = error.Prototype; prototype is not null; prototype = prototype.Prototype)
        {
            if (ReadOwnData(prototype, "constructor") is ObjectInstance constructor && constructor.IsCallable()
                && ReadOwnData(constructor, "name") is JsString name && name.Length > 0)
            {
                return name.ToString();
            }
        }

        return null;
    }

    // Node's improveStack: a "regular" error whose class is not its name shows both — `RestException [Error]: …` for a
    // subclass that keeps Error's name, `ValidationError: …` when the class's name holds it, `[Error: null prototype]`.
    private static string ImproveStack(string stack, string? constructor, string name)
    {
        var length = name.Length;
        if (constructor is not null && !(name.EndsWith("Error", StringComparison.Ordinal) && stack.StartsWith(name, StringComparison.Ordinal)
            && (stack.Length == length || stack[length] is ':' or '\n')))
        {
            return stack;
        }

        var fallback = "Error";
        if (constructor is null)
        {
            var start = System.Text.RegularExpressions.Regex.Match(stack, @"^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)");
            if (!start.Success)
                start = System.Text.RegularExpressions.Regex.Match(stack, @"^([a-z_A-Z0-9-]*Error)\z");
            fallback = start.Success ? start.Groups[1].Value : string.Empty;
            length = fallback.Length;
            if (fallback.Length == 0)
                fallback = "Error";
        }

        var prefix = constructor ?? $"[{fallback}: null prototype]";
        if (name == prefix)
            return stack;
        if (prefix.Contains(name, StringComparison.Ordinal))
            return length == 0 ? $"{prefix}: {stack}" : prefix + stack[length..];
        return $"{prefix} [{name}]{stack[length..]}";
    }

    private static bool IsOwnEnumerable(ObjectInstance obj, string key)
    {
        var descriptor = obj.GetOwnProperty(key);
        return descriptor != Jint.Runtime.Descriptors.PropertyDescriptor.Undefined && descriptor.Enumerable;
    }

    // A property Node shows although it is not an own enumerable one: `[key]: value` when it is the object's own (hidden),
    // `key: value` when inherited.
    private string HiddenProperty(ObjectInstance obj, string key, int depth, int indentation)
    {
        var descriptor = obj.GetOwnProperty(key);
        if (descriptor == Jint.Runtime.Descriptors.PropertyDescriptor.Undefined)
            return $"{key}: {InspectValue(SafeGet(obj, key), depth - 1, indentation + 2)}";
        var shown = descriptor.Get is not null || descriptor.Set is not null
            ? descriptor.Get is null || descriptor.Get.IsUndefined() ? "[Setter]" : descriptor.Set is null || descriptor.Set.IsUndefined() ? "[Getter]" : "[Getter/Setter]"
            : InspectValue(descriptor.Value ?? JsValue.Undefined, depth - 1, indentation + 2);
        return $"[{key}]: {shown}";
    }

    private string Join(string prefix, string open, string close, List<string> entries, int indentation, bool singleLineAllowed)
    {
        var start = entries.Count + indentation + open.Length + prefix.Length + 10;
        var total = start + entries.Sum(e => e.Length) + entries.Count;
        var head = prefix.Length == 0 ? open : $"{prefix} {open}";
        if (singleLineAllowed && total <= _options.BreakLength && !entries.Any(e => e.Contains('\n', StringComparison.Ordinal)))
        {
            return $"{head} {string.Join(", ", entries)} {close}";
        }

        var pad = "\n" + new string(' ', indentation);
        return $"{head}{pad}  {string.Join($",{pad}  ", entries)}{pad}{close}";
    }

    private bool Exhausted => _produced > _budget;

    private enum Kind { None, Promise, WeakCollection, DataView }

    // Jint's types for these are internal: told apart by their CLR type's name (pinned with Jint's version; the
    // Cases/console_values.js comparison with Node fails if an upgrade renames them).
    private static Kind SpecialKind(ObjectInstance obj) => obj.GetType().Name switch
    {
        "JsPromise" => Kind.Promise,
        "JsWeakMap" or "JsWeakSet" => Kind.WeakCollection,
        "JsDataView" => Kind.DataView,
        _ => Kind.None,
    };

    /// <summary>Node's prefix for a built-in's subclass: <c>Foo(1) [Map]</c>, the built-in's own <c>Map(1)</c>.</summary>
    private static string Tagged(string constructorName, string size, string tag) =>
        constructorName.Length == 0 || constructorName == tag ? $"{tag}{size}"
        : constructorName.StartsWith('[') ? $"{constructorName} [{tag}{size}]"
        : $"{constructorName}{size} [{tag}]";

    /// <summary>
    /// Node's <c>getPrefix</c> for an object whose <c>Symbol.toStringTag</c> (inherited, or an own property that is not
    /// enumerable) differs from its constructor's name: <c>Object [Intl]</c>, <c>DateTimeFormat [Intl.DateTimeFormat]</c>,
    /// <c>Object [AxiosHeaders]</c>. The tag is read as Node reads it (a getter runs).
    /// </summary>
    private static string WithToStringTag(ObjectInstance obj, string prefix)
    {
        if (obj.Prototype is null || obj is JsArguments)
        {
            return prefix;
        }

        var tag = ToStringTag(obj);
        if (tag.Length == 0 || obj.GetOwnProperty(GlobalSymbolRegistry.ToStringTag) is { Enumerable: true })
        {
            return prefix;
        }

        var name = prefix.Length == 0 ? "Object" : prefix;
        return name == tag ? prefix : $"{name} [{tag}]";
    }

    private static string ToStringTag(ObjectInstance obj)
    {
        try
        {
            return obj.Get(GlobalSymbolRegistry.ToStringTag) is JsString tag ? tag.ToString() : string.Empty;
        }
        catch (JavaScriptException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// What Node shows inside the braces of a promise (<c>&lt;pending&gt;</c>, its value, <c>&lt;rejected&gt; reason</c>),
    /// a weak collection (<c>&lt;items unknown&gt;</c>) and a DataView (its length, offset and buffer).
    /// </summary>
    private void AddSpecialEntries(ObjectInstance obj, Kind kind, List<string> entries, int depth, int indentation)
    {
        switch (kind)
        {
            case Kind.Promise:
                var (state, value) = PromiseDetails(obj);
                entries.Add(state switch
                {
                    "pending" => "<pending>",
                    "rejected" => $"<rejected> {InspectValue(value, depth - 1, indentation + 2)}",
                    _ => InspectValue(value, depth - 1, indentation + 2),
                });
                break;
            case Kind.WeakCollection:
                entries.Add("<items unknown>");
                break;
            case Kind.DataView:
                foreach (var name in (ReadOnlySpan<string>)["byteLength", "byteOffset", "buffer"])
                {
                    entries.Add($"{name}: {InspectValue(obj.Get(name), depth - 1, indentation + 2)}");
                }

                break;
        }
    }

    private static readonly System.Reflection.PropertyInfo? PromiseState =
        typeof(Engine).Assembly.GetType("Jint.Native.JsPromise")?.GetProperty("State", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    private static readonly System.Reflection.PropertyInfo? PromiseValue =
        typeof(Engine).Assembly.GetType("Jint.Native.JsPromise")?.GetProperty("Value", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    /// <summary>A promise's state ("pending", "fulfilled", "rejected") and value, read without running script.</summary>
    internal static (string State, JsValue Value) PromiseDetails(ObjectInstance promise)
    {
        var state = PromiseState?.GetValue(promise)?.ToString()?.ToLowerInvariant() ?? "pending";
        return state == "pending" ? (state, JsValue.Undefined) : (state, PromiseValue?.GetValue(promise) as JsValue ?? JsValue.Undefined);
    }

    /// <summary>Node's <c>[Uint8Contents]: &lt;00 01 ...&gt;</c> of an ArrayBuffer, at most 100 bytes.</summary>
    private string ArrayBufferContents(JsArrayBuffer buffer)
    {
        // A view of the bytes shown only: the buffer itself may be large (and is not copied).
        var length = (long)TypeConverter.ToNumber(buffer.Get("byteLength"));
        var shown = (int)Math.Min(length, Math.Max(_options.MaxArrayLength, 0));
        var bytes = _engine.Construct(_engine.Intrinsics.Uint8Array, [buffer, JsNumber.Create(0), JsNumber.Create(shown)]).AsUint8Array();
        var text = new StringBuilder("[Uint8Contents]: <");
        for (var i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        if (length > shown)
        {
            var more = length - shown;
            text.Append(" ... ").Append(more).Append(" more byte").Append(more == 1 ? "" : "s");
        }

        return text.Append('>').ToString();
    }

    /// <summary>
    /// Node's boxed primitives: <c>[Boolean: true]</c>, <c>[String: 'xy']</c> (its indices and length not shown),
    /// <c>[Number: -0]</c>, <c>[BigInt: 1n]</c>, <c>[Symbol: Symbol(q)]</c>, with own enumerable properties after it.
    /// </summary>
    private string InspectBoxed(ObjectInstance obj, IJsPrimitive boxed, int depth, int indentation)
    {
        var primitive = boxed.PrimitiveValue;
        var type = primitive switch
        {
            JsBoolean => "Boolean",
            JsString => "String",
            JsNumber => "Number",
            JsBigInt => "BigInt",
            _ => "Symbol",
        };
        if (depth < 0 && HasEnumerableOwnKey(obj))
        {
            return $"[{type}]"; // beyond the depth, as Node (one without properties is shown whole)
        }

        var text = $"[{type}: {InspectValue(primitive, depth, indentation)}]";
        var entries = new List<string>();
        _path.Add(obj);
        try
        {
            AddProperties(obj, entries, depth, indentation, skipIndices: primitive is JsString);
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
        }

        return entries.Count == 0 ? text : Join(text, "{", "}", entries, indentation, singleLineAllowed: true);
    }

    // As Node: the time, after the class's name when it is not Date itself (`PlainDate 1970-01-01T00:00:00.000Z`), then
    // the date's own properties.
    private string InspectDate(JsDate date, int depth, int indentation)
    {
        var text = FormatDate(date.DateValue);
        var prefix = date.Prototype is null ? "[Date: null prototype]" : ConstructorPrefix(date);
        if (prefix.Length > 0 && prefix != "Date")
            text = prefix + " " + text;
        if (!HasEnumerableOwnKey(date))
            return text;
        var entries = new List<string>();
        _path.Add(date);
        try
        {
            AddProperties(date, entries, depth, indentation, skipIndices: false);
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
        }

        return entries.Count == 0 ? text : Join(text, "{", "}", entries, indentation, singleLineAllowed: true);
    }

    private static string ConstructorPrefix(ObjectInstance obj)
    {
        var prototype = obj.Prototype;
        if (prototype is null)
        {
            return "[Object: null prototype]";
        }

        if (obj is JsArguments)
        {
            return "[Arguments]";
        }

        // The binary types' constructor is the allocation guard's proxy of it (AllocationGuard): callable, not a Function.
        if (ReadOwnData(prototype, "constructor") is ObjectInstance constructor && constructor.IsCallable()
            && ReadOwnData(constructor, "name") is JsString name
            && name.Length > 0)
        {
            var text = name.ToString();
            return text is "Object" or "Array" ? string.Empty : text;
        }

        return string.Empty;
    }

    private static bool HasEnumerableOwnKey(ObjectInstance obj)
    {
        foreach (var key in obj.GetOwnPropertyKeys(Types.String | Types.Symbol))
        {
            if (obj.GetOwnProperty(key) is { Enumerable: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A <c>[util.inspect.custom]</c> method found as a data property on <paramref name="obj"/> or its prototypes
    /// (no getter runs), as Node's <c>customInspect: true</c> default honours; built-ins such as <c>URL</c> use it.
    /// </summary>
    private static JsFunction? FindCustomInspect(ObjectInstance obj)
    {
        // Matched by the symbol's description (Symbol.for's registry is not public in Jint): no script runs to find it.
        for (var current = obj; current is not null; current = current.Prototype)
        {
            foreach (var key in current.GetOwnPropertyKeys(Types.Symbol))
            {
                if (key.ToString() == CustomInspectSymbol)
                {
                    var descriptor = current.GetOwnProperty(key);
                    return descriptor.IsDataDescriptor() ? descriptor.Value as JsFunction : null;
                }
            }
        }

        return null;
    }

    // Node's formatValue: the method gets (depth, options, inspect); a string result is printed as is (re-indented),
    // anything else is inspected in its place.
    private string InspectCustom(ObjectInstance obj, JsFunction custom, int depth, int indentation)
    {
        var options = new JsObject(_engine);
        options.Set("depth", JsNumber.Create(depth == int.MaxValue ? double.PositiveInfinity : depth));
        options.Set("breakLength", JsNumber.Create(_options.BreakLength));
        options.Set("maxArrayLength", JsNumber.Create(_options.MaxArrayLength));
        options.Set("indentationLvl", JsNumber.Create(indentation));
        var budget = _budget - _produced;
        var inspect = new Jint.Runtime.Interop.ClrFunction(_engine, "inspect", (_, args) =>
        {
            var given = args.Length > 1 && args[1] is ObjectInstance o ? Node.NodeUtil.ReadInspectOptions(o, _options) : _options;
            return JsString.Create(Inspect(_engine, args.Length > 0 ? args[0] : JsValue.Undefined, given, budget));
        }, 2);
        var result = _engine.Call(custom, obj, [options.Get("depth"), options, inspect]);
        if (result is not JsString text)
        {
            return ReferenceEquals(result, obj) ? InspectObjectPlain(obj, depth, indentation) : InspectValue(result, depth, indentation);
        }

        var printed = text.ToString();
        return indentation == 0 ? printed : printed.Replace("\n", "\n" + new string(' ', indentation), StringComparison.Ordinal);
    }

    private string InspectObjectPlain(ObjectInstance obj, int depth, int indentation)
    {
        _skipCustomFor = obj;
        try
        {
            return InspectObject(obj, depth, indentation);
        }
        finally
        {
            _skipCustomFor = null;
        }
    }

    private static JsValue ReadOwnData(ObjectInstance obj, JsValue key)
    {
        var descriptor = obj.GetOwnProperty(key);
        return descriptor.IsDataDescriptor() ? descriptor.Value ?? JsValue.Undefined : JsValue.Undefined;
    }

    /// <summary>
    /// Node's test for <c>%s</c> (its <c>hasBuiltInToString</c>, negated): a function is converted (its source); a proxy
    /// is judged by its target; a <c>Symbol.toPrimitive</c> of the script's own (on the object or on a class that is not a
    /// built-in one) converts; an object without a callable <c>toString</c> is inspected; an own <c>toString</c>, or the
    /// nearest one in the prototype chain on an object whose <c>constructor</c> is not one of the built-in classes (Array,
    /// Date, Error, Object, ...), converts; otherwise the value is inspected.
    /// </summary>
    private static bool HasUserToString(ObjectInstance obj)
    {
        if (obj.IsCallable())
        {
            return true;
        }

        if (JintProxies.IsProxy(obj))
        {
            if (JintProxies.TargetOf(obj) is not { } target)
            {
                return false;
            }

            obj = target;
        }

        if (Holder(obj, GlobalSymbolRegistry.ToPrimitive) is { } primitive && !IsBuiltInHolder(primitive))
        {
            return true;
        }

        if (!SafeGet(obj, "toString").IsCallable())
        {
            return false;
        }

        if (obj.GetOwnProperty("toString") != Jint.Runtime.Descriptors.PropertyDescriptor.Undefined)
        {
            return true;
        }

        return obj.Prototype is not { } prototype || Holder(prototype, "toString") is not { } holder || !IsBuiltInHolder(holder);
    }

    // The object in the chain from `obj` that holds `key` as its own property.
    private static ObjectInstance? Holder(ObjectInstance obj, JsValue key)
    {
        for (ObjectInstance? current = obj; current is not null; current = current.Prototype)
        {
            if (current.GetOwnProperty(key) != Jint.Runtime.Descriptors.PropertyDescriptor.Undefined)
            {
                return current;
            }
        }

        return null;
    }

    private static bool IsBuiltInHolder(ObjectInstance holder)
    {
        var constructor = holder.GetOwnProperty("constructor");
        return constructor.IsDataDescriptor() && constructor.Value is ObjectInstance ctor && ctor.IsCallable()
            && SafeGet(ctor, "name") is JsString name && IsBuiltInClassName(name.ToString());
    }

    // Node's builtInObjects: the class-like names of a bare V8 context's global object (Node's own globals, such as
    // Buffer and URL, are not among them: a Buffer's toString is called).
    private static readonly HashSet<string> BuiltInClassNames = new[]
    {
        "Object", "Function", "Array", "Number", "Infinity", "NaN", "Boolean", "String", "Symbol", "Date", "Promise", "RegExp", "Error",
        "AggregateError", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "JSON", "Math", "Intl",
        "ArrayBuffer", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array", "Int32Array", "Float32Array", "Float64Array",
        "Uint8ClampedArray", "BigUint64Array", "BigInt64Array", "DataView", "Map", "BigInt", "Set", "WeakMap", "WeakSet", "Proxy", "Reflect",
        "FinalizationRegistry", "WeakRef", "SharedArrayBuffer", "Atomics", "WebAssembly",
    }.ToHashSet(StringComparer.Ordinal);

    private static bool IsBuiltInClassName(string name) => BuiltInClassNames.Contains(name);

    private static JsValue SafeGet(ObjectInstance obj, string key)
    {
        try
        {
            return obj.Get(key);
        }
        catch (JavaScriptException)
        {
            return JsValue.Undefined;
        }
    }

    private static string SafeToString(JsValue value)
    {
        try
        {
            return value is JsSymbol ? value.ToString() : TypeConverter.ToString(value);
        }
        catch (JavaScriptException)
        {
            return "[object]";
        }
    }

    private static double SafeToNumber(JsValue value)
    {
        try
        {
            return TypeConverter.ToNumber(value);
        }
        catch (JavaScriptException)
        {
            return double.NaN;
        }
    }

    private double CallGlobal(string function, JsValue value)
    {
        try
        {
            return TypeConverter.ToNumber(_engine.Call(_engine.Global.Get(function), JsValue.Undefined, [JsString.Create(SafeToString(value))]));
        }
        catch (JavaScriptException)
        {
            return double.NaN;
        }
    }

    private string ToJson(JsValue value)
    {
        try
        {
            return new JsonSerializer(_engine).Serialize(value) is JsString json ? json.ToString() : "undefined";
        }
        catch (JavaScriptException ex) when (ex.Message.Contains("cyclic", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("circular", StringComparison.OrdinalIgnoreCase))
        {
            return "[Circular]";
        }
    }

    private static string FormatNumber(double number) =>
        number == 0 && double.IsNegative(number) ? "-0" : TypeConverter.ToString(number);

    private static string FormatDate(double time)
    {
        if (double.IsNaN(time))
        {
            return "Invalid Date";
        }

        // toISOString's text over the whole range (±275,760 years): years outside 0-9999 as ±YYYYYY.
        var ms = (long)time;
        var days = Math.DivRem(ms, 86_400_000L, out var msOfDay);
        if (msOfDay < 0)
        {
            days--;
            msOfDay += 86_400_000L;
        }

        // Howard Hinnant's days-to-civil, shifted so that eras start on March 1st.
        var z = days + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var shiftedMonth = (5 * dayOfYear + 2) / 153;
        var day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        var month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        var year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        var yearText = year is >= 0 and <= 9999
            ? year.ToString("0000", CultureInfo.InvariantCulture)
            : (year < 0 ? "-" : "+") + Math.Abs(year).ToString("000000", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{yearText}-{month:00}-{day:00}T{msOfDay / 3_600_000:00}:{msOfDay / 60_000 % 60:00}:{msOfDay / 1000 % 60:00}.{msOfDay % 1000:000}Z");
    }

    private static string FormatKey(string key)
    {
        // Node's keyStrRegExp, /^[a-zA-Z_][a-zA-Z_0-9]*$/: a `$` is quoted ('$metadata').
        var identifier = key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_')
            && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return identifier ? key : Quote(key);
    }

    /// <summary>
    /// Node's <c>strEscape</c>: single quotes, or double quotes when the text has single ones and no double ones, or
    /// backticks when it has both (and no backtick or <c>${</c>); control characters as <c>\b \t \n \f \r</c> or
    /// <c>\xNN</c>, lone surrogates as <c>\uXXXX</c>.
    /// </summary>
    private static string Quote(string text)
    {
        var truncated = text.Length > MaxNestedStringLength;
        var shown = truncated ? text[..MaxNestedStringLength] : text;
        var quote = '\'';
        if (shown.Contains('\'', StringComparison.Ordinal))
        {
            if (!shown.Contains('"', StringComparison.Ordinal))
            {
                quote = '"';
            }
            else if (!shown.Contains('`', StringComparison.Ordinal) && !shown.Contains("${", StringComparison.Ordinal))
            {
                quote = '`';
            }
        }

        var sb = new StringBuilder(shown.Length + 2).Append(quote);
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            switch (c)
            {
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                case '\\': sb.Append("\\\\"); break;
                default:
                    if (c < 0x20 || c is >= '\x7F' and <= '\x9F')
                    {
                        sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1])))
                    {
                        if (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(shown[i - 1]))
                        {
                            sb.Append(c);
                        }
                        else
                        {
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                    }
                    else
                    {
                        if (c == quote)
                        {
                            sb.Append('\\');
                        }

                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append(quote);
        if (truncated)
        {
            sb.Append("... ").Append(text.Length - MaxNestedStringLength).Append(" more characters");
        }

        return sb.ToString();
    }
}

/// <summary>The <c>util.inspect</c> options the formatter honours (Node's defaults).</summary>
internal sealed record InspectOptions
{
    public static InspectOptions Default { get; } = new();

    /// <summary>Levels of nesting shown before <c>[Object]</c>; <see cref="int.MaxValue"/> for Node's <c>null</c>/Infinity.</summary>
    public int Depth { get; init; } = 2;

    /// <summary>Array, Set and Map items shown before "... n more items".</summary>
    public int MaxArrayLength { get; init; } = 100;

    /// <summary>Line length past which an object is printed over several lines.</summary>
    public int BreakLength { get; init; } = 80;
}
