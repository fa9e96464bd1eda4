using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace HooksDashboard.Execution.Node;

/// <summary>
/// Dates, times, numbers, relative times and lists as Node formats them: ICU's own pattern generator, date, interval,
/// number, relative-time and list formatters, from the ICU library .NET itself uses on Linux (the <c>libicu</c>
/// package). Jint's <c>Intl.DateTimeFormat</c> builds most locales' texts from en-US patterns (en-GB's
/// <c>5/3/2024, 2:07:09 pm</c> where Node prints <c>05/03/2024, 14:07:09</c>); V8 asks ICU for the best pattern of a
/// skeleton made from the options and formats with it, and so does this.
/// <para>
/// ICU's C functions carry the library's major version as a suffix (<c>udat_open_72</c>); the library is found the way
/// .NET finds it (the newest <c>libicui18n.so.N</c>). Where none loads (.NET's invariant globalization mode, a
/// system without ICU) <see cref="Available"/> is false and the engine's own formatter stays in place.
/// </para>
/// <para>
/// ICU's pattern generators and date, interval, relative-time and list formatters are not safe to use from two threads
/// at once: each cached one is used under its own lock (number formatters are immutable and shared). Caches are
/// bounded; past the bound an object is opened for the one call and closed.
/// </para>
/// </summary>
internal static class Icu
{
    private const int MaxLocales = 64;
    private const int MaxFormatters = 256;
    private const int MaxPatterns = 4096;

    // UDateFormatStyle.
    private const int StylePattern = -2;

    // UDateTimePatternMatchOptions: keep the skeleton's hour length (V8's choice: "jj" gives "09", "j" gives "9").
    private const int MatchHourFieldLength = 1 << 11;

    private const int BufferOverflowError = 15;

    private static readonly Lazy<Api?> Library = new(Api.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Binds ICU when the app's assembly loads, which points ICU at the shipped tz database before anything opens
    /// ICU's zone data (see <c>UseShippedTimeZoneData</c>): Jint and .NET touch ICU's zones before the first Intl
    /// call would bind it, and ICU reads the folder only once.
    /// </summary>
#pragma warning disable CA2255 // The application's own assembly: ICU must be told before its first use of zone data.
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void BindEarly() => _ = Library.Value;
    private static readonly ConcurrentDictionary<string, Locked> Generators = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Locale, string Pattern, string TimeZone), Locked> Formatters = new();
    private static readonly ConcurrentDictionary<(string Locale, string Skeleton, string TimeZone), Locked> Intervals = new();

    private static readonly ConcurrentDictionary<(string Locale, int Style), Locked> Relatives = new();
    private static readonly ConcurrentDictionary<(string Locale, int Type, int Width), Locked> Lists = new();
    private static readonly ConcurrentDictionary<(string Locale, int Type), Locked> Plurals = new();

    // ICU's number formatters are immutable and thread-safe: shared without a lock.
    private static readonly ConcurrentDictionary<(string Locale, string Skeleton), IntPtr> Numbers = new();
    private static readonly ConcurrentDictionary<(string Locale, string Key), string> Patterns = new();
    private static readonly ConcurrentDictionary<string, string> LocaleIds = new(StringComparer.Ordinal);

    /// <summary>Whether ICU's date functions loaded.</summary>
    public static bool Available => Library.Value is not null;

    /// <summary>The ICU locale id of a BCP 47 tag (<c>ja-JP-u-ca-japanese</c> → <c>ja_JP@calendar=japanese</c>).</summary>
    public static string LocaleId(string languageTag)
    {
        if (LocaleIds.TryGetValue(languageTag, out var cached))
        {
            return cached;
        }

        var api = Require();
        var buffer = new byte[160];
        var status = 0;
        var length = api.ForLanguageTag(languageTag, buffer, buffer.Length, out _, ref status);
        if (status == BufferOverflowError)
        {
            buffer = new byte[length + 1];
            status = 0;
            length = api.ForLanguageTag(languageTag, buffer, buffer.Length, out _, ref status);
        }

        Check(status, "uloc_forLanguageTag");
        var id = Encoding.ASCII.GetString(buffer, 0, length);
        if (LocaleIds.Count < MaxPatterns)
        {
            LocaleIds[languageTag] = id;
        }

        return id;
    }

    /// <summary>The locale's best pattern for <paramref name="skeleton"/> (<c>yMd</c> → <c>dd/MM/y</c> in en_GB).</summary>
    public static string BestPattern(string locale, string skeleton)
    {
        if (Patterns.TryGetValue((locale, skeleton), out var cached))
        {
            return cached;
        }

        var api = Require();
        var pattern = WithGenerator(api, locale, generator => ReadString(
            (buffer, capacity) =>
            {
                var status = 0;
                var length = api.GetBestPatternWithOptions(generator, skeleton, skeleton.Length, MatchHourFieldLength, buffer, capacity, ref status);
                return (length, status);
            },
            "udatpg_getBestPatternWithOptions"));
        Remember((locale, skeleton), pattern);
        return pattern;
    }

