using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace HooksDashboard.Execution;

/// <summary>
/// Turns a hook's result straight into a <see cref="JsonNode"/> tree, giving what <c>JSON.stringify</c> followed by
/// <c>JsonNode.Parse</c> gave, without the text in
/// between: <c>toJSON</c> (own or inherited, called with the key), getters and proxy traps run in the order
/// <c>JSON.stringify</c> runs them; only own enumerable string keys, in the engine's own-key order; boxed primitives
/// unwrapped; undefined, functions and symbols left out of objects and written as null in arrays; non-finite
/// numbers null; BigInt and cycles throw the engine's TypeErrors. The size of the JSON text is counted exactly as
/// the engine would have written it (UTF-8 bytes, JSON.stringify's escapes), and 65 levels of nesting are refused
/// with the message <see cref="JsonNode"/>'s reader gave.
/// </summary>
/// <remarks>
/// Numbers (and the rare strings holding a lone surrogate, and <c>JSON.rawJSON</c> values) become nodes backed by one
/// small JSON document per result, written as the engine writes them, so they read, compare and print exactly as
/// the parsed nodes did (<c>GetValue&lt;int&gt;()</c> on 5, <c>1e+21</c> printed as such). One instance per
/// invocation; not re-entrant (cb refuses a second call while the first one's result is converted).
/// </remarks>
internal sealed class JsToJson
{
    /// <summary>What <c>JsonNode.Parse</c> accepts by default.</summary>
    public const int MaxDepth = 64;

    private const int ConstraintCheckInterval = 10_000; // Jint's Engine.ConstraintCheckInterval

    private static readonly JsString ToJsonKey = new("toJSON");
    private static readonly JsString LengthKey = new("length");
    private static readonly JsString RawJsonKey = new("rawJSON");

    // JSON.rawJSON's object type is internal to Jint; its serializer writes the text through verbatim.
    private static readonly Type? RawJsonType = typeof(Engine).Assembly.GetType("Jint.Native.Json.JsRawJson");
    private static readonly Type? NumberInstanceType = typeof(Engine).Assembly.GetType("Jint.Native.Number.NumberInstance");
    private static readonly Type? StringInstanceType = typeof(Engine).Assembly.GetType("Jint.Native.String.StringInstance");
    private static readonly Type? BooleanInstanceType = typeof(Engine).Assembly.GetType("Jint.Native.Boolean.BooleanInstance");
    private static readonly Type? BigIntInstanceType = typeof(Engine).Assembly.GetType("Jint.Native.BigInt.BigIntInstance");

    /// <summary>
    /// Whether every internal Jint type the walk tells apart by reflection (boxed primitives, raw JSON, a proxy's target)
    /// was found. A Jint version that renamed one would make the walk differ from <c>JSON.stringify</c> (a boxed number
    /// written as <c>{}</c>), so the executor then keeps the serialize-then-parse path instead (<see cref="JintInvocation"/>).
    /// </summary>
    public static bool Supported { get; } =
        RawJsonType is not null && NumberInstanceType is not null && StringInstanceType is not null
        && BooleanInstanceType is not null && BigIntInstanceType is not null && JintProxies.Found;

    private readonly Engine _engine;
    private readonly List<ObjectInstance> _stack = [];
    // Values held as JSON text: where each goes, and the text of all of them as one JSON array.
    private readonly List<Pending> _pending = [];

    private readonly record struct Pending(JsonNode? Container, string? Key, int Index);
    private readonly ArrayBufferWriter<byte> _pendingText = new(64);

    private readonly byte[] _scratch = new byte[32];
    private long _bytes;
    private long _maxBytes;
    private int _visited;
    private bool _build;
    private string? _depthError;

    public JsToJson(Engine engine)
    {
        _engine = engine;
    }

