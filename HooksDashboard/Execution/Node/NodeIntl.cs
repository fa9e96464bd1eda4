using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// Dates, numbers, relative times and lists formatted as Node formats them (<see cref="Icu"/>,
/// <c>internal-intl_dates.js</c>, <c>internal-intl_numbers.js</c>, <c>internal-intl_phrases.js</c>): replaces
/// <c>Intl.DateTimeFormat</c>, <c>NumberFormat</c>, <c>RelativeTimeFormat</c> and <c>ListFormat</c>, and the
/// <c>toLocale*String</c> methods of dates, numbers and BigInts. Nothing is built at engine set-up: the globals
/// <c>Date</c> and <c>Intl</c> become lazy, and the first read of either puts lazy replacements in place; a module
/// loads on the first value it formats. Only <c>Number.prototype.toLocaleString</c> (reached from a literal, with no
/// global read) is put in place at set-up, where the script can reach it.
/// </summary>
internal static class NodeIntl
{
    private const string Module = "internal/intl_dates";
    private const string NumbersModule = "internal/intl_numbers";
    private const string PhrasesModule = "internal/intl_phrases";

    /// <summary>
    /// Replaces the engine's date and number formatting in <paramref name="engine"/>; <paramref name="runtime"/> gives
    /// the invocation's Node layer when a module is first needed. <paramref name="numbers"/>: also put
    /// <c>Number.prototype.toLocaleString</c> and <c>BigInt.prototype.toLocaleString</c> in place now (a number reaches
    /// them without any global read to hook). Nothing changes when ICU is not available.
    /// </summary>
    public static void Install(Engine engine, Func<NodeRuntime> runtime, bool numbers)
    {
        if (engine.Global.GetOwnProperty("Date") is not { } date || date == PropertyDescriptor.Undefined
            || engine.Global.GetOwnProperty("Intl") is not { } intl || intl == PropertyDescriptor.Undefined)
        {
            return;
        }

        if (!Icu.Available)
        {
            // Jint's formatters stay; only what Node 20 lacks is taken out when each global is first read.
            engine.Advanced.AddLazyGlobal("Date", date, static (_, d) => WithoutTemporal(d.Value), PropertyFlag.NonEnumerable);
            engine.Advanced.AddLazyGlobal("Intl", intl, static (_, i) => WithoutDurationFormat(i.Value), PropertyFlag.NonEnumerable);
            return;
        }

        var install = new Installation(engine, runtime, date, intl);
        var advanced = engine.Advanced;
        advanced.AddLazyGlobal("Date", install, static (_, s) => s.Date(), PropertyFlag.NonEnumerable);
        advanced.AddLazyGlobal("Intl", install, static (_, s) => s.Intl(), PropertyFlag.NonEnumerable);
        if (numbers)
        {
            install.Numbers();
        }
    }

    // Node 20 has neither Date.prototype.toTemporalInstant nor Intl.DurationFormat (V8Surface).
    private static JsValue WithoutTemporal(JsValue constructor)
    {
        V8Surface.Remove(constructor.Get("prototype"), "toTemporalInstant");
        return constructor;
    }

    private static JsValue WithoutDurationFormat(JsValue intl)
    {
        V8Surface.Remove(intl, "DurationFormat");
        return intl;
    }

    /// <summary>One engine's replacement, made on the first read of <c>Date</c> or <c>Intl</c>.</summary>
    private sealed class Installation(Engine engine, Func<NodeRuntime> runtime, PropertyDescriptor date, PropertyDescriptor intl)
    {
        // The engine's own Intl constructors, which the modules use to check and resolve options.
        private Dictionary<string, ObjectInstance>? _natives;

        // The ICU pattern, locale and zone of each toLocale*String call seen with a string locale and plain options.
        private Dictionary<string, (string LocaleId, string Pattern, string TimeZone)>? _shapes;

        public ObjectInstance NativeOf(string name)
        {
            _natives ??= new(StringComparer.Ordinal);
            if (!_natives.TryGetValue(name, out var native))
            {
                native = (ObjectInstance)((ObjectInstance)intl.Value).Get(name);
                _natives[name] = native;
            }

            return native;
        }

