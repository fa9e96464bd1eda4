using System.Globalization;
using Jint.Runtime;

namespace HooksDashboard.Execution;

/// <summary>
/// <c>Date.parse</c> and <c>new Date(string)</c> as Node's V8 reads date strings: first the ES5 ISO format (with V8's
/// extensions: 1-9 fraction digits, <c>+hhmm</c> offsets, date-only forms in UTC), then V8's legacy parser, which takes
/// what browsers and servers print: RFC 2822 and HTTP dates, <c>Date.prototype.toString</c>'s
/// <c>GMT+0100 (Central European Time)</c>, US <c>12/07/2026 10:00 PM EST</c>, month names, two-digit years.
/// A day up to 31 is taken in any month and rolls over (<c>2026-02-30</c> is March 2nd), as V8 does; a month above
/// 12 or an hour above 24 is invalid. Jint's own parser (.NET's date formats) ignored offsets such as <c>GMT-0500</c>
/// and read <c>2026-13-01</c> as January 13th: silent wrong times in a hook.
/// Written from V8's documented algorithm (src/date/dateparser*.{h,cc}): tokens of numbers, words (only their first
/// three letters count: month names, am/pm, UT/UTC/GMT/Z and the US zone names), signs, parentheses (skipped).
/// </summary>
internal static class V8DateParser
{
    private const int None = int.MaxValue;
    private const int MaxSignificantDigits = 9;
    private const double MaxTimeMs = 8.64e15;
    private const double MaxLocalTimeMs = MaxTimeMs + 864_000_000;

    /// <summary>Milliseconds since the epoch, or null when V8 would answer NaN. A string without an offset is local
    /// time, converted with <paramref name="localOffset"/> (the engine's zone).</summary>
    public static double? Parse(string text, Func<double, TimeSpan> localOffset)
    {
        if (!TryReadFields(text, out var fields)) return null;
        var date = MakeDate(MakeDay(fields.Year, fields.Month, fields.Day),
            ((fields.Hour * 60.0 + fields.Minute) * 60.0 + fields.Second) * 1000.0 + fields.Millisecond);
        if (fields.UtcOffsetSeconds is not { } offset)
        {
            if (date < -MaxLocalTimeMs || date > MaxLocalTimeMs) return null;
            date -= localOffset(date).TotalMilliseconds;
        }
        else
        {
            date -= offset * 1000.0;
        }
        if (double.IsNaN(date) || Math.Abs(date) > MaxTimeMs) return null;
        return Math.Truncate(date) + 0.0;
    }

    internal readonly record struct Fields(
        int Year, int Month, int Day, int Hour, int Minute, int Second, int Millisecond, int? UtcOffsetSeconds);

