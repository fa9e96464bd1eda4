using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// Reading a property of <c>undefined</c> or <c>null</c> through a reference — the callee of a member call
/// (<c>body.records.map(...)</c>) — failed with Jint's older text "Cannot read property 'records' of undefined", where
/// plain reads give V8's "Cannot read properties of undefined (reading 'records')". Hooks and their logs compare such
/// messages, so this resolver, asked by Jint only for nullish bases, throws V8's text for those too.
/// </summary>
internal sealed class NullishReadErrors : IReferenceResolver
{
    public static readonly NullishReadErrors Instance = new();

    private NullishReadErrors()
    {
    }

    /// <summary>The interests to register it with: nullish property bases only, so no other read asks it.</summary>
    public const ReferenceResolverInterests Interests = ReferenceResolverInterests.NullishPropertyBase;

    public bool TryPropertyReference(Engine engine, Reference reference, ref JsValue value)
    {
        if (value is not (JsUndefined or JsNull))
        {
            return false;
        }

        var name = reference.ReferencedName;
        var shown = name is JsSymbol symbol ? symbol.ToString() : TypeConverter.ToString(name);
        throw new JavaScriptException(engine.Intrinsics.TypeError, $"Cannot read properties of {value} (reading '{shown}')");
    }

    public bool TryUnresolvableReference(Engine engine, Reference reference, out JsValue value)
    {
        value = JsValue.Undefined;
        return false;
    }

    public bool TryGetCallable(Engine engine, object callee, out JsValue value)
    {
        value = JsValue.Undefined;
        return false;
    }

    public bool CheckCoercible(JsValue value) => false;
}