        public void Numbers()
        {
            foreach (var (type, name) in (ReadOnlySpan<(string, string)>)[("Number", "numberToLocaleString"), ("BigInt", "bigintToLocaleString")])
            {
                if (engine.Global.Get(type).Get("prototype") is ObjectInstance prototype)
                {
                    prototype.FastSetProperty("toLocaleString", PropertyDescriptor.CreateLazy((Install: this, Name: name), static s =>
                        new ClrFunction(s.Install.Engine, "toLocaleString", (self, args) => s.Install.Engine.Call(s.Install.Load(NumbersModule).Get(s.Name), self, args), 0, PropertyFlag.Configurable),
                        PropertyFlag.NonEnumerable | PropertyFlag.Writable | PropertyFlag.Configurable));
                }
            }
        }

        public JsValue Date()
        {
            var constructor = WithoutTemporal(date.Value);
            if (constructor.Get("prototype") is ObjectInstance prototype)
            {
                foreach (var name in (ReadOnlySpan<string>)["toLocaleString", "toLocaleDateString", "toLocaleTimeString"])
                {
                    prototype.FastSetProperty(name, PropertyDescriptor.CreateLazy((Install: this, Name: name), static s =>
                        new ClrFunction(s.Install.Engine, s.Name, (self, args) => s.Install.ToLocale(s.Name, self, args), 0, PropertyFlag.Configurable),
                        PropertyFlag.NonEnumerable | PropertyFlag.Writable | PropertyFlag.Configurable));
                }
            }

            return constructor;
        }

        public JsValue Intl()
        {
            var value = WithoutDurationFormat(intl.Value);
            if (value is ObjectInstance target)
            {
                foreach (var (name, module) in Replaced)
                {
                    _ = NativeOf(name);
                    target.FastSetProperty(name, PropertyDescriptor.CreateLazy((Install: this, Name: name, Module: module), static s => s.Install.Load(s.Module).Get(s.Name),
                        PropertyFlag.NonEnumerable | PropertyFlag.Writable | PropertyFlag.Configurable));
                }
            }

            return value;
        }

        private Engine Engine => engine;

        /// <summary>
        /// <c>Date.prototype.toLocaleString</c> and its kin. The options are read here once, in ECMA-402's order; a call
        /// seen before (string locale, options of plain values) formats with its cached ICU pattern without running
        /// script, any other asks the module for the pattern.
        /// </summary>
        private JsString ToLocale(string method, JsValue self, JsValue[] args)
        {
            if (self is not JsDate value)
            {
                throw new JavaScriptException(engine.Intrinsics.TypeError, "this is not a Date object.");
            }

            if (double.IsNaN(value.DateValue))
            {
                return JsString.Create("Invalid Date");
            }

            var locales = args.Length > 0 ? args[0] : JsValue.Undefined;
            var (required, defaults) = method switch
            {
                "toLocaleDateString" => ("date", "date"),
                "toLocaleTimeString" => ("time", "time"),
                _ => ("any", "all"),
            };
            var (snapshot, optionsKey) = ReadOptions(engine, args.Length > 1 ? args[1] : JsValue.Undefined, required, defaults, twice: true);
            var key = optionsKey is not null && (locales.IsUndefined() || locales is JsString) ? TypeConverter.ToString(locales) + "\0" + optionsKey : null;
            if (key is null || _shapes?.TryGetValue(key, out var shape) != true)
            {
                var made = (ObjectInstance)engine.Call(Load().Get("shapeFor"), JsValue.Undefined, [locales, snapshot, optionsKey is null ? JsValue.Undefined : JsString.Create(optionsKey)]);
                shape = (TypeConverter.ToString(made.Get("localeId")), TypeConverter.ToString(made.Get("pattern")), TypeConverter.ToString(made.Get("timeZone")));
                _shapes ??= new(StringComparer.Ordinal);
                if (key is not null && _shapes.Count < 128)
                {
                    _shapes[key] = shape;
                }
            }

            return IcuCall(engine, () => JsString.Create(Icu.FormatText(shape.LocaleId, shape.Pattern, shape.TimeZone, value.DateValue)));
        }

        private ObjectInstance Load(string module = Module)
        {
            var node = runtime();
            return node.RequireInternal(module, () => Binding(node, this));
        }
    }

