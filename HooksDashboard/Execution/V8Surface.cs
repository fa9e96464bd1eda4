using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace HooksDashboard.Execution;

/// <summary>
/// The ECMAScript built-ins as Node 20's V8 (11.3) has them: Jint implements newer proposals that Node 20 lacks
/// (<c>Object.groupBy</c>, <c>Promise.withResolvers</c>, the Set methods, <c>Uint8Array.prototype.toBase64</c>,
/// <c>Iterator</c>, <c>Temporal</c>...). Packages detect such features and take another path where they exist, so
/// with them present a hook would run code Node 20 never runs (jose 6 encodes with <c>toBase64</c> when it exists, and
/// Jint's ignores a view's offset), and a hook relying on them would fail in Node. They are removed from each engine
/// from each engine: the globals at set-up, what binary data has where a hook can first reach it
/// (<see cref="ApplyToBinaryData"/>), the rest when its global is first read (<c>RegExp</c> in <see cref="StringGuards"/>, <c>Date</c> and
/// <c>Intl</c> in <see cref="Node.NodeIntl"/>), so an engine pays only for the built-ins it uses (a fresh engine
/// that reads none pays ~1 µs). Left: the iterator helpers
/// (<c>[].values().map</c>) stay on Jint's iterator prototype — feature checks go through the absent <c>Iterator</c>
/// global, and removing them would make every engine build the prototype.
/// </summary>
internal static class V8Surface
{
    /// <summary>Globals Node 20 does not have (<c>Float16Array</c> is left out of the guarded constructors' globals).</summary>
    public static readonly string[] AbsentGlobals =
        ["Iterator", "AsyncIterator", "Float16Array", "DisposableStack", "AsyncDisposableStack", "SuppressedError", "Temporal"];

    // Members of the built-ins Node 20 does not have, by the global that holds them ("X.prototype" for its prototype),
    // taken out when the global is first read; then the global's V8 replacements, if any, are installed on it.
    private static readonly (string Holder, string[] Members, Action<Engine, JsValue>? Replace)[] AbsentMembers =
    [
        ("Object", ["groupBy"], null),
        ("Array", ["fromAsync"], null),
        ("Map", ["groupBy", "prototype.getOrInsert", "prototype.getOrInsertComputed"], null),
        ("WeakMap", ["prototype.getOrInsert", "prototype.getOrInsertComputed"], null),
        ("Set", ["prototype.union", "prototype.intersection", "prototype.difference", "prototype.symmetricDifference", "prototype.isSubsetOf",
            "prototype.isSupersetOf", "prototype.isDisjointFrom"], null),
        ("Error", ["isError"], null),
        ("Promise", ["withResolvers", "try", "allKeyed", "allSettledKeyed"], null),
        ("Math", ["f16round", "sumPrecise"], InstallHypot),
        ("JSON", ["rawJSON", "isRawJSON"], V8JsonErrors.Install),
        ("Atomics", ["pause"], null),
        ("DataView", ["prototype.getFloat16", "prototype.setFloat16"], null),
    ];

    // Binary data reaches a hook without its global being read (TextEncoder, Buffer, crypto): ApplyToBinaryData.
    private static readonly string[] AbsentFromUint8Array = ["fromBase64", "fromHex"];
    private static readonly string[] AbsentFromUint8ArrayPrototype = ["toBase64", "toHex", "setFromBase64", "setFromHex"];
    private static readonly string[] AbsentFromArrayBufferPrototype =
        ["detached", "transfer", "transferToFixedLength", "immutable", "sliceToImmutable", "transferToImmutable"];