    /// <summary>The date's fields as V8's parser writes them (month 0-based), or false for NaN.</summary>
    internal static bool TryReadFields(string text, out Fields fields)
    {
        fields = default;
        var scanner = new Scanner(text);
        var tz = new ZoneComposer();
        var time = new TimeComposer();
        var day = new DayComposer();

        var next = ParseIsoDateTime(ref scanner, ref day, ref time, ref tz);
        if (next.Kind == TokenKind.Invalid) return false;
        var hasReadNumber = !day.IsEmpty;
        for (var token = next; token.Kind != TokenKind.End; token = scanner.Next())
        {
            if (token.Kind == TokenKind.Number)
            {
                hasReadNumber = true;
                var n = token.Value;
                if (scanner.SkipSymbol(':'))
                {
                    if (scanner.SkipSymbol(':'))
                    {
                        if (!time.IsEmpty) return false;
                        time.Add(n);
                        time.Add(0);
                    }
                    else
                    {
                        if (!time.Add(n)) return false;
                        if (scanner.Peek.IsSymbol('.')) scanner.Next();
                    }
                }
                else if (scanner.SkipSymbol('.') && time.IsExpecting(n))
                {
                    time.Add(n);
                    if (scanner.Peek.Kind != TokenKind.Number) return false;
                    time.AddFinal(ReadMilliseconds(scanner.Next()));
                }
                else if (tz.IsExpecting(n))
                {
                    tz.Minute = n;
                }
                else if (time.IsExpecting(n))
                {
                    time.AddFinal(n);
                    // The time must end at the input's end, white space, "Z" or a sign.
                    var peek = scanner.Peek;
                    if (peek.Kind != TokenKind.End && peek.Kind != TokenKind.WhiteSpace && !peek.IsKeywordZ && !peek.IsSign)
                        return false;
                }
                else
                {
                    if (!day.Add(n)) return false;
                    scanner.SkipSymbol('-');
                }
            }
            else if (token.IsKeyword)
            {
                if (token.Kind == TokenKind.AmPm && !time.IsEmpty)
                {
                    time.HourOffset = token.Value;
                }
                else if (token.Kind == TokenKind.MonthName)
                {
                    day.NamedMonth = token.Value;
                    scanner.SkipSymbol('-');
                }
                else if (token.Kind == TokenKind.ZoneName && hasReadNumber)
                {
                    tz.Set(token.Value);
                }
                else
                {
                    // Words are allowed only before the first number, and separated from it.
                    if (hasReadNumber) return false;
                    if (scanner.Peek.Kind == TokenKind.Number) return false;
                }
            }
            else if (token.IsSign && (tz.IsUtc || !time.IsEmpty))
            {
                // An offset, only after UTC/GMT or a time: +hh:mm, +h, +hh, +hmm, +hhmm.
                tz.Sign = token.Sign;
                int n = 0, length = 0;
                if (scanner.Peek.Kind == TokenKind.Number)
                {
                    var number = scanner.Next();
                    length = number.Length;
                    n = number.Value;
                }
                hasReadNumber = true;
                if (scanner.Peek.IsSymbol(':'))
                {
                    tz.Hour = n;
                    tz.Minute = None;
                }
                else if (length is 1 or 2)
                {
                    tz.Hour = n;
                    tz.Minute = 0;
                }
                else if (length is 3 or 4)
                {
                    tz.Hour = n / 100;
                    tz.Minute = n % 100;
                }
                else
                {
                    return false;
                }
            }
            else if ((token.IsSign || token.IsSymbol(')')) && hasReadNumber)
            {
                return false;
            }
            // Anything else (white space, punctuation, parenthesized text) is skipped.
        }

        if (!day.Write(out var year, out var month, out var dayOfMonth)) return false;
        if (!time.Write(out var hour, out var minute, out var second, out var millisecond)) return false;
        if (!tz.Write(out var offset)) return false;
        fields = new Fields(year, month, dayOfMonth, hour, minute, second, millisecond, offset);
        return true;
    }

    /// <summary>As far as the input is an ES5 date-time string: [±yy]yyyy[-MM[-DD]][THH:mm[:ss[.s+]][Z|±hh:mm|±hhmm]].
    /// Returns End when it was one, Invalid when it cannot be a date, else the token the legacy parser goes on with.</summary>
    private static Token ParseIsoDateTime(ref Scanner scanner, ref DayComposer day, ref TimeComposer time, ref ZoneComposer tz)
    {
        if (scanner.Peek.IsSign)
        {
            var sign = scanner.Next();
            if (!scanner.Peek.IsNumberOfLength(6)) return sign;
            var year = scanner.Next().Value;
            if (sign.Sign < 0 && year == 0) return sign;
            day.Add(sign.Sign * year);
        }
        else if (scanner.Peek.IsNumberOfLength(4))
        {
            day.Add(scanner.Next().Value);
        }
        else
        {
            return scanner.Next();
        }
        if (scanner.SkipSymbol('-'))
        {
            if (!scanner.Peek.IsNumberOfLength(2) || !DayComposer.IsMonth(scanner.Peek.Value)) return scanner.Next();
            day.Add(scanner.Next().Value);
            if (scanner.SkipSymbol('-'))
            {
                if (!scanner.Peek.IsNumberOfLength(2) || !DayComposer.IsDay(scanner.Peek.Value)) return scanner.Next();
                day.Add(scanner.Next().Value);
            }
        }
        if (scanner.Peek.Kind != TokenKind.TimeSeparator)
        {
            if (scanner.Peek.Kind != TokenKind.End) return scanner.Next();
        }
        else
        {
            scanner.Next();
            if (!scanner.Peek.IsNumberOfLength(2) || !Between(scanner.Peek.Value, 0, 24)) return Token.Invalid;
            // 24:00[:00[.000]] is the end of the day; no other time starts with 24.
            var hourIs24 = scanner.Peek.Value == 24;
            time.Add(scanner.Next().Value);
            if (!scanner.SkipSymbol(':')) return Token.Invalid;
            if (!scanner.Peek.IsNumberOfLength(2) || !TimeComposer.IsMinute(scanner.Peek.Value) || (hourIs24 && scanner.Peek.Value > 0))
                return Token.Invalid;
            time.Add(scanner.Next().Value);
            if (scanner.SkipSymbol(':'))
            {
                if (!scanner.Peek.IsNumberOfLength(2) || !TimeComposer.IsSecond(scanner.Peek.Value) || (hourIs24 && scanner.Peek.Value > 0))
                    return Token.Invalid;
                time.Add(scanner.Next().Value);
                if (scanner.SkipSymbol('.'))
                {
                    if (scanner.Peek.Kind != TokenKind.Number || (hourIs24 && scanner.Peek.Value > 0)) return Token.Invalid;
                    time.Add(ReadMilliseconds(scanner.Next()));
                }
            }
            if (scanner.Peek.IsKeywordZ)
            {
                scanner.Next();
                tz.Set(0);
            }
            else if (scanner.Peek.IsSign)
            {
                tz.Sign = scanner.Next().Sign;
                if (scanner.Peek.IsNumberOfLength(4))
                {
                    var hourMinute = scanner.Next().Value;
                    if (!TimeComposer.IsHour(hourMinute / 100) || !TimeComposer.IsMinute(hourMinute % 100)) return Token.Invalid;
                    tz.Hour = hourMinute / 100;
                    tz.Minute = hourMinute % 100;
                }
                else
                {
                    if (!scanner.Peek.IsNumberOfLength(2) || !TimeComposer.IsHour(scanner.Peek.Value)) return Token.Invalid;
                    tz.Hour = scanner.Next().Value;
                    if (!scanner.SkipSymbol(':')) return Token.Invalid;
                    if (!scanner.Peek.IsNumberOfLength(2) || !TimeComposer.IsMinute(scanner.Peek.Value)) return Token.Invalid;
                    tz.Minute = scanner.Next().Value;
                }
            }
            if (scanner.Peek.Kind != TokenKind.End) return Token.Invalid;
        }
        // A date-only form without an offset is UTC; a date-time form is local time.
        if (tz.IsEmpty && time.IsEmpty) tz.Set(0);
        day.IsIsoDate = true;
        return Token.EndOfInput;
    }

