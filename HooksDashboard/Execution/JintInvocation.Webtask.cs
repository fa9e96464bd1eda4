using System.Text;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;
using JsonSerializer = Jint.Native.Json.JsonSerializer;

namespace HooksDashboard.Execution;

/// <summary>
/// <c>context.webtask.storage</c> as webtask documented it: <c>get([options,] cb)</c> gives <c>cb(null, data)</c> (null
/// when nothing was stored); <c>set(data[, {force}][, cb])</c> stores the whole document (null empties it). A <c>set</c>
/// needs a <c>get</c> before it in the run, or <c>force</c> (else it throws, as webtask-runtime does); it fails with
/// webtask's conflict error ("Item was modified since it was read.", <c>code: 409</c>, <c>conflict</c>: the stored data)
/// when another invocation wrote after the <c>get</c>, unless <c>force</c> is truthy. The document is at most 500 KB of JSON. Callbacks run as immediates, never
/// inside the call, as webtask's asynchronous API did. The storage work itself (SQLite, local) is done on the
/// invocation's thread.
/// </summary>
internal sealed partial class JintInvocation
{
    private WebtaskBinding? _webtask; // per run, like the HTTP session

    // The version this invocation last read: what its next set expects to replace.
    private long? _storageVersionRead;

    /// <summary>Adds <c>storage</c> to the context argument's own <c>webtask</c> object, when the run has storage but no <see cref="WebtaskBinding.Context"/>.</summary>
    private void AttachWebtaskStorage(JsValue[] args)
    {
        if (_webtask is not { } binding || binding.ContextArgumentIndex >= args.Length - 1)
            return;
        if (args[binding.ContextArgumentIndex] is not ObjectInstance context || context.Get("webtask") is not ObjectInstance webtask)
            return;
        webtask.Set("storage", StorageObject(binding));
    }

    /// <summary>
    /// <c>context.webtask</c> for this run, every object fresh: <c>secrets</c>, <c>meta</c>, <c>headers</c>,
    /// <c>query</c>, <c>body</c>, <c>data</c>, <c>storage</c>, in that order (the order the JSON context had when the
    /// runner injected it, with <c>storage</c> added last). Each property's object is made on the first read that
    /// observes it (Jint's lazy layout slots: keys, order and attributes are there from the start, as on an object
    /// literal), so a hook that never reads <c>context.webtask</c> does not pay for seven objects and two functions.
    /// </summary>
    private JsObject WebtaskObject(WebtaskBinding binding) =>
        JsObject.Create(_engine, WebtaskLayout, WebtaskLazyValues, new WebtaskRun(this, binding));

    // The run a webtask object belongs to: its lazy slots read this run's binding even when first read in a later run
    // (a script may keep the object), as objects made up front would have.
    private sealed record WebtaskRun(JintInvocation Invocation, WebtaskBinding Binding);

    private static readonly JsObjectLayout WebtaskLayout = JsObjectLayout.CreateBuilder()
        .AddLazy("secrets", static (o, s) => JsObject.CreateFromEntries(o.Engine, ((WebtaskRun)s!).Binding.Context!.Secrets))
        .AddLazy("meta", static (o, s) => JsObject.CreateFromEntries(o.Engine, ((WebtaskRun)s!).Binding.Context!.Meta))
        .AddLazy("headers", static (o, _) => new JsObject(o.Engine))
        .AddLazy("query", static (o, _) => new JsObject(o.Engine))
        .AddLazy("body", static (o, _) => new JsObject(o.Engine))
        .AddLazy("data", static (o, s) => JsObject.CreateFromEntries(o.Engine, ((WebtaskRun)s!).Binding.Context!.Secrets))
        .AddLazy("storage", static (_, s) => ((WebtaskRun)s!).Invocation.StorageObject(((WebtaskRun)s!).Binding))
        .Build();

    // Every slot is lazy: no value is given.
    private static readonly JsValue?[] WebtaskLazyValues = new JsValue?[7];

    private JsObject StorageObject(WebtaskBinding binding) =>
        JsObject.CreateFromEntries(_engine,
        [
            new("get", new ClrFunction(_engine, "get", (_, a) => StorageGet(binding.Storage, a), 1)),
            new("set", new ClrFunction(_engine, "set", (_, a) => StorageSet(binding.Storage, a), 3)),
        ]);