    /// <summary>The locale's default numbering system (<c>ar_EG</c> → <c>arab</c>).</summary>
    public static string NumberingSystemOf(string locale)
    {
        if (Patterns.TryGetValue((locale, "\u0002"), out var cached))
        {
            return cached;
        }

        var api = Require();
        var status = 0;
        var system = api.NumberingSystemOpen(locale, ref status);
        Check(status, "unumsys_open");
        try
        {
            var name = Marshal.PtrToStringAnsi(api.NumberingSystemName(system)) ?? "latn";
            Remember((locale, "\u0002"), name);
            return name;
        }
        finally
        {
            api.NumberingSystemClose(system);
        }
    }

    private static readonly Lazy<Dictionary<string, string>> ZoneIds = new(() =>
    {
        // Every zone name ICU knows, links included, by its upper-case form: V8 takes names in any case.
        var api = Require();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var status = 0;
        var zones = api.OpenTimeZoneIds(0, null, IntPtr.Zero, ref status);
        Check(status, "ucal_openTimeZoneIDEnumeration");
        try
        {
            while (api.EnumNext(zones, out var length, ref status) is var name && name != IntPtr.Zero && status <= 0)
            {
                var id = Marshal.PtrToStringAnsi(name, length);
                ids.TryAdd(id.ToUpperInvariant(), id);
            }
        }
        finally
        {
            api.EnumClose(zones);
        }

        return ids;
    });

    /// <summary>
    /// A time zone name as V8's Intl resolves it: ICU's canonical ID (<c>Asia/Kolkata</c> is <c>Asia/Calcutta</c>,
    /// <c>US/Pacific</c> <c>America/Los_Angeles</c>), the UTC names as <c>UTC</c>, any letter case; null for a name
    /// ICU does not know (offsets such as <c>+05:30</c> too: Node 20 refuses them).
    /// </summary>
    public static string? CanonicalTimeZone(string name)
    {
        var upper = name.ToUpperInvariant();
        if (upper is "UTC" or "GMT" or "ETC/UTC" or "ETC/GMT") return "UTC";
        if (!ZoneIds.Value.TryGetValue(upper, out var id)) return null;
        var api = Require();
        var buffer = new char[128];
        var status = 0;
        var length = api.CanonicalTimeZoneId(id, id.Length, buffer, buffer.Length, out _, ref status);
        Check(status, "ucal_getCanonicalTimeZoneID");
        var canonical = new string(buffer, 0, length);
        return canonical switch
        {
            "Etc/Unknown" or "Factory" => null,
            "Etc/UTC" or "Etc/GMT" => "UTC",
            _ => canonical,
        };
    }

    /// <summary>The skeleton of a pattern (<c>h:mm a</c> → <c>ahmm</c>).</summary>
    public static string SkeletonOf(string pattern)
    {
        var api = Require();
        return ReadString(
            (buffer, capacity) =>
            {
                var status = 0;
                var length = api.GetSkeleton(IntPtr.Zero, pattern, pattern.Length, buffer, capacity, ref status);
                return (length, status);
            },
            "udatpg_getSkeleton");
    }

