using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// Jint's memory limit is checked between statements, so one <c>new ArrayBuffer(1e9)</c> or <c>new Uint8Array(1e9)</c>
/// allocates the whole block before anything looks. The binary constructors are therefore replaced by proxies whose
/// construct trap (host code: nothing the script can patch, such as <c>Reflect</c>, is involved) refuses allocations
/// over <see cref="ExecutionLimits.MaxAllocationBytes"/> with an uncatchable limit error. Sizes are only read where
/// reading runs no script code; a size the guard cannot read that way (a getter, a proxy, a <c>valueOf</c>) could
/// change between the check and the allocation, so it is refused too.
/// </summary>
internal sealed class AllocationGuard : ProxyHandler
{
    /// <summary>Global name and element size of every constructor that allocates a buffer (0: ArrayBuffer itself).</summary>
    public static readonly (string Name, int ElementSize)[] Constructors =
    [
        ("ArrayBuffer", 0), ("Int8Array", 1), ("Uint8Array", 1), ("Uint8ClampedArray", 1), ("Int16Array", 2),
        ("Uint16Array", 2), ("Int32Array", 4), ("Uint32Array", 4), ("BigInt64Array", 8), ("BigUint64Array", 8),
        ("Float16Array", 2), ("Float32Array", 4), ("Float64Array", 8),
    ];

    private static readonly JsValue MaxByteLength = new JsString("maxByteLength");
    private static readonly JsValue LengthKey = new JsString("length");

    private readonly string _name;
    private readonly int _elementSize;
    private readonly long _maxBytes;

    private AllocationGuard(string name, int elementSize, long maxBytes)
    {
        _name = name;
        _elementSize = elementSize;
        _maxBytes = maxBytes;
    }

    /// <summary>
    /// Guards every binary constructor of the engine at once (so none can leak unguarded through another's
    /// <c>constructor</c> or <c>buffer</c>) and returns the proxies by global name.
    /// </summary>
    public static Dictionary<string, JsValue> Install(Engine engine, long maxBytes)
    {
        V8Surface.ApplyToBinaryData(engine);
        var intrinsics = engine.Intrinsics;
        ObjectInstance[] originals =
        [
            intrinsics.ArrayBuffer, intrinsics.Int8Array, intrinsics.Uint8Array, intrinsics.Uint8ClampedArray,
            intrinsics.Int16Array, intrinsics.Uint16Array, intrinsics.Int32Array, intrinsics.Uint32Array,
            intrinsics.BigInt64Array, intrinsics.BigUint64Array, intrinsics.Float16Array, intrinsics.Float32Array,
            intrinsics.Float64Array,
        ];

        var guarded = new Dictionary<string, JsValue>(Constructors.Length, StringComparer.Ordinal);
        for (var i = 0; i < Constructors.Length; i++)
        {
            var (name, size) = Constructors[i];
            var proxy = engine.Advanced.CreateProxy(originals[i], new AllocationGuard(name, size, maxBytes));
            // Instances reach their constructor through the prototype (x.constructor, species): point it at the proxy.
            ((ObjectInstance)originals[i].Get("prototype")).FastSetProperty("constructor", new PropertyDescriptor(proxy, PropertyFlag.NonEnumerable));
            guarded[name] = proxy;
        }

        var bufferPrototype = (ObjectInstance)intrinsics.ArrayBuffer.Get("prototype");
        foreach (var method in (string[])["resize", "transfer", "transferToFixedLength"])
        {
            GuardBufferMethod(engine, bufferPrototype, method, maxBytes);
        }

        return guarded;
    }

