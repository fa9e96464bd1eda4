using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// Some string built-ins build their whole result in one step, before Jint's memory limit looks again:
/// <c>'x'.repeat(2e8)</c>, <c>padStart</c>/<c>padEnd</c>, and <c>replace</c>/<c>replaceAll</c> with a large
/// replacement string on a large input (a 1 MB string times a 1 KB replacement is 2 GB). Each is wrapped to refuse,
/// with an uncatchable limit error, results larger than <see cref="ExecutionLimits.MaxAllocationBytes"/>. Receivers
/// and arguments are converted once and the original runs on the converted values, so a <c>toString</c> or
/// <c>valueOf</c> cannot answer differently to the check and to the allocation. A replacement function is left
/// alone: it runs script between pieces, where the memory limit is checked.
/// </summary>
internal static class StringGuards
{
    /// <summary>Why a result may be refused: the guard's estimate of its length and the converted arguments for the original.</summary>
    private delegate (double Length, JsValue[] Arguments) Guard(JsValue receiver, string text, JsValue[] args, long maxChars);

    /// <summary>
    /// Guards <c>String.prototype</c>, reachable from any string, so installed in every engine. Each wrapper is
    /// built on the first read of its property (most hooks never read any of the five), from the original's
    /// descriptor taken now: the script never sees the unguarded function.
    /// </summary>
    public static void InstallString(Engine engine, long maxBytes)
    {
        var stringPrototype = (ObjectInstance)engine.Global.Get("String").Get("prototype");
        StringIteration.Install(engine, stringPrototype); // by code points, as V8
        Wrap(engine, stringPrototype, "repeat", maxBytes, static (_, text, args, _) =>
        {
            var count = TypeConverter.ToNumber(At(args, 0));
            // A negative or infinite count is the original's catchable RangeError, as in Node, not a limit.
            return (double.IsInfinity(count) || count < 0 ? 0 : text.Length * count, [count]);
        });
        Wrap(engine, stringPrototype, "padStart", maxBytes, PadGuard);
        Wrap(engine, stringPrototype, "padEnd", maxBytes, PadGuard);
        Wrap(engine, stringPrototype, "replace", maxBytes, static (_, text, args, maxChars) => ReplaceGuard(text, args, all: false, maxChars));
        Wrap(engine, stringPrototype, "replaceAll", maxBytes, static (_, text, args, maxChars) => ReplaceGuard(text, args, all: true, maxChars));
    }

    /// <summary>
    /// Guards <c>RegExp.prototype[Symbol.replace]</c>, where <c>str.replace(regex, s)</c> lands. A script reaches a
    /// RegExp only through a literal or the <c>RegExp</c> global, so the host installs this up front only for scripts
    /// with a literal and otherwise on the first read of the global: most hooks never pay for the RegExp prototype.
    /// </summary>
    /// <remarks>
    /// The cheap bound assumes a match at every position, which refuses code generators that splice a few kilobytes
    /// into a template of a few kilobytes (bluebird's <c>join</c>: 8.7 M characters for a 3.6 K template). When that
    /// bound is over the limit and the regex is a plain RegExp whose matches come from the built-in <c>exec</c>, its
    /// real matches are counted (with the same .NET regex, under the same regex timeout) before refusing.
    /// </remarks>
    public static void InstallRegExp(Engine engine, long maxBytes)
    {
        V8Surface.Remove(engine.Intrinsics.RegExp, "escape"); // not in Node 20
        var regExpPrototype = (ObjectInstance)engine.Intrinsics.RegExp.Get("prototype");
        var builtinExec = regExpPrototype.GetOwnProperty("exec").Value;
        Wrap(engine, regExpPrototype, GlobalSymbolRegistry.Replace, maxBytes, (receiver, _, args, maxChars) =>
        {
            var text = TypeConverter.ToString(At(args, 0));
            var replacement = At(args, 1);
            if (replacement.IsCallable())
            {
                return (0, [text, replacement]);
            }

            // Whether the regex is global is read by the original through getters script may redefine: assume it is.
            var replacementText = TypeConverter.ToString(replacement);
            var perMatch = SubstitutionBound(replacementText, text.Length);
            var length = text.Length + (text.Length + 1d) * perMatch;
            if (length > maxChars && perMatch > 0 && BuiltinRegex(receiver, regExpPrototype, builtinExec) is { } regex)
            {
                // Only as many matches as could stay under the limit are worth finding: one more refuses.
                var allowed = Math.Floor((maxChars - text.Length) / perMatch);
                length = text.Length + CountMatches(regex, text, stopAbove: allowed) * perMatch;
            }

            return (length, [text, replacementText]);
        }, receiverIsText: false);
    }

