using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// An error's <c>stack</c> as V8 gives it: the <c>Name: message</c> line, then the frames. Jint's <c>stack</c> (an
/// accessor on <c>Error.prototype</c>) holds the frames only, so code that logs <c>err.stack</c>, or parses its first
/// line (error reporters, loggers' error formats), lost the error itself. Like V8, the text is made on the first read,
/// with the name and message the error has then (a subclass that sets <c>this.name</c> in its constructor is named
/// by it), and kept as the error's own writable property from then on.
/// </summary>
internal static class ErrorStack
{
    /// <summary>Replaces <c>Error.prototype.stack</c>'s accessor in <paramref name="engine"/>, reading the frames through Jint's getter.</summary>
    public static void Install(Engine engine)
    {
        var prototype = (ObjectInstance)engine.Intrinsics.Error.Get("prototype");
        var original = prototype.GetOwnProperty("stack");
        if (original.Get is not ObjectInstance frames || !frames.IsCallable())
        {
            return;
        }

        var getter = new ClrFunction(engine, "get stack", (self, _) =>
        {
            var value = engine.Call(frames, self, []);
            if (value is not JsString text || self is not ObjectInstance error)
            {
                return value;
            }

            if (CallSites.TryPrepare(engine, error, text.ToString(), out var prepared))
            {
                error.DefineOwnProperty("stack", new PropertyDescriptor(prepared, writable: true, enumerable: false, configurable: true));
                return prepared;
            }

            string header;
            try
            {
                header = Header(error);
            }
            catch (JavaScriptException)
            {
                // A name or message getter that throws: V8 then shows the frames alone too.
                return value;
            }

            var stack = new JsString(text.Length == 0 ? header : header + "\n" + text);
            error.DefineOwnProperty("stack", new PropertyDescriptor(stack, writable: true, enumerable: false, configurable: true));
            return stack;
        }, 0, PropertyFlag.Configurable);
        // An assignment before the first read makes the same own, non-enumerable property (Jint's setter made an
        // enumerable one, which console.log then listed beside the stack).
        var setter = new ClrFunction(engine, "set stack", (self, values) =>
        {
            if (self is ObjectInstance target)
            {
                target.DefineOwnProperty("stack", new PropertyDescriptor(values.Length > 0 ? values[0] : JsValue.Undefined, writable: true, enumerable: false, configurable: true));
            }

            return JsValue.Undefined;
        }, 1, PropertyFlag.Configurable);
        prototype.DefineOwnProperty("stack", new GetSetPropertyDescriptor(getter, setter, enumerable: false, configurable: true));
        InstallCaptureStackTrace(engine, frames);
    }

    /// <summary>
    /// V8's <c>Error.captureStackTrace(target[, constructorOpt])</c> and <c>Error.stackTraceLimit</c>, which Jint lacks:
    /// custom error classes in hooks and packages call it (jwks-rsa's, got's). The target gets its own <c>stack</c>,
    /// made on the first read as V8 makes it (so a message set after the call is in it): its <c>Name: message</c> line
    /// and the frames of the code that called <c>captureStackTrace</c>, or those of <c>constructorOpt</c>'s caller
    /// when that names a function on the stack (by name: Jint's frames are text).
    /// </summary>
    private static void InstallCaptureStackTrace(Engine engine, ObjectInstance frames)
    {
        var error = engine.Intrinsics.Error;
        var capture = new ClrFunction(engine, "captureStackTrace", (_, args) =>
        {
            if (args.Length == 0 || args[0] is not ObjectInstance target)
            {
                throw new JavaScriptException(engine.Intrinsics.TypeError, "invalid_argument"); // V8's text
            }

            var probe = error.Construct([], error);
            var text = engine.Call(frames, probe, []) is JsString s ? s.ToString() : string.Empty;
            var captured = CallersFrames(text, args.Length > 1 && args[1] is ObjectInstance f && f.IsCallable() ? TypeConverter.ToString(f.Get("name")) : null);
            // A data property whose text is made on its first read (V8's is too), with the name and message then.
            target.FastSetProperty("stack", PropertyDescriptor.CreateLazy((Engine: engine, Target: target, Frames: captured), static s =>
            {
                if (CallSites.TryPrepare(s.Engine, s.Target, s.Frames, out var prepared))
                {
                    return prepared;
                }

                string header;
                try
                {
                    header = Header(s.Target);
                }
                catch (JavaScriptException)
                {
                    header = "Error";
                }

                return new JsString(s.Frames.Length == 0 ? header : header + "\n" + s.Frames);
            }, PropertyFlag.NonEnumerable));
            return JsValue.Undefined;
        }, 2, PropertyFlag.Configurable);
        error.DefineOwnProperty("captureStackTrace", new PropertyDescriptor(capture, writable: true, enumerable: false, configurable: true));
        error.DefineOwnProperty("stackTraceLimit", new PropertyDescriptor(10, PropertyFlag.ConfigurableEnumerableWritable));
        // Made on first read (most runs never read it): engine set-up is a hot path for fresh engines.
        error.FastSetProperty("prepareStackTrace", PropertyDescriptor.CreateLazy(engine, static e => CallSites.DefaultPrepare(e), PropertyFlag.Writable | PropertyFlag.Configurable));
    }

    /// <summary>
    /// The frames below <c>captureStackTrace</c>'s own (Jint lists the host function as the first frame); with a named
    /// <paramref name="constructorOpt"/>, those below its topmost frame, or none when it is not on the stack (as V8).
    /// </summary>
    private static string CallersFrames(string frames, string? constructorOpt)
    {
        var lines = frames.Split('\n');
        var from = lines.Length > 0 && lines[0].TrimStart().StartsWith("at captureStackTrace", StringComparison.Ordinal) ? 1 : 0;
        if (!string.IsNullOrEmpty(constructorOpt))
        {
            var index = Array.FindIndex(lines, from, line =>
            {
                var frame = line.TrimStart();
                return frame.StartsWith($"at {constructorOpt} ", StringComparison.Ordinal) || frame.StartsWith($"at new {constructorOpt} ", StringComparison.Ordinal);
            });
            from = index < 0 ? lines.Length : index + 1;
        }

        return string.Join('\n', lines, from, lines.Length - from);
    }

    /// <summary>
    /// Where the frames of <paramref name="stack"/> begin: 0 for frames alone (a stack Jint set itself), the start of
    /// the first "    at " line after the header, or -1 when it has none (a custom or frameless stack).
    /// </summary>
    public static int FirstFrame(string stack)
    {
        if (stack.StartsWith(FramePrefix, StringComparison.Ordinal))
        {
            return 0;
        }

        var at = stack.IndexOf("\n" + FramePrefix, StringComparison.Ordinal);
        return at < 0 ? -1 : at + 1;
    }

    private const string FramePrefix = "    at ";

    /// <summary><c>Error.prototype.toString</c>'s text: name (default "Error") and message, either alone when the other is empty.</summary>
    internal static string Header(ObjectInstance error)
    {
        var name = error.Get("name");
        var message = error.Get("message");
        var nameText = name.IsUndefined() ? "Error" : TypeConverter.ToString(name);
        var messageText = message.IsUndefined() ? string.Empty : TypeConverter.ToString(message);
        return nameText.Length == 0 ? messageText : messageText.Length == 0 ? nameText : nameText + ": " + messageText;
    }
}