    public override ObjectInstance? Construct(ObjectInstance target, JsValue[] arguments, JsValue newTarget)
    {
        var source = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
        if (_elementSize == 0)
        {
            Check(_maxBytes, $"new ArrayBuffer({Describe(source)})", ReadIndex(source, _maxBytes, "new ArrayBuffer"));
            if (arguments.Length > 1 && arguments[1] is ObjectInstance options)
            {
                var max = ReadWithoutRunningScript(options, MaxByteLength, _maxBytes, "new ArrayBuffer options");
                Check(_maxBytes, "new ArrayBuffer(..., { maxByteLength })", max.IsUndefined() ? 0 : ReadIndex(max, _maxBytes, "maxByteLength"));
            }

            return null; // forward to the real constructor
        }

        var length = source switch
        {
            ObjectInstance buffer when buffer.IsArrayBuffer() => 0, // a view over an existing buffer allocates nothing
            JsTypedArray typedArray => typedArray.Length,
            ObjectInstance other => ArrayLikeLength(other),
            _ => ReadIndex(source, _maxBytes, $"new {_name}"),
        };
        Check(_maxBytes, $"new {_name}({length})", length * _elementSize);
        return null;
    }

    /// <summary>
    /// How many elements a typed array built from <paramref name="source"/> holds. Jint takes the iterator path when
    /// the source has <c>Symbol.iterator</c> (bounded by the memory limit as it collects values), else reads
    /// <c>length</c>: both lookups must be plain data properties so that no script runs between check and use.
    /// </summary>
    private long ArrayLikeLength(ObjectInstance source)
    {
        var iterator = ReadWithoutRunningScript(source, GlobalSymbolRegistry.Iterator, _maxBytes, $"new {_name}");
        if (!iterator.IsUndefined() && !iterator.IsNull())
        {
            return source is JsArray array ? array.Length : 0;
        }

        var length = ReadWithoutRunningScript(source, LengthKey, _maxBytes, $"new {_name}");
        return ReadIndex(length, _maxBytes, $"new {_name}");
    }

    /// <summary>The property's value found through data properties only; throws a limit error on an accessor or a proxy.</summary>
    private static JsValue ReadWithoutRunningScript(ObjectInstance obj, JsValue key, long maxBytes, string what)
    {
        for (var current = obj; current is not null; current = current.Prototype)
        {
            if (JintProxies.IsProxy(current))
            {
                throw Refuse(what, maxBytes);
            }

            var descriptor = current.GetOwnProperty(key);
            if (descriptor == PropertyDescriptor.Undefined)
            {
                continue;
            }

            return descriptor.IsDataDescriptor() ? descriptor.Value ?? JsValue.Undefined : throw Refuse(what, maxBytes);
        }

        return JsValue.Undefined;
    }

    /// <summary>ToIndex of a primitive; an object would run <c>valueOf</c> twice (check and use), so it is refused.</summary>
    private static long ReadIndex(JsValue value, long maxBytes, string what)
    {
        if (value is ObjectInstance)
        {
            throw Refuse(what, maxBytes);
        }

        var number = TypeConverter.ToNumber(value);
        return double.IsNaN(number) || number <= 0 ? 0 : number >= long.MaxValue / 8 ? long.MaxValue / 8 : (long)number;
    }

    private static void Check(long maxBytes, string what, long bytes)
    {
        if (bytes > maxBytes)
        {
            throw new ScriptLimitException($"{what} would allocate {bytes} bytes; the limit for a single allocation is {maxBytes} bytes");
        }
    }

    private static ScriptLimitException Refuse(string what, long maxBytes) =>
        new($"{what}: the size must be a plain number or array (no getters, proxies or valueOf), so that it can be checked against the single-allocation limit of {maxBytes} bytes");

    private static void GuardBufferMethod(Engine engine, ObjectInstance prototype, string method, long maxBytes)
    {
        var original = prototype.Get(method);
        if (!original.IsCallable())
        {
            return;
        }

        var guarded = new ClrFunction(engine, method, (thisValue, args) =>
        {
            var size = args.Length > 0 ? args[0] : JsValue.Undefined;
            if (!size.IsUndefined())
            {
                Check(maxBytes, $"ArrayBuffer.prototype.{method}({Describe(size)})", ReadIndex(size, maxBytes, $"ArrayBuffer.prototype.{method}"));
            }

            return engine.Call(original, thisValue, args);
        }, 1);
        prototype.FastSetProperty(method, new PropertyDescriptor(guarded, PropertyFlag.NonEnumerable));
    }

    // Jint's proxy type is internal; its name is the only way to recognise one without running its traps.

    private static string Describe(JsValue value) => value is ObjectInstance ? "object" : value.ToString();
}