    /// <summary>
    /// The .NET regex behind <paramref name="receiver"/> when the original's matches will come from it: a RegExp
    /// instance with no own <c>exec</c>, whose prototype is the intrinsic one with its built-in <c>exec</c> still in
    /// place. Descriptors are read without calling getters; anything else (a subclass, a script <c>exec</c>) gets null.
    /// </summary>
    private static Regex? BuiltinRegex(JsValue receiver, ObjectInstance regExpPrototype, JsValue builtinExec) =>
        receiver is JsRegExp { Value: { } regex } instance
        && instance.GetOwnProperty("exec") == PropertyDescriptor.Undefined
        && ReferenceEquals(instance.Prototype, regExpPrototype)
        && regExpPrototype.GetOwnProperty("exec") is var exec && exec.IsDataDescriptor()
        && ReferenceEquals(exec.Value, builtinExec)
            ? regex
            : null;

    /// <summary>Matches of <paramref name="regex"/> from the start (a global regex's all, an upper bound otherwise), counted up to one past <paramref name="stopAbove"/>.</summary>
    private static double CountMatches(Regex regex, string text, double stopAbove)
    {
        var count = 0d;
        for (var match = regex.Match(text); match.Success && count <= stopAbove; match = match.NextMatch())
        {
            count++;
        }

        return count;
    }

    private static (double Length, JsValue[] Arguments) PadGuard(JsValue receiver, string text, JsValue[] args, long maxChars)
    {
        var length = TypeConverter.ToNumber(At(args, 0));
        var fill = At(args, 1);
        return (length, fill.IsUndefined() ? [length] : [length, TypeConverter.ToString(fill)]);
    }

    private static (double Length, JsValue[] Arguments) ReplaceGuard(string text, JsValue[] args, bool all, long maxChars)
    {
        var pattern = At(args, 0);
        var replacement = At(args, 1);
        if (pattern is ObjectInstance || replacement.IsCallable())
        {
            // A RegExp goes through the guarded RegExp.prototype[Symbol.replace]; any other object's Symbol.replace,
            // like a replacement function, is script whose allocations the memory limit sees.
            return (0, args);
        }

        var search = TypeConverter.ToString(pattern);
        var replacementText = TypeConverter.ToString(replacement);
        var perMatch = SubstitutionBound(replacementText, text.Length) - search.Length;
        if (perMatch <= 0)
        {
            return (0, [search, replacementText]);
        }

        // Counting matches is cheap next to building the result, and only worth it when the result could be large.
        var matches = !all ? 1d : text.Length * perMatch <= maxChars ? 0 : CountOccurrences(text, search);
        return (text.Length + matches * perMatch, [search, replacementText]);
    }

    /// <summary>Longest text one substitution can produce: <c>$&amp;</c>, <c>$`</c>, <c>$'</c> and <c>$n</c> each expand to at most the input.</summary>
    private static double SubstitutionBound(string replacement, int inputLength)
    {
        var dollars = 0;
        foreach (var c in replacement)
        {
            if (c == '$') dollars++;
        }

        return replacement.Length + (double)dollars * inputLength;
    }

    private static double CountOccurrences(string text, string search)
    {
        if (search.Length == 0)
        {
            return text.Length + 1;
        }

        var count = 0d;
        for (var index = text.IndexOf(search, StringComparison.Ordinal); index >= 0; index = text.IndexOf(search, index + search.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Replaces <paramref name="key"/> with a function that converts the receiver to a string (unless
    /// <paramref name="receiverIsText"/> is false), asks <paramref name="guard"/> for the result length and the
    /// converted arguments, refuses oversized results and otherwise calls the original. The function is created
    /// on the property's first read.
    /// </summary>
    private static void Wrap(Engine engine, ObjectInstance prototype, JsValue key, long maxBytes, Guard guard, bool receiverIsText = true)
    {
        var original = prototype.GetOwnProperty(key);
        prototype.FastSetProperty(key, PropertyDescriptor.CreateLazy(
            (Engine: engine, Original: original, Key: key, MaxBytes: maxBytes, Guard: guard, ReceiverIsText: receiverIsText),
            static s => CreateWrapper(s.Engine, s.Original.Value, s.Key, s.MaxBytes, s.Guard, s.ReceiverIsText),
            PropertyFlag.NonEnumerable));
    }

    private static ClrFunction CreateWrapper(Engine engine, JsValue original, JsValue key, long maxBytes, Guard guard, bool receiverIsText)
    {
        var name = key is JsSymbol ? "[Symbol.replace]" : key.ToString();
        var maxChars = maxBytes / sizeof(char);
        return new ClrFunction(engine, name, (thisValue, args) =>
        {
            if (receiverIsText && (thisValue.IsNull() || thisValue.IsUndefined()))
            {
                return engine.Call(original, thisValue, args); // the original throws its own TypeError
            }

            var text = receiverIsText ? TypeConverter.ToString(thisValue) : string.Empty;
            var (length, converted) = guard(thisValue, text, args, maxChars);
            if (length > maxChars)
            {
                throw new ScriptLimitException(
                    $"{(key is JsSymbol ? "RegExp.prototype[Symbol.replace]" : $"String.prototype.{name}")} could build a string of {length:0} characters; the limit for a single allocation is {maxBytes} bytes (a replacement function is not limited this way)");
            }

            return engine.Call(original, receiverIsText ? text : thisValue, converted);
        }, (int)TypeConverter.ToNumber(original.Get("length")));
    }

    private static JsValue At(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;
}