    /// <summary>
    /// The result as JSON nodes, or null when it has no JSON representation (undefined, a function, a symbol, or a
    /// <c>toJSON</c> returning one) or is null itself.
    /// </summary>
    /// <exception cref="JavaScriptException">A getter, trap or <c>toJSON</c> threw, a BigInt, or a cycle.</exception>
    /// <exception cref="ScriptLimitException">Larger than <paramref name="maxBytes"/> as JSON, or nested too deep.</exception>
    public JsonNode? Convert(JsValue value, int maxBytes, string subject)
    {
        _bytes = 0;
        _maxBytes = maxBytes;
        _visited = 0;
        _build = true;
        _depthError = null;
        _stack.Clear();
        _pending.Clear();
        _pendingText.ResetWrittenCount();
        try
        {
            // JSON.stringify returns undefined for a function without even looking for toJSON.
            if (value.IsCallable())
            {
                return null;
            }

            var resolved = Resolve(JsString.Empty, value);
            if (!HasRepresentation(resolved))
            {
                return null;
            }

            var root = Value(resolved, null, null, 0, depth: 0);
            if (_bytes > maxBytes)
            {
                throw new ScriptLimitException($"{subject} is {_bytes} bytes as JSON; the limit is {maxBytes} bytes");
            }

            if (_depthError is not null)
            {
                throw new ScriptLimitException($"{subject} cannot be returned: {_depthError}");
            }

            return _pending.Count == 0 ? root : FillPending(root);
        }
        catch (InsufficientExecutionStackException) when (_depthError is not null)
        {
            // Thousands of levels: refused for its depth, which is certain, before the walk runs out of stack (the
            // engine's serializer went deeper before the parse refused it, so the size of such a result is unknown).
            throw new ScriptLimitException($"{subject} cannot be returned: {_depthError}");
        }
        finally
        {
            _stack.Clear();
            _pending.Clear();
            if (_pendingText.Capacity > 64 * 1024)
            {
                _pendingText.Clear();
            }
        }
    }

    /// <summary>SerializeJSONProperty's first steps: toJSON, then boxed primitives unwrapped.</summary>
    private JsValue Resolve(JsValue key, JsValue value)
    {
        if (value is ObjectInstance obj)
        {
            var toJson = obj.Get(ToJsonKey);
            if (toJson.IsCallable() && toJson is ObjectInstance function)
            {
                value = _engine.Call(function, value, new JsValue[] { key });
            }
        }
        else if (value.IsBigInt())
        {
            // GetV on a primitive: BigInt.prototype's toJSON, if a script installed one.
            // (the intrinsic Object() is ToObject for a BigInt: its wrapper, whose prototype is BigInt.prototype).
            var toJson = _engine.Call(_engine.Intrinsics.Object, new JsValue[] { value }) is ObjectInstance wrapper
                ? wrapper.Get(ToJsonKey, value)
                : JsValue.Undefined;
            if (toJson.IsCallable() && toJson is ObjectInstance function)
            {
                value = _engine.Call(function, value, new JsValue[] { key });
            }
        }

        if (value is ObjectInstance boxed && boxed is not JsObject and not JsArray)
        {
            // Jint's wrapper types are internal: compared by type, as the serializer's own type tests do.
            // (Number.prototype and its kin are subclasses holding the slot too.)
            if (NumberInstanceType?.IsInstanceOfType(boxed) == true)
            {
                value = JsNumber.Create(TypeConverter.ToNumber(boxed));
            }
            else if (StringInstanceType?.IsInstanceOfType(boxed) == true)
            {
                value = JsString.Create(TypeConverter.ToString(boxed));
            }
            else if (BooleanInstanceType?.IsInstanceOfType(boxed) == true)
            {
                value = boxed.ToObject() is true ? JsBoolean.True : JsBoolean.False; // [[BooleanData]], no user code
            }
            else if (BigIntInstanceType?.IsInstanceOfType(boxed) == true)
            {
                throw BigIntError();
            }
        }

        return value;
    }

    private JavaScriptException BigIntError() => new(_engine.Intrinsics.TypeError, "Do not know how to serialize a BigInt");

    private static bool HasRepresentation(JsValue value) =>
        !value.IsUndefined() && !value.IsSymbol() && !value.IsCallable();