    // ECMA-402's reading order of a formatter's options.
    private static readonly string[] Options = ["localeMatcher", "calendar", "numberingSystem", "hour12", "hourCycle", "timeZone",
        "weekday", "era", "year", "month", "day", "dayPeriod", "hour", "minute", "second", "fractionalSecondDigits", "timeZoneName",
        "formatMatcher", "dateStyle", "timeStyle"];

    // V8's reading order of a number format's options.
    private static readonly string[] NumberOptions = ["localeMatcher", "numberingSystem", "style", "currency", "currencyDisplay",
        "currencySign", "unit", "unitDisplay", "roundingIncrement", "notation", "minimumIntegerDigits", "minimumFractionDigits",
        "maximumFractionDigits", "minimumSignificantDigits", "maximumSignificantDigits", "roundingPriority", "trailingZeroDisplay",
        "compactDisplay", "useGrouping", "signDisplay", "roundingMode"];

    private static readonly string[] DateFields = ["weekday", "year", "month", "day"];
    private static readonly string[] TimeFields = ["dayPeriod", "hour", "minute", "second", "fractionalSecondDigits"];

    /// <summary>
    /// A formatter's options read as V8 reads them (ECMA-402's <c>ToDateTimeOptions</c>, once for the constructor and
    /// twice for <c>Date.prototype.toLocale*String</c>, then each option once, converted as it is read: a getter runs
    /// as often and in the same order as in Node), with the defaults filled in; and a key naming the values read when
    /// each is a plain string, boolean or number (null otherwise: such options are not cached).
    /// </summary>
    private static (JsObject Snapshot, string? Key) ReadOptions(Engine engine, JsValue options, string required, string defaults, bool twice)
    {
        if (options.IsNull())
        {
            throw new JavaScriptException(engine.Intrinsics.TypeError, "Cannot convert undefined or null to object");
        }

        var source = options.IsUndefined() ? null : (ObjectInstance)engine.Call(engine.Intrinsics.Object, JsValue.Undefined, [options]);
        var read = ToDateTimeOptions(engine, source, required, defaults);
        if (twice)
        {
            read = ToDateTimeOptions(engine, read, "any", "date");
        }

        var snapshot = new JsObject(engine);
        var key = new System.Text.StringBuilder();
        var plain = true;
        for (var i = 0; i < Options.Length; i++)
        {
            var name = Options[i];
            var value = read.Get(name);
            if (value.IsUndefined())
            {
                continue;
            }

            plain &= value is JsString or JsBoolean or JsNumber;
            value = name switch
            {
                "hour12" => TypeConverter.ToBoolean(value) ? JsBoolean.True : JsBoolean.False,
                "fractionalSecondDigits" => TypeConverter.ToNumber(value),
                _ => JsString.Create(TypeConverter.ToString(value)),
            };
            snapshot.Set(name, value);
            if (plain)
            {
                key.Append(i).Append(':').Append(TypeConverter.ToString(value)).Append('\u0001');
            }
        }

        return (snapshot, plain ? key.ToString() : null);
    }

    /// <summary>
    /// A number format's options read once each in V8's order, unconverted (the engine's constructor converts and checks
    /// them from this copy), and a key naming them when each is a plain string, boolean or number (null otherwise).
    /// </summary>
    private static (JsObject Snapshot, string? Key) ReadNumberOptions(Engine engine, JsValue options)
    {
        if (options.IsNull())
        {
            throw new JavaScriptException(engine.Intrinsics.TypeError, "Cannot convert undefined or null to object");
        }

        var snapshot = new JsObject(engine);
        if (options.IsUndefined())
        {
            return (snapshot, "");
        }

        var source = (ObjectInstance)engine.Call(engine.Intrinsics.Object, JsValue.Undefined, [options]);
        var key = new System.Text.StringBuilder();
        var plain = true;
        for (var i = 0; i < NumberOptions.Length; i++)
        {
            var value = source.Get(NumberOptions[i]);
            if (value.IsUndefined())
            {
                continue;
            }

            snapshot.Set(NumberOptions[i], value);
            plain &= value is JsString or JsBoolean or JsNumber;
            if (plain)
            {
                key.Append(i).Append(value.Type).Append(':').Append(TypeConverter.ToString(value)).Append('\u0001');
            }
        }

        return (snapshot, plain ? key.ToString() : null);
    }