    /// <summary>The locale's pattern for a date style and a time style (each 0 full … 3 short, or -1 none).</summary>
    public static string StylePatternOf(string locale, int dateStyle, int timeStyle)
    {
        var key = (locale, "\u0001" + dateStyle + "," + timeStyle);
        if (Patterns.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var api = Require();
        var status = 0;
        var format = api.Open(timeStyle, dateStyle, locale, "UTC", 3, null, 0, ref status);
        Check(status, "udat_open");
        try
        {
            var pattern = ReadString(
                (buffer, capacity) =>
                {
                    var s = 0;
                    var length = api.ToPattern(format, 0, buffer, capacity, ref s);
                    return (length, s);
                },
                "udat_toPattern");
            Remember(key, pattern);
            return pattern;
        }
        finally
        {
            api.Close(format);
        }
    }

    /// <summary>
    /// <paramref name="time"/> (ms since the epoch) in <paramref name="pattern"/>, in the locale and time zone, as V8's
    /// <c>format()</c> gives it: a narrow no-break space of the pattern (en's "2:07 PM") printed as a space.
    /// </summary>
    public static string FormatText(string locale, string pattern, string timeZone, double time) =>
        WithFormatter(locale, pattern, timeZone, time, static (api, format, time) => ReadString(
            (buffer, capacity) =>
            {
                var status = 0;
                var length = api.Format(format, time, buffer, capacity, IntPtr.Zero, ref status);
                return (length, status);
            },
            "udat_format").Replace('\u202f', ' '));

    /// <summary>
    /// <paramref name="time"/> (ms since the epoch) in <paramref name="pattern"/>, in the locale and time zone, and the
    /// fields' places in the text: (1, ICU's date field number, start, end) in text order (1: ICU's category of date
    /// fields, as <see cref="FormatRange"/> and <see cref="FormatNumber"/> name theirs).
    /// </summary>
    public static (string Text, List<(int Category, int Field, int Start, int End)> Fields) Format(string locale, string pattern, string timeZone, double time) =>
        WithFormatter(locale, pattern, timeZone, time, FormatWith);

    private static T WithFormatter<T>(string locale, string pattern, string timeZone, double time, Func<Api, IntPtr, double, T> use)
    {
        var api = Require();
        return WithCached(Formatters, (locale, pattern, timeZone), () => OpenPattern(api, locale, pattern, timeZone), api.Close, format => use(api, format, time));
    }

    /// <summary>
    /// The range from <paramref name="start"/> to <paramref name="end"/> (ms since the epoch) for a skeleton, as ICU's
    /// interval format writes it (<c>3/5/2024 – 3/7/2024</c>; one date when both read the same), and its parts:
    /// (category, field, start, end), category 1 a date field and 4101 the span of the first (field 0) or second
    /// (field 1) date.
    /// </summary>
    public static (string Text, List<(int Category, int Field, int Start, int End)> Parts) FormatRange(string locale, string skeleton, string timeZone, double start, double end)
    {
        var api = Require();
        return WithCached(Intervals, (locale, skeleton, timeZone), () =>
        {
            var status = 0;
            var handle = api.IntervalOpen(locale, skeleton, skeleton.Length, timeZone, timeZone.Length, ref status);
            Check(status, "udtitvfmt_open");
            return handle;
        }, api.IntervalClose, format => Formatted(
            api, "udtitvfmt", api.IntervalOpenResult, (IntPtr result, ref int status) => api.IntervalFormatToResult(format, start, end, result, ref status),
            api.IntervalResultAsValue, api.IntervalCloseResult));
    }

    private delegate void IntoResult(IntPtr result, ref int status);

    // ICU's formatted values: open a result, format into it, read its text (and parts), close it.
    private static (string Text, List<(int Category, int Field, int Start, int End)> Parts) Formatted(
        Api api, string what, IteratorOpenFn open, IntoResult format, HandleStatusFn asValue, CloseFn close, bool withParts = true)
    {
        var status = 0;
        var result = open(ref status);
        Check(status, what + "_openResult");
        try
        {
            format(result, ref status);
            Check(status, what + "_format");
            var value = asValue(result, ref status);
            Check(status, what + "_resultAsValue");
            return ReadValue(api, value, withParts);
        }
        finally
        {
            close(result);
        }
    }

    // A formatted value's text and, when asked, its parts: (category, field, start, end) in ICU's order.
    private static (string Text, List<(int Category, int Field, int Start, int End)> Parts) ReadValue(Api api, IntPtr value, bool withParts)
    {
        var status = 0;
        var chars = api.ValueGetString(value, out var length, ref status);
        Check(status, "ufmtval_getString");
        var text = Marshal.PtrToStringUni(chars, length);
        var parts = new List<(int, int, int, int)>();
        if (!withParts)
        {
            return (text, parts);
        }

        var position = api.PositionOpen(ref status);
        Check(status, "ucfpos_open");
        try
        {
            while (api.ValueNextPosition(value, position, ref status) != 0 && status <= 0)
            {
                var category = api.PositionGetCategory(position, ref status);
                var field = api.PositionGetField(position, ref status);
                api.PositionGetIndexes(position, out var from, out var to, ref status);
                parts.Add((category, field, from, to));
            }
        }
        finally
        {
            api.PositionClose(position);
        }

        Check(status, "ufmtval_nextPosition");
        return (text, parts);
    }

    /// <summary>
    /// <paramref name="number"/> (or, when <paramref name="exact"/> is not null, that exact decimal text) formatted
    /// with an ICU number skeleton (<c>currency/EUR unit-width-iso-code rounding-mode-half-up</c>) in the locale, and
    /// its fields: (category, field, start, end), the field one of ICU's <c>UNumberFormatFields</c>, in the order ICU
    /// gives them (nested: a group separator lies inside the integer).
    /// </summary>
    public static (string Text, List<(int Category, int Field, int Start, int End)> Fields) FormatNumber(string locale, string skeleton, double number, string? exact, bool withFields = true)
    {
        var api = Require();
        return WithNumberFormatter(api, locale, skeleton, formatter => FormatNumberWith(api, formatter, number, exact, withFields));
    }

    private static (string, List<(int, int, int, int)>) FormatNumberWith(Api api, IntPtr formatter, double number, string? exact, bool withFields) =>
        Formatted(api, "unumf", api.NumberOpenResult, (IntPtr result, ref int status) =>
        {
            if (exact is null)
            {
                // .NET's NaN has its sign bit set, which ICU prints as "-NaN"; JavaScript's NaN has no sign.
                api.NumberFormatDouble(formatter, double.IsNaN(number) ? BitConverter.Int64BitsToDouble(0x7FF8000000000000) : number, result, ref status);
            }
            else
            {
                api.NumberFormatDecimal(formatter, exact, exact.Length, result, ref status);
            }
        }, api.NumberResultAsValue, api.NumberCloseResult, withFields);

    /// <summary>
    /// <paramref name="value"/> of a unit (ICU's <c>URelativeDateTimeUnit</c>: 0 year … 7 second) relative to now, as
    /// the locale says it in a style (0 long, 1 short, 2 narrow): "in 2 weeks", or with <paramref name="numeric"/>
    /// false the locale's words where it has them ("yesterday"); and its parts (category, field, start, end).
    /// </summary>
    public static (string Text, List<(int Category, int Field, int Start, int End)> Parts) FormatRelative(string locale, int style, bool numeric, double value, int unit)
    {
        var api = Require();
        return WithCached(Relatives, (locale, style), () =>
        {
            var status = 0;
            // UDISPCTX_CAPITALIZATION_NONE; no number format of our own (the locale's).
            var handle = api.RelativeOpen(locale, IntPtr.Zero, style, 1 << 8, ref status);
            Check(status, "ureldatefmt_open");
            return handle;
        }, api.RelativeClose, formatter => Formatted(
            api, "ureldatefmt", api.RelativeOpenResult,
            (IntPtr result, ref int status) => (numeric ? api.RelativeFormatNumeric : api.RelativeFormat)(formatter, value, unit, result, ref status),
            api.RelativeResultAsValue, api.RelativeCloseResult));
    }

    /// <summary>
    /// <paramref name="items"/> as one list in the locale: a type (0 and, 1 or, 2 units) and width (0 wide, 1 short,
    /// 2 narrow) as ICU's list formatter joins them ("a, b et c"), and its parts (category, field, start, end).
    /// </summary>
    public static (string Text, List<(int Category, int Field, int Start, int End)> Parts) FormatList(string locale, int type, int width, string[] items)
    {
        var api = Require();
        return WithCached(Lists, (locale, type, width), () =>
        {
            var status = 0;
            var handle = api.ListOpen(locale, type, width, ref status);
            Check(status, "ulistfmt_openForType");
            return handle;
        }, api.ListClose, formatter =>
        {
            var strings = new IntPtr[items.Length];
            try
            {
                var lengths = new int[items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    strings[i] = Marshal.StringToHGlobalUni(items[i]);
                    lengths[i] = items[i].Length;
                }

                return Formatted(
                    api, "ulistfmt", api.ListOpenResult, (IntPtr result, ref int status) => api.ListFormat(formatter, strings, lengths, items.Length, result, ref status),
                    api.ListResultAsValue, api.ListCloseResult);
            }
            finally
            {
                foreach (var item in strings)
                {
                    Marshal.FreeHGlobal(item);
                }
            }
        });
    }

    /// <summary>
    /// The plural category (<c>one</c>, <c>few</c>, <c>other</c>...) of <paramref name="number"/> as formatted with an
    /// ICU number skeleton (its digits decide: en's <c>1.0</c> is <c>other</c>), in a type of rules (0 cardinal,
    /// 1 ordinal) of the locale; or, with <paramref name="skeleton"/> null, the categories the rules have.
    /// </summary>
    public static string[] SelectPlural(string locale, int type, string? skeleton, double number)
    {
        var api = Require();
        return WithCached(Plurals, (locale, type), () =>
        {
            var status = 0;
            var handle = api.PluralOpen(locale, type, ref status);
            Check(status, "uplrules_openForType");
            return handle;
        }, api.PluralClose, rules =>
        {
            var status = 0;
            if (skeleton is null)
            {
                var keywords = api.PluralKeywords(rules, ref status);
                Check(status, "uplrules_getKeywords");
                try
                {
                    var names = new List<string>();
                    while (api.EnumNext(keywords, out var length, ref status) is var name && name != IntPtr.Zero && status <= 0)
                    {
                        names.Add(Marshal.PtrToStringAnsi(name, length));
                    }

                    Check(status, "uenum_next");
                    return names.ToArray();
                }
                finally
                {
                    api.EnumClose(keywords);
                }
            }

            return WithNumberFormatter(api, locale, skeleton, formatter =>
            {
                var s = 0;
                var result = api.NumberOpenResult(ref s);
                Check(s, "unumf_openResult");
                try
                {
                    api.NumberFormatDouble(formatter, double.IsNaN(number) ? BitConverter.Int64BitsToDouble(0x7FF8000000000000) : number, result, ref s);
                    Check(s, "unumf_formatDouble");
                    return new[]
                    {
                        ReadString(
                            (buffer, capacity) =>
                            {
                                var selected = 0;
                                var length = api.PluralSelectFormatted(rules, result, buffer, capacity, ref selected);
                                return (length, selected);
                            },
                            "uplrules_selectFormatted"),
                    };
                }
                finally
                {
                    api.NumberCloseResult(result);
                }
            });
        });
    }

    // ICU's number formatter for a locale and skeleton: cached (immutable and thread-safe, so used without a lock), or
    // past the bound opened for the call and closed.
    private static T WithNumberFormatter<T>(Api api, string locale, string skeleton, Func<IntPtr, T> use)
    {
        if (Numbers.TryGetValue((locale, skeleton), out var formatter))
        {
            return use(formatter);
        }

        var status = 0;
        formatter = api.NumberOpen(skeleton, skeleton.Length, locale, ref status);
        Check(status, "unumf_openForSkeletonAndLocale");
        if (Numbers.Count < MaxFormatters && Numbers.TryAdd((locale, skeleton), formatter))
        {
            return use(formatter);
        }

        try
        {
            return use(formatter);
        }
        finally
        {
            api.NumberClose(formatter);
        }
    }

    // A cached ICU object used under its lock; past the bound one opened for the call and closed.
    private static T WithCached<TKey, T>(ConcurrentDictionary<TKey, Locked> cache, TKey key, Func<IntPtr> open, CloseFn close, Func<IntPtr, T> use, int bound = MaxFormatters)
        where TKey : notnull
    {
        if (!cache.TryGetValue(key, out var entry))
        {
            var handle = open();
            if (cache.Count >= bound)
            {
                try
                {
                    return use(handle);
                }
                finally
                {
                    close(handle);
                }
            }

            var made = new Locked(handle);
            entry = cache.GetOrAdd(key, made);
            if (!ReferenceEquals(entry, made))
            {
                close(handle);
            }
        }

        lock (entry)
        {
            return use(entry.Handle);
        }
    }

    private static IntPtr OpenPattern(Api api, string locale, string pattern, string timeZone)
    {
        var status = 0;
        var format = api.Open(StylePattern, StylePattern, locale, timeZone, timeZone.Length, pattern, pattern.Length, ref status);
        Check(status, "udat_open");
        if (locale.Contains("calendar=gregorian", StringComparison.Ordinal) || !locale.Contains("calendar=", StringComparison.Ordinal))
        {
            // ECMA-402's Gregorian calendar is proleptic (V8 sets the same): no Julian dates before October 1582.
            var calendar = api.GetCalendar(format);
            var s = 0;
            api.SetGregorianChange(calendar, -8.64e15, ref s);
        }

        return format;
    }

    private static (string Text, List<(int Category, int Field, int Start, int End)> Fields) FormatWith(Api api, IntPtr format, double time)
    {
        var status = 0;
        var iterator = api.FieldIteratorOpen(ref status);
        Check(status, "ufieldpositer_open");
        try
        {
            var buffer = new char[64];
            status = 0;
            var length = api.FormatForFields(format, time, buffer, buffer.Length, iterator, ref status);
            if (status == BufferOverflowError)
            {
                api.FieldIteratorClose(iterator);
                status = 0;
                iterator = api.FieldIteratorOpen(ref status);
                Check(status, "ufieldpositer_open");
                buffer = new char[length + 1];
                length = api.FormatForFields(format, time, buffer, buffer.Length, iterator, ref status);
            }

            Check(status, "udat_formatForFields");
            var fields = new List<(int, int, int, int)>();
            while (api.FieldIteratorNext(iterator, out var start, out var end) is var field and >= 0)
            {
                fields.Add((1, field, start, end));
            }

            fields.Sort(static (a, b) => a.Item3.CompareTo(b.Item3));
            return (new string(buffer, 0, length), fields);
        }
        finally
        {
            api.FieldIteratorClose(iterator);
        }
    }

    // Pattern generators are large (a locale's whole pattern data): fewer of them are kept.
    private static T WithGenerator<T>(Api api, string locale, Func<IntPtr, T> use) =>
        WithCached(Generators, locale, () =>
        {
            var status = 0;
            var handle = api.GeneratorOpen(locale, ref status);
            Check(status, "udatpg_open");
            return handle;
        }, api.GeneratorClose, use, MaxLocales);

    private static string ReadString(Func<char[], int, (int Length, int Status)> read, string function)
    {
        var buffer = new char[64];
        var (length, status) = read(buffer, buffer.Length);
        if (status == BufferOverflowError)
        {
            buffer = new char[length + 1];
            (length, status) = read(buffer, buffer.Length);
        }

        Check(status, function);
        return new string(buffer, 0, length);
    }

    private static void Remember((string, string) key, string pattern)
    {
        if (Patterns.Count < MaxPatterns)
        {
            Patterns[key] = pattern;
        }
    }

    private static Api Require() => Library.Value ?? throw new InvalidOperationException("ICU is not available");

    private static void Check(int status, string function)
    {
        // Negative codes are warnings (e.g. a string not terminated, which these calls never rely on).
        if (status > 0)
        {
            throw new InvalidOperationException($"{function} failed with ICU error {status}");
        }
    }

    /// <summary>A native ICU object used by one thread at a time (lock on this).</summary>
    private sealed class Locked(IntPtr handle)
    {
        public IntPtr Handle { get; } = handle;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int ForLanguageTagFn([MarshalAs(UnmanagedType.LPStr)] string tag, [Out] byte[] id, int capacity, out int parsed, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr GeneratorOpenFn([MarshalAs(UnmanagedType.LPStr)] string locale, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void CloseFn(IntPtr handle);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetTimeZoneFilesDirectoryFn([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref int status);

    // The ICU version whose data Execution/Node/IcuTimeZones holds (icudt77l).
    private const int ShippedTimeZoneDataIcuVersion = 77;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr HandleFn(IntPtr handle);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int BestPatternFn(IntPtr generator, [MarshalAs(UnmanagedType.LPWStr)] string skeleton, int length, int options, [Out] char[] pattern, int capacity, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int GetSkeletonFn(IntPtr generator, [MarshalAs(UnmanagedType.LPWStr)] string pattern, int length, [Out] char[] skeleton, int capacity, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr OpenFn(int timeStyle, int dateStyle, [MarshalAs(UnmanagedType.LPStr)] string locale, [MarshalAs(UnmanagedType.LPWStr)] string timeZone, int timeZoneLength, [MarshalAs(UnmanagedType.LPWStr)] string? pattern, int patternLength, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int ToPatternFn(IntPtr format, sbyte localized, [Out] char[] pattern, int capacity, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int FormatFn(IntPtr format, double date, [Out] char[] text, int capacity, IntPtr position, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int FormatForFieldsFn(IntPtr format, double date, [Out] char[] text, int capacity, IntPtr iterator, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr IteratorOpenFn(ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int IteratorNextFn(IntPtr iterator, out int start, out int end);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr GetCalendarFn(IntPtr format);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr NumberOpenFn([MarshalAs(UnmanagedType.LPWStr)] string skeleton, int length, [MarshalAs(UnmanagedType.LPStr)] string locale, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void NumberFormatDoubleFn(IntPtr formatter, double value, IntPtr result, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void NumberFormatDecimalFn(IntPtr formatter, [MarshalAs(UnmanagedType.LPStr)] string value, int length, IntPtr result, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr RelativeOpenFn([MarshalAs(UnmanagedType.LPStr)] string locale, IntPtr numberFormat, int width, int capitalization, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void RelativeFormatFn(IntPtr formatter, double offset, int unit, IntPtr result, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr PluralOpenFn([MarshalAs(UnmanagedType.LPStr)] string locale, int type, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int PluralSelectFormattedFn(IntPtr rules, IntPtr number, [Out] char[] keyword, int capacity, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr EnumNextFn(IntPtr enumeration, out int length, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr OpenTimeZoneIdsFn(int zoneType, [MarshalAs(UnmanagedType.LPStr)] string? region, IntPtr rawOffset, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int CanonicalTimeZoneIdFn(string id, int length, [Out] char[] result, int capacity, out byte isSystemId, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr ListOpenFn([MarshalAs(UnmanagedType.LPStr)] string locale, int type, int width, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void ListFormatFn(IntPtr formatter, IntPtr[] strings, int[] lengths, int count, IntPtr result, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr IntervalOpenFn([MarshalAs(UnmanagedType.LPStr)] string locale, [MarshalAs(UnmanagedType.LPWStr)] string skeleton, int skeletonLength, [MarshalAs(UnmanagedType.LPWStr)] string timeZone, int timeZoneLength, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void IntervalFormatToResultFn(IntPtr format, double start, double end, IntPtr result, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr HandleStatusFn(IntPtr handle, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate IntPtr ValueGetStringFn(IntPtr value, out int length, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate sbyte ValueNextPositionFn(IntPtr value, IntPtr position, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int PositionIntFn(IntPtr position, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void PositionIndexesFn(IntPtr position, out int start, out int limit, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate void SetGregorianChangeFn(IntPtr calendar, double date, ref int status);

    /// <summary>The ICU functions used, bound to one loaded version of the library.</summary>
    private sealed class Api
    {
        public required ForLanguageTagFn ForLanguageTag { get; init; }
        public required GeneratorOpenFn GeneratorOpen { get; init; }
        public required GeneratorOpenFn NumberingSystemOpen { get; init; }
        public required HandleFn NumberingSystemName { get; init; }
        public required CloseFn NumberingSystemClose { get; init; }
        public required CloseFn GeneratorClose { get; init; }
        public required BestPatternFn GetBestPatternWithOptions { get; init; }
        public required GetSkeletonFn GetSkeleton { get; init; }
        public required OpenFn Open { get; init; }
        public required CloseFn Close { get; init; }
        public required ToPatternFn ToPattern { get; init; }
        public required FormatFn Format { get; init; }
        public required FormatForFieldsFn FormatForFields { get; init; }
        public required IteratorOpenFn FieldIteratorOpen { get; init; }
        public required IteratorNextFn FieldIteratorNext { get; init; }
        public required CloseFn FieldIteratorClose { get; init; }
        public required GetCalendarFn GetCalendar { get; init; }
        public required NumberOpenFn NumberOpen { get; init; }
        public required CloseFn NumberClose { get; init; }
        public required IteratorOpenFn NumberOpenResult { get; init; }
        public required NumberFormatDoubleFn NumberFormatDouble { get; init; }
        public required NumberFormatDecimalFn NumberFormatDecimal { get; init; }
        public required HandleStatusFn NumberResultAsValue { get; init; }
        public required CloseFn NumberCloseResult { get; init; }
        public required RelativeOpenFn RelativeOpen { get; init; }
        public required CloseFn RelativeClose { get; init; }
        public required IteratorOpenFn RelativeOpenResult { get; init; }
        public required RelativeFormatFn RelativeFormat { get; init; }
        public required RelativeFormatFn RelativeFormatNumeric { get; init; }
        public required HandleStatusFn RelativeResultAsValue { get; init; }
        public required CloseFn RelativeCloseResult { get; init; }
        public required PluralOpenFn PluralOpen { get; init; }
        public required CloseFn PluralClose { get; init; }
        public required PluralSelectFormattedFn PluralSelectFormatted { get; init; }
        public required HandleStatusFn PluralKeywords { get; init; }
        public required EnumNextFn EnumNext { get; init; }
        public required OpenTimeZoneIdsFn OpenTimeZoneIds { get; init; }
        public required CanonicalTimeZoneIdFn CanonicalTimeZoneId { get; init; }
        public required CloseFn EnumClose { get; init; }
        public required ListOpenFn ListOpen { get; init; }
        public required CloseFn ListClose { get; init; }
        public required IteratorOpenFn ListOpenResult { get; init; }
        public required ListFormatFn ListFormat { get; init; }
        public required HandleStatusFn ListResultAsValue { get; init; }
        public required CloseFn ListCloseResult { get; init; }
        public required IntervalOpenFn IntervalOpen { get; init; }
        public required CloseFn IntervalClose { get; init; }
        public required IteratorOpenFn IntervalOpenResult { get; init; }
        public required IntervalFormatToResultFn IntervalFormatToResult { get; init; }
        public required HandleStatusFn IntervalResultAsValue { get; init; }
        public required CloseFn IntervalCloseResult { get; init; }
        public required ValueGetStringFn ValueGetString { get; init; }
        public required IteratorOpenFn PositionOpen { get; init; }
        public required CloseFn PositionClose { get; init; }
        public required ValueNextPositionFn ValueNextPosition { get; init; }
        public required PositionIntFn PositionGetCategory { get; init; }
        public required PositionIntFn PositionGetField { get; init; }
        public required PositionIndexesFn PositionGetIndexes { get; init; }
        public required SetGregorianChangeFn SetGregorianChange { get; init; }

        /// <summary>
        /// Points ICU at the tz database shipped beside the app (<c>icu-timezones/</c>, ICU 77's files with tz
        /// 2025b; <c>Execution/Node/IcuTimeZones/update.sh</c> refreshes them) instead of the one built into the
        /// system's library: Debian 12's ICU 72 carries tz 2022e, so Mexico still kept DST, Egypt had none, Paraguay,
        /// Kazakhstan and Greenland had their old offsets and America/Ciudad_Juarez was GMT — silently wrong times
        /// in every Intl and <c>toLocaleString</c> with a <c>timeZone</c>. ICU reads the folder when it first opens
        /// its zone data, so this runs before any formatter is opened (the first use of <see cref="Library"/>);
        /// .NET itself reads zones from the system's tzdata, not from ICU. A system ICU newer than the shipped
        /// files keeps its own data.
        /// </summary>
        private static void UseShippedTimeZoneData(IntPtr common, int version)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "icu-timezones");
            if (version > ShippedTimeZoneDataIcuVersion || !File.Exists(Path.Combine(folder, "zoneinfo64.res"))) return;
            if (!NativeLibrary.TryGetExport(common, $"u_setTimeZoneFilesDirectory_{version}", out var address)
                && !NativeLibrary.TryGetExport(common, "u_setTimeZoneFilesDirectory", out address))
            {
                return;
            }

            var status = 0;
            Marshal.GetDelegateForFunctionPointer<SetTimeZoneFilesDirectoryFn>(address)(folder, ref status);
        }

        public static Api? Load()
        {
            if (AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant
                || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT") is "1" or "true"
                || !OperatingSystem.IsLinux())
            {
                return null;
            }

            // .NET looks for the newest version it knows; so do we (ICU 50 is the oldest .NET ever supported).
            for (var version = 99; version >= 50; version--)
            {
                if (!NativeLibrary.TryLoad($"libicui18n.so.{version}", out var i18n))
                {
                    continue;
                }

                if (!NativeLibrary.TryLoad($"libicuuc.so.{version}", out var common))
                {
                    continue;
                }

                UseShippedTimeZoneData(common, version);
                try
                {
                    T Bind<T>(IntPtr library, string name) where T : Delegate =>
                        Marshal.GetDelegateForFunctionPointer<T>(
                            NativeLibrary.TryGetExport(library, $"{name}_{version}", out var address) || NativeLibrary.TryGetExport(library, name, out address)
                                ? address
                                : throw new EntryPointNotFoundException(name));

                    return new Api
                    {
                        ForLanguageTag = Bind<ForLanguageTagFn>(common, "uloc_forLanguageTag"),
                        GeneratorOpen = Bind<GeneratorOpenFn>(i18n, "udatpg_open"),
                        NumberingSystemOpen = Bind<GeneratorOpenFn>(i18n, "unumsys_open"),
                        NumberingSystemName = Bind<HandleFn>(i18n, "unumsys_getName"),
                        NumberingSystemClose = Bind<CloseFn>(i18n, "unumsys_close"),
                        GeneratorClose = Bind<CloseFn>(i18n, "udatpg_close"),
                        GetBestPatternWithOptions = Bind<BestPatternFn>(i18n, "udatpg_getBestPatternWithOptions"),
                        GetSkeleton = Bind<GetSkeletonFn>(i18n, "udatpg_getSkeleton"),
                        Open = Bind<OpenFn>(i18n, "udat_open"),
                        Close = Bind<CloseFn>(i18n, "udat_close"),
                        ToPattern = Bind<ToPatternFn>(i18n, "udat_toPattern"),
                        Format = Bind<FormatFn>(i18n, "udat_format"),
                        FormatForFields = Bind<FormatForFieldsFn>(i18n, "udat_formatForFields"),
                        FieldIteratorOpen = Bind<IteratorOpenFn>(i18n, "ufieldpositer_open"),
                        FieldIteratorNext = Bind<IteratorNextFn>(i18n, "ufieldpositer_next"),
                        FieldIteratorClose = Bind<CloseFn>(i18n, "ufieldpositer_close"),
                        GetCalendar = Bind<GetCalendarFn>(i18n, "udat_getCalendar"),
                        NumberOpen = Bind<NumberOpenFn>(i18n, "unumf_openForSkeletonAndLocale"),
                        NumberClose = Bind<CloseFn>(i18n, "unumf_close"),
                        NumberOpenResult = Bind<IteratorOpenFn>(i18n, "unumf_openResult"),
                        NumberFormatDouble = Bind<NumberFormatDoubleFn>(i18n, "unumf_formatDouble"),
                        NumberFormatDecimal = Bind<NumberFormatDecimalFn>(i18n, "unumf_formatDecimal"),
                        NumberResultAsValue = Bind<HandleStatusFn>(i18n, "unumf_resultAsValue"),
                        NumberCloseResult = Bind<CloseFn>(i18n, "unumf_closeResult"),
                        RelativeOpen = Bind<RelativeOpenFn>(i18n, "ureldatefmt_open"),
                        RelativeClose = Bind<CloseFn>(i18n, "ureldatefmt_close"),
                        RelativeOpenResult = Bind<IteratorOpenFn>(i18n, "ureldatefmt_openResult"),
                        RelativeFormat = Bind<RelativeFormatFn>(i18n, "ureldatefmt_formatToResult"),
                        RelativeFormatNumeric = Bind<RelativeFormatFn>(i18n, "ureldatefmt_formatNumericToResult"),
                        RelativeResultAsValue = Bind<HandleStatusFn>(i18n, "ureldatefmt_resultAsValue"),
                        RelativeCloseResult = Bind<CloseFn>(i18n, "ureldatefmt_closeResult"),
                        PluralOpen = Bind<PluralOpenFn>(i18n, "uplrules_openForType"),
                        PluralClose = Bind<CloseFn>(i18n, "uplrules_close"),
                        PluralSelectFormatted = Bind<PluralSelectFormattedFn>(i18n, "uplrules_selectFormatted"),
                        PluralKeywords = Bind<HandleStatusFn>(i18n, "uplrules_getKeywords"),
                        EnumNext = Bind<EnumNextFn>(common, "uenum_next"),
                        OpenTimeZoneIds = Bind<OpenTimeZoneIdsFn>(i18n, "ucal_openTimeZoneIDEnumeration"),
                        CanonicalTimeZoneId = Bind<CanonicalTimeZoneIdFn>(i18n, "ucal_getCanonicalTimeZoneID"),
                        EnumClose = Bind<CloseFn>(common, "uenum_close"),
                        ListOpen = Bind<ListOpenFn>(i18n, "ulistfmt_openForType"),
                        ListClose = Bind<CloseFn>(i18n, "ulistfmt_close"),
                        ListOpenResult = Bind<IteratorOpenFn>(i18n, "ulistfmt_openResult"),
                        ListFormat = Bind<ListFormatFn>(i18n, "ulistfmt_formatStringsToResult"),
                        ListResultAsValue = Bind<HandleStatusFn>(i18n, "ulistfmt_resultAsValue"),
                        ListCloseResult = Bind<CloseFn>(i18n, "ulistfmt_closeResult"),
                        IntervalOpen = Bind<IntervalOpenFn>(i18n, "udtitvfmt_open"),
                        IntervalClose = Bind<CloseFn>(i18n, "udtitvfmt_close"),
                        IntervalOpenResult = Bind<IteratorOpenFn>(i18n, "udtitvfmt_openResult"),
                        IntervalFormatToResult = Bind<IntervalFormatToResultFn>(i18n, "udtitvfmt_formatToResult"),
                        IntervalResultAsValue = Bind<HandleStatusFn>(i18n, "udtitvfmt_resultAsValue"),
                        IntervalCloseResult = Bind<CloseFn>(i18n, "udtitvfmt_closeResult"),
                        ValueGetString = Bind<ValueGetStringFn>(i18n, "ufmtval_getString"),
                        PositionOpen = Bind<IteratorOpenFn>(i18n, "ucfpos_open"),
                        PositionClose = Bind<CloseFn>(i18n, "ucfpos_close"),
                        ValueNextPosition = Bind<ValueNextPositionFn>(i18n, "ufmtval_nextPosition"),
                        PositionGetCategory = Bind<PositionIntFn>(i18n, "ucfpos_getCategory"),
                        PositionGetField = Bind<PositionIntFn>(i18n, "ucfpos_getField"),
                        PositionGetIndexes = Bind<PositionIndexesFn>(i18n, "ucfpos_getIndexes"),
                        SetGregorianChange = Bind<SetGregorianChangeFn>(i18n, "ucal_setGregorianChange"),
                    };
                }
                catch (EntryPointNotFoundException)
                {
                    return null;
                }
            }

            return null;
        }
    }
}