    // Messages and shapes of auth0/webtask-runtime's lib/storage.js (the runtime Auth0 published to run webtasks
    // locally), whose errors are what a hook could observe; the conflict's code 409 is webtask's storage documentation
    // (https://webtask.io/docs/storage: "if (error.code === 409 && attempts--) ... error.conflict").
    internal const string CallbackMustBeAFunction = "Callback must be a function.";
    internal const string OptionsMustBeAnObject = "Options must be an object.";
    internal const string SetWithoutGet = "When calling storage.set without having called storage.get before, you must specify the .force option.";
    internal const string ConflictMessage = "Item was modified since it was read.";

    private JsValue StorageGet(IWebtaskStorage storage, JsValue[] args)
    {
        // get([options,] cb)
        var options = args.Length > 0 ? args[0] : JsValue.Undefined;
        var callback = args.Length > 1 ? args[1] : JsValue.Undefined;
        if (callback.IsUndefined())
        {
            callback = options;
            options = new JsObject(_engine);
        }

        if (!callback.IsCallable())
            throw new JavaScriptException(_engine.Intrinsics.Error, CallbackMustBeAFunction);
        if (!options.IsObject())
            throw new JavaScriptException(_engine.Intrinsics.Error, OptionsMustBeAnObject);
        try
        {
            var document = storage.Read();
            _storageVersionRead = document.Version;
            _loop.SetImmediate(callback, [JsValue.Null, Parse(document.Json)]);
        }
        catch (WebtaskStorageException ex)
        {
            _loop.SetImmediate(callback, [StorageError(ex.Message, 500)]);
        }

        return JsValue.Undefined;
    }

    private JsValue StorageSet(IWebtaskStorage storage, JsValue[] args)
    {
        // set(data[, options][, cb]): the callback is optional, as in webtask.
        var data = args.Length > 0 ? args[0] : JsValue.Undefined;
        var options = args.Length > 1 ? args[1] : JsValue.Undefined;
        var callback = args.Length > 2 ? args[2] : JsValue.Undefined;
        if (callback.IsUndefined())
        {
            callback = options;
            options = new JsObject(_engine);
        }

        if (!callback.IsUndefined() && !callback.IsCallable())
            throw new JavaScriptException(_engine.Intrinsics.Error, CallbackMustBeAFunction);
        if (!options.IsObject())
            throw new JavaScriptException(_engine.Intrinsics.Error, OptionsMustBeAnObject);
        var force = TypeConverter.ToBoolean(options.AsObject().Get("force"));
        var clears = data.IsNull() || data.IsUndefined();
        if (!clears && _storageVersionRead is null && !force)
            throw new JavaScriptException(_engine.Intrinsics.Error, SetWithoutGet);

        string json;
        if (clears)
        {
            // null or undefined empties the storage (the next get gives null), whatever was read.
            json = "null";
            force = true;
        }
        else
        {
            var buffer = RentJsonBuffer();
            if (!new JsonSerializer(_engine).Serialize(data, buffer))
            {
                Answer(callback, StorageError("storage.set(data): data must be a JSON value (an object, array, string, number, boolean or null)", 400));
                return JsValue.Undefined;
            }

            if (buffer.WrittenCount > WebtaskBinding.MaxBytes)
            {
                Answer(callback, StorageError(
                    $"storage.set(data): data is {buffer.WrittenCount} bytes as JSON; webtask storage holds at most {WebtaskBinding.MaxBytes} bytes (500 KB)", 400));
                return JsValue.Undefined;
            }

            json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        try
        {
            var written = storage.Write(json, force ? null : _storageVersionRead, force);
            if (written.Conflict)
            {
                var error = StorageError(ConflictMessage, 409);
                error.Set("conflict", Parse(written.Current?.Json));
                // The next set replaces what the conflict showed, as after a fresh get.
                _storageVersionRead = written.Current?.Version ?? 0;
                Answer(callback, error);
            }
            else
            {
                _storageVersionRead = written.Version;
                Answer(callback, JsValue.Null);
            }
        }
        catch (WebtaskStorageException ex)
        {
            Answer(callback, StorageError(ex.Message, 500));
        }

        return JsValue.Undefined;
    }

    private void Answer(JsValue callback, JsValue error)
    {
        if (callback.IsCallable())
            _loop.SetImmediate(callback, [error]);
    }

    private JsValue Parse(string? json) =>
        json is null ? JsValue.Null : JsonToJs.Convert(_engine, JsonNode.Parse(json), depth: 1);

    private ObjectInstance StorageError(string message, int code)
    {
        var error = _engine.Intrinsics.Error.Construct([JsString.Create(message)], _engine.Intrinsics.Error);
        error.Set("code", code);
        return error;
    }
}