    // ECMA-402's ToDateTimeOptions: an object inheriting the options, with the defaults as its own properties.
    private static ObjectInstance ToDateTimeOptions(Engine engine, ObjectInstance? options, string required, string defaults)
    {
        var derived = (ObjectInstance)engine.Call(engine.Intrinsics.Object.Get("create"), JsValue.Undefined, [options ?? (JsValue)JsValue.Null]);
        var needDefaults = true;
        if (required is "date" or "any")
        {
            foreach (var name in DateFields)
            {
                needDefaults &= derived.Get(name).IsUndefined();
            }
        }

        if (required is "time" or "any")
        {
            foreach (var name in TimeFields)
            {
                needDefaults &= derived.Get(name).IsUndefined();
            }
        }

        var dateStyle = derived.Get("dateStyle");
        var timeStyle = derived.Get("timeStyle");
        needDefaults &= dateStyle.IsUndefined() && timeStyle.IsUndefined();
        if (required == "date" && !timeStyle.IsUndefined() || required == "time" && !dateStyle.IsUndefined())
        {
            var option = required == "date" ? "timeStyle" : "dateStyle";
            throw new JavaScriptException(engine.Intrinsics.TypeError, $"Invalid option : {option}");
        }

        if (needDefaults && defaults is "date" or "all")
        {
            foreach (var name in (ReadOnlySpan<string>)["year", "month", "day"])
            {
                derived.CreateDataProperty(name, "numeric");
            }
        }

        if (needDefaults && defaults is "time" or "all")
        {
            foreach (var name in (ReadOnlySpan<string>)["hour", "minute", "second"])
            {
                derived.CreateDataProperty(name, "numeric");
            }
        }

        return derived;
    }

    // The Intl constructors replaced, each with the module that makes it.
    private static readonly (string Name, string Module)[] Replaced =
    [
        ("DateTimeFormat", Module), ("NumberFormat", NumbersModule), ("PluralRules", NumbersModule), ("RelativeTimeFormat", PhrasesModule),
        ("ListFormat", PhrasesModule),
    ];

