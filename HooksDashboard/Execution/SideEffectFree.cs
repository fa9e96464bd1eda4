using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace HooksDashboard.Execution;

/// <summary>
/// Reading script values for an error message without running any of the script's code: data properties only (no
/// getter, no proxy trap), and V8's text for a value as its messages show it.
/// </summary>
internal static class SideEffectFree
{
    /// <summary>
    /// The property <paramref name="key"/> as found on <paramref name="obj"/> or its prototypes
    /// (<see cref="PropertyDescriptor.Undefined"/> when none has it), without running a getter; false when the lookup
    /// meets a proxy (its traps are script code).
    /// </summary>
    public static bool TryFindProperty(ObjectInstance obj, JsValue key, out PropertyDescriptor descriptor)
    {
        for (ObjectInstance? current = obj; current is not null; current = current.Prototype)
        {
            if (JintProxies.IsProxy(current))
            {
                descriptor = PropertyDescriptor.Undefined;
                return false;
            }

            descriptor = current.GetOwnProperty(key);
            if (descriptor != PropertyDescriptor.Undefined)
            {
                return true;
            }
        }

        descriptor = PropertyDescriptor.Undefined;
        return true;
    }

    /// <summary>
    /// The data property <paramref name="key"/> found on <paramref name="obj"/> or its prototypes (undefined when none
    /// has it); false when the lookup meets an accessor or a proxy (reading it would run code).
    /// </summary>
    public static bool TryDataProperty(ObjectInstance obj, JsValue key, out JsValue value)
    {
        var found = TryFindProperty(obj, key, out var descriptor) && !descriptor.IsAccessorDescriptor();
        value = found && descriptor != PropertyDescriptor.Undefined ? descriptor.Value : JsValue.Undefined;
        return found;
    }

    /// <summary>A data property as V8's GetDataProperty reads it: undefined for an accessor or past a proxy.</summary>
    public static JsValue DataProperty(ObjectInstance obj, JsValue key) => TryDataProperty(obj, key, out var value) ? value : JsValue.Undefined;

    /// <summary>
    /// V8's NoSideEffectsToString, which its and Node's messages use: a primitive's text; a function's source; an
    /// object whose <c>toString</c> is Object.prototype's and whose <c>constructor</c> is a named function,
    /// <c>#&lt;Name&gt;</c>; else <c>[object Tag]</c> of its built-in class.
    /// </summary>
    public static string Text(Engine engine, JsValue value)
    {
        switch (value)
        {
            case JsSymbol symbol:
                return symbol.ToString();
            case Jint.Native.Function.Function function:
                return TypeConverter.ToString(engine.Call(((ObjectInstance)engine.Intrinsics.Function.Get("prototype")).Get("toString"), function, []));
            case ObjectInstance obj:
                if (ReferenceEquals(DataProperty(obj, "toString"), engine.Intrinsics.Object.PrototypeObject.Get("toString"))
                    && DataProperty(obj, "constructor") is ObjectInstance constructor && constructor.IsCallable()
                    && constructor.GetOwnProperty("name") is var nameProperty && nameProperty.IsDataDescriptor() && nameProperty.Value is JsString { Length: > 0 } name)
                {
                    return "#<" + name + ">";
                }

                return "[object " + (obj switch { JsArray => "Array", JsRegExp => "RegExp", JsDate => "Date", _ => "Object" }) + "]";
            default:
                return TypeConverter.ToString(value);
        }
    }

    /// <summary>
    /// Whether <paramref name="value"/> is an error as Node's <c>util.inspect</c> and error handling see one: a native
    /// error, or an object whose prototype chain reaches <c>Error.prototype</c> (<c>instanceof Error</c>: axios'
    /// <c>AxiosError</c>, node-fetch's <c>FetchError</c>, any error "class" made with <c>Object.create(Error.prototype)</c>).
    /// The chain is walked without proxy traps.
    /// </summary>
    public static bool IsError(Engine engine, JsValue value)
    {
        if (value is JsError)
        {
            return true;
        }

        if (value is not ObjectInstance obj)
        {
            return false;
        }

        var errorPrototype = engine.Intrinsics.Error.Get("prototype");
        var steps = 0;
        for (var current = obj; current is not null && !JintProxies.IsProxy(current) && steps < 10_000; current = current.Prototype, steps++)
        {
            if (ReferenceEquals(current.Prototype, errorPrototype))
            {
                return true;
            }
        }

        return false;
    }
}