    /// <summary>Removes what Node 20 lacks from a new engine, before the hook's globals are declared over Jint's.</summary>
    public static void Apply(Engine engine)
    {
        var global = engine.Global;
        foreach (var name in AbsentGlobals)
        {
            // Declared undefined rather than deleted: deleting from the global object makes it rebuild its property
            // table (~9 KB per engine). typeof gives 'undefined' as in Node; only `name in globalThis` differs.
            engine.Advanced.AddLazyGlobal(name, 0, static (_, _) => JsValue.Undefined, PropertyFlag.NonEnumerable);
        }

        foreach (var (name, members, replace) in AbsentMembers)
        {
            if (global.GetOwnProperty(name) is { } descriptor && descriptor != PropertyDescriptor.Undefined)
            {
                engine.Advanced.AddLazyGlobal(name, (Descriptor: descriptor, Members: members, Replace: replace), static (e, s) =>
                {
                    var value = s.Descriptor.Value;
                    RemoveAll(value, s.Members);
                    s.Replace?.Invoke(e, value);
                    return value;
                }, PropertyFlag.NonEnumerable);
            }
        }
    }

    /// <summary>
    /// Removes what Node 20's binary types lack. Called where a hook can first reach them: its binary globals' guards
    /// (<see cref="AllocationGuard.Install"/>) and the built-in modules with a host binding (Buffer, TextEncoder,
    /// crypto, zlib make bytes), so an engine that has neither never builds the types. Calling it again changes nothing.
    /// </summary>
    public static void ApplyToBinaryData(Engine engine)
    {
        var intrinsics = engine.Intrinsics;
        RemoveAll(intrinsics.Uint8Array, AbsentFromUint8Array);
        RemoveAll(intrinsics.Uint8Array.Get("prototype"), AbsentFromUint8ArrayPrototype);
        RemoveAll(intrinsics.ArrayBuffer.Get("prototype"), AbsentFromArrayBufferPrototype);
    }

    /// <summary>Removes one member from a lazily made global's object (<c>Date.prototype</c>, <c>Intl</c>, <c>RegExp</c>).</summary>
    public static void Remove(JsValue holder, string member)
    {
        if (holder is ObjectInstance instance)
        {
            instance.RemoveOwnProperty(member);
        }
    }

    /// <summary>
    /// <c>Math.hypot</c> as V8 computes it: every argument converted first, then ±Infinity wins over NaN, and the sum of
    /// squares is taken of the values divided by the largest (Kahan-compensated), so <c>Math.hypot(1e200, 1e200)</c>
    /// is 1.414e200 where Jint's plain sum of squares overflowed to Infinity (and underflowed to 0 for 1e-200).
    /// </summary>
    private static void InstallHypot(Engine engine, JsValue math)
    {
        if (math is not ObjectInstance holder)
        {
            return;
        }

        var hypot = new Jint.Runtime.Interop.ClrFunction(engine, "hypot", static (_, arguments) =>
        {
            var values = new double[arguments.Length];
            var max = 0d;
            var nan = false;
            for (var i = 0; i < arguments.Length; i++)
            {
                var value = Jint.Runtime.TypeConverter.ToNumber(arguments[i]);
                if (double.IsNaN(value))
                {
                    nan = true;
                    continue;
                }

                values[i] = Math.Abs(value);
                max = Math.Max(max, values[i]);
            }

            if (double.IsPositiveInfinity(max)) return double.PositiveInfinity;
            if (nan) return double.NaN;
            if (max == 0) return 0d;
            double sum = 0, compensation = 0;
            foreach (var value in values)
            {
                var scaled = value / max;
                var summand = scaled * scaled - compensation;
                var preliminary = sum + summand;
                compensation = preliminary - sum - summand;
                sum = preliminary;
            }

            return Math.Sqrt(sum) * max;
        }, 2, PropertyFlag.Configurable);
        holder.FastSetProperty("hypot", new PropertyDescriptor(hypot, PropertyFlag.Writable | PropertyFlag.Configurable));
    }

    // "prototype.x" is x of the holder's prototype.
    private static void RemoveAll(JsValue holder, string[] members)
    {
        foreach (var member in members)
        {
            if (member.StartsWith("prototype.", StringComparison.Ordinal))
            {
                Remove(holder.Get("prototype"), member["prototype.".Length..]);
            }
            else
            {
                Remove(holder, member);
            }
        }
    }
}
