using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// <c>String.prototype[Symbol.iterator]</c> by code points, as the language defines it (V8 included): Jint's iterator
/// yields whole grapheme clusters, so <c>[...'e\u0301']</c> had one element instead of two, an emoji with a skin tone
/// or a flag one instead of two, and <c>Array.from(s).length</c>, <c>for…of</c>, <c>new Set(s)</c> and string reversal
/// gave other results than in Node. Spread, <c>Array.from</c>, <c>for…of</c> and destructuring all go through the
/// method, so replacing it is enough. Made on the property's first read: an engine that never iterates a string pays
/// nothing.
/// </summary>
internal static class StringIteration
{
    public static void Install(Engine engine, ObjectInstance stringPrototype)
    {
        stringPrototype.FastSetProperty(GlobalSymbolRegistry.Iterator, PropertyDescriptor.CreateLazy(engine, static e => Create(e),
            PropertyFlag.Writable | PropertyFlag.Configurable));
    }

    private static ClrFunction Create(Engine engine)
    {
        // %IteratorPrototype%: the prototype of an array iterator's prototype.
        var arrayIterator = engine.Call(engine.Intrinsics.Array.PrototypeObject.Get(GlobalSymbolRegistry.Iterator), new JsArray(engine), []);
        var iteratorPrototype = ((ObjectInstance)arrayIterator).Prototype?.Prototype;
        var prototype = new IteratorPrototype(engine, iteratorPrototype);
        var next = new ClrFunction(engine, "next", (thisObject, _) =>
        {
            if (thisObject is not CodePointIterator iterator)
            {
                throw new JavaScriptException(engine.Intrinsics.TypeError,
                    $"Method String Iterator.prototype.next called on incompatible receiver {TypeConverter.ToString(thisObject is ObjectInstance ? "#<Object>" : thisObject)}");
            }

            var result = new JsObject(engine);
            var text = iterator.Text;
            if (text is null || iterator.Position >= text.Length)
            {
                iterator.Text = null;
                result.FastSetDataProperty("value", JsValue.Undefined);
                result.FastSetDataProperty("done", JsBoolean.True);
                return result;
            }

            var length = char.IsHighSurrogate(text[iterator.Position]) && iterator.Position + 1 < text.Length && char.IsLowSurrogate(text[iterator.Position + 1]) ? 2 : 1;
            result.FastSetDataProperty("value", JsString.Create(text.Substring(iterator.Position, length)));
            result.FastSetDataProperty("done", JsBoolean.False);
            iterator.Position += length;
            return result;
        }, 0, PropertyFlag.Configurable);
        prototype.FastSetProperty("next", new PropertyDescriptor(next, PropertyFlag.Writable | PropertyFlag.Configurable));
        prototype.FastSetProperty(GlobalSymbolRegistry.ToStringTag, new PropertyDescriptor(JsString.Create("String Iterator"), PropertyFlag.Configurable));

        return new ClrFunction(engine, "[Symbol.iterator]", (thisObject, _) =>
        {
            if (thisObject.IsNull() || thisObject.IsUndefined())
            {
                throw new JavaScriptException(engine.Intrinsics.TypeError, "String.prototype[Symbol.iterator] called on null or undefined");
            }

            return new CodePointIterator(engine, prototype, TypeConverter.ToString(thisObject));
        }, 0, PropertyFlag.Configurable);
    }

    /// <summary>%StringIteratorPrototype%: <c>next</c> and the tag, inheriting %IteratorPrototype%.</summary>
    private sealed class IteratorPrototype(Engine engine, ObjectInstance? parent) : ObjectInstance(engine)
    {
        protected override ObjectInstance? GetPrototypeOf() => parent;
    }

    private sealed class CodePointIterator(Engine engine, ObjectInstance prototype, string text) : ObjectInstance(engine)
    {
        public string? Text { get; set; } = text;

        public int Position { get; set; }

        protected override ObjectInstance? GetPrototypeOf() => prototype;
    }
}