    private static JsObject Binding(NodeRuntime runtime, Installation install)
    {
        var engine = runtime.Engine;
        var binding = new JsObject(engine);
        foreach (var (name, _) in Replaced)
        {
            binding.Set(name, install.NativeOf(name));
        }

        binding.Set("readOptions", runtime.Function("readOptions", args =>
        {
            var (snapshot, key) = ReadOptions(engine, args.Length > 0 ? args[0] : JsValue.Undefined, Text(args, 1), Text(args, 2), TypeConverter.ToBoolean(args[3]));
            return new JsArray(engine, [snapshot, key is null ? JsValue.Undefined : JsString.Create(key)]);
        }, 4));
        binding.Set("localeId", runtime.Function("localeId", args => IcuText(engine, () => Icu.LocaleId(Text(args, 0))), 1));
        binding.Set("bestPattern", runtime.Function("bestPattern", args => IcuText(engine, () => Icu.BestPattern(Text(args, 0), Text(args, 1))), 2));
        binding.Set("canonicalTimeZone", runtime.Function("canonicalTimeZone", args =>
            Icu.CanonicalTimeZone(Text(args, 0)) is { } zone ? JsString.Create(zone) : JsValue.Undefined, 1));
        binding.Set("numberingSystem", runtime.Function("numberingSystem", args => IcuText(engine, () => Icu.NumberingSystemOf(Text(args, 0))), 1));
        binding.Set("skeleton", runtime.Function("skeleton", args => IcuText(engine, () => Icu.SkeletonOf(Text(args, 0))), 1));
        binding.Set("stylePattern", runtime.Function("stylePattern", args => IcuText(engine, () =>
            Icu.StylePatternOf(Text(args, 0), (int)TypeConverter.ToNumber(args[1]), (int)TypeConverter.ToNumber(args[2]))), 3));
        binding.Set("format", runtime.Function("format", args => IcuText(engine, () =>
            Icu.FormatText(Text(args, 0), Text(args, 1), Text(args, 2), TypeConverter.ToNumber(args[3]))), 4));
        binding.Set("formatToParts", runtime.Function("formatToParts", args =>
        {
            var (text, fields) = IcuCall(engine, () => Icu.Format(Text(args, 0), Text(args, 1), Text(args, 2), TypeConverter.ToNumber(args[3])));
            return Flat(engine, text, fields);
        }, 4));
        binding.Set("formatRangeToParts", runtime.Function("formatRangeToParts", args =>
        {
            var (text, parts) = IcuCall(engine, () => Icu.FormatRange(Text(args, 0), Text(args, 1), Text(args, 2), TypeConverter.ToNumber(args[3]), TypeConverter.ToNumber(args[4])));
            return Flat(engine, text, parts);
        }, 5));
        binding.Set("readNumberOptions", runtime.Function("readNumberOptions", args =>
        {
            var (snapshot, key) = ReadNumberOptions(engine, args.Length > 0 ? args[0] : JsValue.Undefined);
            return new JsArray(engine, [snapshot, key is null ? JsValue.Undefined : JsString.Create(key)]);
        }, 1));
        binding.Set("formatNumberText", runtime.Function("formatNumberText", args =>
        {
            var value = args.Length > 2 ? args[2] : JsValue.Undefined;
            return IcuText(engine, () => Icu.FormatNumber(Text(args, 0), Text(args, 1), value is JsString ? 0 : TypeConverter.ToNumber(value), value is JsString exact ? exact.ToString() : null, withFields: false).Text);
        }, 3));
        binding.Set("formatNumber", runtime.Function("formatNumber", args =>
        {
            var value = args.Length > 2 ? args[2] : JsValue.Undefined;
            var (text, fields) = IcuCall(engine, () => Icu.FormatNumber(Text(args, 0), Text(args, 1), value is JsString ? 0 : TypeConverter.ToNumber(value), value is JsString exact ? exact.ToString() : null));
            return Flat(engine, text, fields);
        }, 3));
        binding.Set("selectPlural", runtime.Function("selectPlural", args =>
        {
            var skeleton = args.Length > 2 && !args[2].IsUndefined() ? Text(args, 2) : null;
            var names = IcuCall(engine, () => Icu.SelectPlural(Text(args, 0), (int)TypeConverter.ToNumber(args[1]), skeleton, args.Length > 3 ? TypeConverter.ToNumber(args[3]) : 0));
            return new JsArray(engine, names.Select(n => (JsValue)JsString.Create(n)).ToArray());
        }, 4));
        binding.Set("formatRelative", runtime.Function("formatRelative", args =>
        {
            var (text, parts) = IcuCall(engine, () => Icu.FormatRelative(Text(args, 0), (int)TypeConverter.ToNumber(args[1]), TypeConverter.ToBoolean(args[2]), TypeConverter.ToNumber(args[3]), (int)TypeConverter.ToNumber(args[4])));
            return Flat(engine, text, parts);
        }, 5));
        binding.Set("formatList", runtime.Function("formatList", args =>
        {
            var items = args.Length > 3 && args[3] is JsArray array ? array.Select(TypeConverter.ToString).ToArray() : [];
            var (text, parts) = IcuCall(engine, () => Icu.FormatList(Text(args, 0), (int)TypeConverter.ToNumber(args[1]), (int)TypeConverter.ToNumber(args[2]), items));
            return Flat(engine, text, parts);
        }, 4));
        return binding;
    }

    // A formatted text and its parts as one array for the module: [text, category, field, start, end, ...].
    private static JsArray Flat(Engine engine, string text, List<(int Category, int Field, int Start, int End)> parts)
    {
        var flat = new JsValue[1 + parts.Count * 4];
        flat[0] = JsString.Create(text);
        for (var i = 0; i < parts.Count; i++)
        {
            flat[1 + i * 4] = parts[i].Category;
            flat[2 + i * 4] = parts[i].Field;
            flat[3 + i * 4] = parts[i].Start;
            flat[4 + i * 4] = parts[i].End;
        }

        return new JsArray(engine, flat);
    }

    private static string Text(JsValue[] args, int index) => TypeConverter.ToString(args.Length > index ? args[index] : JsValue.Undefined);

    private static JsString IcuText(Engine engine, Func<string> call) => JsString.Create(IcuCall(engine, call));

    // An ICU failure (a pattern or zone it refuses) is the script's RangeError, never a host fault.
    private static T IcuCall<T>(Engine engine, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (InvalidOperationException ex)
        {
            throw new JavaScriptException(engine.Construct(engine.Global.Get("RangeError"), [JsString.Create(ex.Message)]));
        }
    }
}