    /// <summary>One value with a representation, counted and (while building) turned into a node.</summary>
    private JsonNode? Value(JsValue value, JsonNode? container, string? key, int index, int depth)
    {
        if (++_visited % ConstraintCheckInterval == 0)
        {
            _engine.Constraints.Check();
        }

        if (_bytes > _maxBytes)
        {
            _build = false; // refused at the end with the full count; nothing more is built
        }

        if (value.IsNull())
        {
            _bytes += 4;
            return null;
        }

        if (value.IsBoolean())
        {
            var b = value.AsBoolean();
            _bytes += b ? 4 : 5;
            return _build ? JsonValue.Create(b) : null;
        }

        if (value.IsString())
        {
            var text = value.ToString();
            var length = QuotedLength(text, out var loneSurrogate);
            _bytes += length;
            if (!_build)
            {
                return null;
            }

            if (loneSurrogate)
            {
                // Written as \udXXX; the parsed node kept that text (reading it throws, as it did).
                Defer(container, key, index);
                WriteQuoted(text);
                return null;
            }

            return JsonValue.Create(text);
        }

        if (value.IsNumber())
        {
            var number = value.AsNumber();
            if (!double.IsFinite(number))
            {
                _bytes += 4;
                return null;
            }

            if (_build)
            {
                Defer(container, key, index);
                var span = _pendingText.GetSpan(32);
                var length = FormatNumber(number, span);
                _pendingText.Advance(length);
                _bytes += length;
            }
            else
            {
                _bytes += FormatNumber(number, _scratch);
            }

            return null;
        }

        if (value.IsBigInt())
        {
            throw BigIntError();
        }

        var obj = (ObjectInstance)value;
        if (RawJsonType is not null && obj.GetType() == RawJsonType)
        {
            var raw = TypeConverter.ToString(obj.Get(RawJsonKey));
            _bytes += System.Text.Encoding.UTF8.GetByteCount(raw);
            if (_build)
            {
                Defer(container, key, index);
                var span = _pendingText.GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(raw.Length));
                _pendingText.Advance(System.Text.Encoding.UTF8.GetBytes(raw, span));
            }

            return null;
        }

        if (depth >= MaxDepth && _depthError is null)
        {
            // JsonNode.Parse refused the 65th level at its opening bracket; the walk goes on, as the engine's
            // serializer went on, so getters run and the size is counted as before.
            var bracket = IsArrayLike(obj) ? "array" : "object";
            _depthError = $"The maximum configured depth of {MaxDepth} has been exceeded. Cannot read next JSON {bracket}. LineNumber: 0 | BytePositionInLine: {_bytes}.";
            _build = false;
        }

