using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;

namespace HooksDashboard.Execution;

/// <summary>
/// Turns the host's JSON arguments into plain JS values of an engine, as <c>JSON.parse</c> of their text would:
/// objects, arrays, strings, numbers, booleans and null, built directly from the tree. No host object ever reaches
/// the script, and the tree is only read (the arguments may share nodes with the payload the log records).
/// Walking the tree costs a fraction of writing JSON text and parsing it again with the engine's parser.
/// Objects are made by <see cref="JsObject.CreateFromEntries(Engine, ReadOnlySpan{KeyValuePair{string, JsValue}})"/>,
/// as Jint's own <c>JSON.parse</c> makes them: objects with the same keys in the same order share one hidden class of
/// the engine, and an object is one allocation (its values in its own slots) instead of a property dictionary with a
/// descriptor per property. They are ordinary objects to the script (adding, deleting, freezing all work as on an
/// object literal).
/// </summary>
internal static class JsonToJs
{
    /// <summary>As deep as the engine's own JSON parser goes by default (the argument list is the first level).</summary>
    public const int MaxDepth = 64;

    /// <summary>Converts one argument; <paramref name="depth"/> is the level the value sits at.</summary>
    /// <exception cref="InvalidDataException">The value is nested deeper than <see cref="MaxDepth"/> levels.</exception>
    public static JsValue Convert(Engine engine, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"they are nested deeper than {MaxDepth} levels");
        }

        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
                return Object(engine, obj, depth, extraName: null, extraValue: null);
            case JsonArray array:
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Convert(engine, array[i], depth + 1);
                }

                return new JsArray(engine, items);
            default:
                return Primitive((JsonValue)node);
        }
    }

    /// <summary>
    /// Converts an object argument with one more property: <paramref name="extraValue"/> replaces the value of a
    /// property named <paramref name="extraName"/> where the object has one (keeping its place), else comes last —
    /// as setting it on the converted object would, without a second step.
    /// </summary>
    /// <exception cref="InvalidDataException">The value is nested deeper than <see cref="MaxDepth"/> levels.</exception>
    public static JsObject ConvertWith(Engine engine, JsonObject node, int depth, string extraName, JsValue extraValue)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"they are nested deeper than {MaxDepth} levels");
        }

        return Object(engine, node, depth, extraName, extraValue);
    }

    private static JsObject Object(Engine engine, JsonObject obj, int depth, string? extraName, JsValue? extraValue)
    {
        var count = obj.Count + (extraName is null ? 0 : 1);
        if (count == 0)
        {
            return new JsObject(engine);
        }

        var entries = ArrayPool<KeyValuePair<string, JsValue>>.Shared.Rent(count);
        var filled = 0;
        try
        {
            var extraIndex = -1;
            foreach (var (name, value) in obj)
            {
                if (extraName is not null && extraIndex < 0 && string.Equals(name, extraName, StringComparison.Ordinal))
                {
                    // Replaced, not converted: the payload's value never reaches the script.
                    extraIndex = filled;
                    entries[filled++] = new KeyValuePair<string, JsValue>(name, extraValue!);
                    continue;
                }

                // An own data property even for "__proto__", as JSON.parse creates it.
                entries[filled++] = new KeyValuePair<string, JsValue>(name, Convert(engine, value, depth + 1));
            }

            if (extraName is not null && extraIndex < 0)
            {
                entries[filled++] = new KeyValuePair<string, JsValue>(extraName, extraValue!);
            }

            return JsObject.CreateFromEntries(engine, new ReadOnlySpan<KeyValuePair<string, JsValue>>(entries, 0, filled));
        }
        finally
        {
            // The pool must not keep this engine's values alive.
            Array.Clear(entries, 0, filled);
            ArrayPool<KeyValuePair<string, JsValue>>.Shared.Return(entries);
        }
    }

    private static JsValue Primitive(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => JsString.Create(Text(value)),
        JsonValueKind.Number => JsNumber.Create(Number(value)),
        JsonValueKind.True => JsBoolean.True,
        JsonValueKind.False => JsBoolean.False,
        _ => JsValue.Null,
    };

    /// <summary>A parsed or string-built value reads directly; one the host built from another CLR type (a date, a Guid) goes through its JSON text.</summary>
    private static string Text(JsonValue value) =>
        value.TryGetValue<string>(out var text)
            ? text
            : JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? "";

    /// <summary>A parsed number reads as double directly; a value the host built from another CLR type goes through its JSON text.</summary>
    private static double Number(JsonValue value) =>
        value.TryGetValue<double>(out var number)
            ? number
            : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