    /// <summary>The first three significant digits of a fraction, from its value and its digit count.</summary>
    private static int ReadMilliseconds(Token token)
    {
        var number = token.Value;
        var length = token.Length;
        if (length == 1) return number * 100;
        if (length == 2) return number * 10;
        if (length > MaxSignificantDigits) length = MaxSignificantDigits;
        for (; length > 3; length--) number /= 10;
        return number;
    }

    private static bool Between(int x, int lo, int hi) => (uint)(x - lo) <= (uint)(hi - lo);

    // ECMAScript's MakeDay/MakeDate: any month and day roll over into the next ones.
    private static double MakeDay(int year, int month, int day)
    {
        var y = (long)year + FloorDiv(month, 12);
        var m = (int)(month - FloorDiv(month, 12) * 12);
        return DaysFromCivil(y, m + 1) + day - 1.0;
    }

    private static double MakeDate(double day, double timeMs) => day * 86_400_000.0 + timeMs;

    private static long FloorDiv(long a, long b) => a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1L : 0L);

    /// <summary>Days from 1970-01-01 to the first of the month (proleptic Gregorian calendar).</summary>
    private static long DaysFromCivil(long year, int month)
    {
        year -= month <= 2 ? 1 : 0;
        var era = FloorDiv(year, 400);
        var yearOfEra = year - era * 400;
        var dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private enum TokenKind { Invalid, Unknown, Number, Symbol, WhiteSpace, End, MonthName, ZoneName, TimeSeparator, AmPm, Word }

    private readonly record struct Token(TokenKind Kind, int Value, int Length)
    {
        public static readonly Token Invalid = new(TokenKind.Invalid, -1, 0);
        public static readonly Token EndOfInput = new(TokenKind.End, -1, 0);
        public bool IsKeyword => Kind is TokenKind.MonthName or TokenKind.ZoneName or TokenKind.TimeSeparator or TokenKind.AmPm or TokenKind.Word;
        public bool IsSymbol(char c) => Kind == TokenKind.Symbol && Value == c;
        public bool IsSign => Kind == TokenKind.Symbol && Value is '+' or '-';
        public int Sign => Value == '-' ? -1 : 1;
        public bool IsNumberOfLength(int length) => Kind == TokenKind.Number && Length == length;
        public bool IsKeywordZ => Kind == TokenKind.ZoneName && Length == 1 && Value == 0;
    }

    private struct Scanner
    {
        private readonly string _text;
        private int _index;
        private Token _next;

        public Scanner(string text)
        {
            _text = text;
            _index = 0;
            _next = default;
            _next = Scan();
        }

        public readonly Token Peek => _next;

        public Token Next()
        {
            var result = _next;
            _next = Scan();
            return result;
        }

        public bool SkipSymbol(char symbol)
        {
            if (!_next.IsSymbol(symbol)) return false;
            _next = Scan();
            return true;
        }

        // A NUL character ends the input, as in V8's reader.
        private readonly char Current => _index < _text.Length ? _text[_index] : '\0';

        private Token Scan()
        {
            var start = _index;
            var c = Current;
            if (c == '\0') return Token.EndOfInput;
            if (c is >= '0' and <= '9')
            {
                var n = 0;
                var digits = 0;
                for (; Current is >= '0' and <= '9'; _index++, digits++)
                {
                    if (digits < MaxSignificantDigits) n = n * 10 + (Current - '0');
                }
                return new Token(TokenKind.Number, n, _index - start);
            }
            switch (c)
            {
                case ':': _index++; return new Token(TokenKind.Symbol, ':', 1);
                case '-': _index++; return new Token(TokenKind.Symbol, '-', 1);
                case '+': _index++; return new Token(TokenKind.Symbol, '+', 1);
                case '.': _index++; return new Token(TokenKind.Symbol, '.', 1);
                case ')': _index++; return new Token(TokenKind.Symbol, ')', 1);
            }
            if (c >= 'A' && !IsWhiteSpace(c))
            {
                Span<char> prefix = stackalloc char[3];
                prefix.Clear();
                var length = 0;
                for (; Current >= 'A' && !IsWhiteSpace(Current); _index++, length++)
                {
                    if (length < 3) prefix[length] = (char)(Current | 0x20);
                }
                return Keyword(prefix, length);
            }
            if (IsWhiteSpace(c) || c is '\n' or '\r' or '\u2028' or '\u2029')
            {
                _index++;
                return new Token(TokenKind.WhiteSpace, -1, 1);
            }
            if (c == '(')
            {
                var balance = 0;
                do
                {
                    if (Current == ')') balance--;
                    else if (Current == '(') balance++;
                    _index++;
                } while (balance > 0 && Current != '\0');
                return new Token(TokenKind.Unknown, -1, 1);
            }
            _index++;
            return new Token(TokenKind.Unknown, -1, 1);
        }

        // JavaScript's WhiteSpace; a line separator (U+2028/9) is a word character, as in V8.
        private static bool IsWhiteSpace(char c) =>
            c is '\t' or '\v' or '\f' or ' ' or '\u00a0' or '\ufeff'
            || (c > 0x7f && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator);

        private static Token Keyword(ReadOnlySpan<char> prefix, int length)
        {
            foreach (var (word, kind, value) in Keywords)
            {
                // The whole three-letter prefix must match (shorter keywords are zero-padded); a longer word
                // matches month names only ("December"), so "Tue" is not "T" and "UTCX" is no zone.
                if (prefix.SequenceEqual(word) && (length <= 3 || kind == TokenKind.MonthName))
                    return new Token(kind, value, length);
            }
            return new Token(TokenKind.Word, 0, length);
        }
    }

    private static readonly (string Word, TokenKind Kind, int Value)[] Keywords =
    [
        ("jan", TokenKind.MonthName, 1), ("feb", TokenKind.MonthName, 2), ("mar", TokenKind.MonthName, 3),
        ("apr", TokenKind.MonthName, 4), ("may", TokenKind.MonthName, 5), ("jun", TokenKind.MonthName, 6),
        ("jul", TokenKind.MonthName, 7), ("aug", TokenKind.MonthName, 8), ("sep", TokenKind.MonthName, 9),
        ("oct", TokenKind.MonthName, 10), ("nov", TokenKind.MonthName, 11), ("dec", TokenKind.MonthName, 12),
        ("am\0", TokenKind.AmPm, 0), ("pm\0", TokenKind.AmPm, 12),
        ("ut\0", TokenKind.ZoneName, 0), ("utc", TokenKind.ZoneName, 0), ("z\0\0", TokenKind.ZoneName, 0),
        ("gmt", TokenKind.ZoneName, 0), ("cdt", TokenKind.ZoneName, -5), ("cst", TokenKind.ZoneName, -6),
        ("edt", TokenKind.ZoneName, -4), ("est", TokenKind.ZoneName, -5), ("mdt", TokenKind.ZoneName, -6),
        ("mst", TokenKind.ZoneName, -7), ("pdt", TokenKind.ZoneName, -7), ("pst", TokenKind.ZoneName, -8),
        ("t\0\0", TokenKind.TimeSeparator, 0),
    ];

    private struct ZoneComposer
    {
        public int Sign = None, Hour = None, Minute = None;

        public ZoneComposer() { }

        public void Set(int offsetHours)
        {
            Sign = offsetHours < 0 ? -1 : 1;
            Hour = offsetHours * Sign;
            Minute = 0;
        }

        public readonly bool IsExpecting(int n) => Hour != None && Minute == None && TimeComposer.IsMinute(n);
        public readonly bool IsUtc => Hour == 0 && Minute == 0;
        public readonly bool IsEmpty => Hour == None;

        public readonly bool Write(out int? offsetSeconds)
        {
            offsetSeconds = null;
            if (Sign == None) return true;
            var total = (Hour == None ? 0 : (long)Hour) * 3600 + (Minute == None ? 0 : (long)Minute) * 60;
            if (total > int.MaxValue / 2) return false; // beyond V8's small-integer range
            offsetSeconds = (int)(Sign < 0 ? -total : total);
            return true;
        }
    }

    private struct TimeComposer
    {
        private int _h, _m, _s, _ms;
        private int _count;
        public int HourOffset = None;

        public TimeComposer() { }

        public readonly bool IsEmpty => _count == 0;

        public readonly bool IsExpecting(int n) =>
            (_count == 1 && IsMinute(n)) || (_count == 2 && IsSecond(n)) || (_count == 3 && Between(n, 0, 999));

        public bool Add(int n)
        {
            switch (_count)
            {
                case 0: _h = n; break;
                case 1: _m = n; break;
                case 2: _s = n; break;
                case 3: _ms = n; break;
                default: return false;
            }
            _count++;
            return true;
        }

        public bool AddFinal(int n)
        {
            if (!Add(n)) return false;
            _count = 4; // the rest default to zero
            return true;
        }

        public readonly bool Write(out int hour, out int minute, out int second, out int millisecond)
        {
            hour = _count > 0 ? _h : 0;
            minute = _count > 1 ? _m : 0;
            second = _count > 2 ? _s : 0;
            millisecond = _count > 3 ? _ms : 0;
            if (HourOffset != None)
            {
                if (!Between(hour, 0, 12)) return false;
                hour = hour % 12 + HourOffset;
            }
            if (!IsHour(hour) || !IsMinute(minute) || !IsSecond(second) || !Between(millisecond, 0, 999))
                return hour == 24 && minute == 0 && second == 0 && millisecond == 0;
            return true;
        }

        public static bool IsMinute(int x) => Between(x, 0, 59);
        public static bool IsHour(int x) => Between(x, 0, 23);
        public static bool IsSecond(int x) => Between(x, 0, 59);
    }

    private struct DayComposer
    {
        private int _c0, _c1, _c2;
        private int _count;
        public int NamedMonth = None;
        public bool IsIsoDate;

        public DayComposer() { }

        public readonly bool IsEmpty => _count == 0;

        public bool Add(int n)
        {
            switch (_count)
            {
                case 0: _c0 = n; break;
                case 1: _c1 = n; break;
                case 2: _c2 = n; break;
                default: return false;
            }
            _count++;
            return true;
        }

        public readonly bool Write(out int year, out int month, out int day)
        {
            year = 0; // no year is 2000, as in old browsers
            month = None;
            day = None;
            if (_count < 1) return false;
            // Missing components are 1, and V8 then reads the three as if all were given: "Dec 7" is day 7 of
            // year 1 (2001), "12/07" December 7th of 2001.
            var c0 = _c0;
            var c1 = _count > 1 ? _c1 : 1;
            var c2 = _count > 2 ? _c2 : 1;
            if (NamedMonth == None)
            {
                if (IsIsoDate || !IsDay(c0))
                {
                    year = c0; month = c1; day = c2;
                }
                else
                {
                    month = c0; day = c1; year = c2;
                }
            }
            else
            {
                month = NamedMonth;
                if (!IsDay(c0))
                {
                    year = c0; day = c1;
                }
                else
                {
                    day = c0; year = c1;
                }
            }
            if (!IsIsoDate)
            {
                if (Between(year, 0, 49)) year += 2000;
                else if (Between(year, 50, 99)) year += 1900;
            }
            if (!IsMonth(month) || !IsDay(day)) return false;
            month -= 1;
            return true;
        }

        public static bool IsMonth(int x) => Between(x, 1, 12);
        public static bool IsDay(int x) => Between(x, 1, 31);
    }
}

/// <summary>Jint's time system with V8's date-string parser (<see cref="V8DateParser"/>).</summary>
internal sealed class V8TimeSystem(TimeZoneInfo zone) : DefaultTimeSystem(zone, CultureInfo.InvariantCulture)
{
    public override bool TryParse(string date, out long epochMilliseconds)
    {
        epochMilliseconds = long.MinValue;
        if (V8DateParser.Parse(date, local => GetUtcOffset((long)local)) is not { } parsed) return false;
        epochMilliseconds = (long)parsed;
        return true;
    }
}