        Enter(obj);
        try
        {
            return IsArrayLike(obj) ? ArrayNode(obj, depth + 1) : ObjectNode(obj, depth + 1);
        }
        finally
        {
            _stack.RemoveAt(_stack.Count - 1);
        }
    }

    private static bool IsArrayLike(ObjectInstance obj)
    {
        if (obj is JsArray)
        {
            return true;
        }

        // As the engine's serializer decides: a proxy whose (unrevoked) target is an array.
        if (JintProxies.IsProxy(obj))
        {
            return JintProxies.TargetOf(obj) is { } target && IsArrayLike(target);
        }

        return obj.IsArray();
    }


    private void Enter(ObjectInstance obj)
    {
        foreach (var entered in _stack)
        {
            if (ReferenceEquals(entered, obj))
            {
                throw new JavaScriptException(_engine.Intrinsics.TypeError, "Cyclic reference detected.");
            }
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        _stack.Add(obj);
    }

    private JsonArray? ArrayNode(ObjectInstance array, int depth)
    {
        var length = TypeConverter.ToUint32(array.Get(LengthKey));
        var node = _build ? new JsonArray() : null;
        _bytes += length == 0 ? 2 : 1; // [] or the opening bracket; each element adds its comma or the closing one
        for (uint i = 0; i < length; i++)
        {
            if (i > 0 && i % ConstraintCheckInterval == 0)
            {
                _engine.Constraints.Check();
            }

            var item = array.Get(JsNumber.Create(i));
            if (item is ObjectInstance || item.IsBigInt())
            {
                item = Resolve(JsString.Create(i.ToString(CultureInfo.InvariantCulture)), item);
            }

            JsonNode? child;
            if (HasRepresentation(item))
            {
                child = Value(item, node, null, node?.Count ?? 0, depth);
            }
            else
            {
                _bytes += 4;
                child = null;
            }

            _bytes++; // the comma after it, or the closing bracket

            node?.Add(child);
        }

        return node;
    }

    private JsonObject? ObjectNode(ObjectInstance obj, int depth)
    {
        var keys = obj.GetOwnPropertyKeys(Types.String);
        // EnumerableOwnProperties: the enumerability of every key is asked first (a proxy's
        // getOwnPropertyDescriptor trap), then each value is read.
        var kept = 0;
        for (var i = 0; i < keys.Count; i++)
        {
            if (i > 0 && i % ConstraintCheckInterval == 0)
            {
                _engine.Constraints.Check();
            }

            var descriptor = obj.GetOwnProperty(keys[i]);
            if (descriptor != Jint.Runtime.Descriptors.PropertyDescriptor.Undefined && descriptor.Enumerable)
            {
                keys[kept++] = keys[i];
            }
        }

        var node = _build ? new JsonObject() : null;
        var written = 0;
        for (var i = 0; i < kept; i++)
        {
            if (i > 0 && i % ConstraintCheckInterval == 0)
            {
                _engine.Constraints.Check();
            }

            var key = keys[i];
            var item = obj.Get(key);
            if (item is ObjectInstance || item.IsBigInt())
            {
                item = Resolve(key, item);
            }

            if (!HasRepresentation(item))
            {
                continue;
            }

            var name = key.ToString();
            // "name": and the opening brace or a comma. (A name with a lone surrogate made the parsed object throw when
            // read; it is kept as the string it is now.)
            _bytes += QuotedLength(name, out _) + 2;

            written++;
            var child = Value(item, node, name, 0, depth);
            node?.Add(name, child);
        }

        _bytes += written == 0 ? 2 : 1; // {} or the closing brace
        return node;
    }

    private void Defer(JsonNode? container, string? key, int index)
    {
        WriteSeparator();
        _pending.Add(new Pending(container, key, index));
    }

    private void WriteSeparator()
    {
        var span = _pendingText.GetSpan(1);
        span[0] = _pendingText.WrittenCount == 0 ? (byte)'[' : (byte)',';
        _pendingText.Advance(1);
    }

    /// <summary>Writes the number as the engine's serializer does (finite only); returns its length (ASCII).</summary>
    private static int FormatNumber(double number, Span<byte> destination)
    {
        int length;
        if (number == Math.Floor(number) && Math.Abs(number) < 9.2e18)
        {
            Utf8Formatter.TryFormat((long)number, destination, out length); // -0 is written as 0
        }
        else
        {
            length = System.Text.Encoding.ASCII.GetBytes(TypeConverter.ToString(JsNumber.Create(number)), destination);
        }

        return length;
    }

    private JsonNode? FillPending(JsonNode? root)
    {
        var end = _pendingText.GetSpan(1);
        end[0] = (byte)']';
        _pendingText.Advance(1);
        var reader = new Utf8JsonReader(_pendingText.WrittenSpan);
        var document = JsonElement.ParseValue(ref reader);
        var i = 0;
        foreach (var element in document.EnumerateArray())
        {
            var (container, key, index) = _pending[i++];
            var node = element.ValueKind == JsonValueKind.Null ? null : JsonValue.Create(element);
            switch (container)
            {
                case null:
                    root = node;
                    break;
                case JsonObject obj:
                    obj[key!] = node;
                    break;
                case JsonArray array:
                    array[index] = node;
                    break;
            }
        }

        return root;
    }

    /// <summary>UTF-8 bytes of the string as JSON.stringify quotes it.</summary>
    private static int QuotedLength(string text, out bool loneSurrogate)
    {
        loneSurrogate = false;
        var length = 2;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                if (c is '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t')
                {
                    length += 2;
                }
                else
                {
                    length += c < 0x20 ? 6 : 1;
                }
            }
            else if (c < 0x800)
            {
                length += 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                length += 4;
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                length += 6;
                loneSurrogate = true;
            }
            else
            {
                length += 3;
            }
        }

        return length;
    }

    /// <summary>The string as the engine's serializer writes it (only used for strings with a lone surrogate).</summary>
    private void WriteQuoted(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 8).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (c < 0x20 || char.IsSurrogate(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        var quoted = builder.Append('"').ToString();
        var span = _pendingText.GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(quoted.Length));
        _pendingText.Advance(System.Text.Encoding.UTF8.GetBytes(quoted, span));
    }
}
