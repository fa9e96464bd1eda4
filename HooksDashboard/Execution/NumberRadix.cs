using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// <c>Number.prototype.toString(radix)</c> for radixes other than 10 as V8 writes it (DoubleToRadixCString): fraction
/// digits only as far as the double's precision reaches, rounded to even, and an integer part beyond 2^53 filled with
/// zeros. Jint printed 50 fraction digits whatever the precision, so <c>(0.1).toString(2)</c> was cut short of V8's 55
/// digits and <c>Math.random().toString(36)</c> ids were ~26 characters long instead of ~11. Radix 10 stays Jint's.
/// Made on the property's first read.
/// </summary>
internal static class NumberRadix
{
    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static void Install(Engine engine)
    {
        if (engine.Global.Get("Number").Get("prototype") is not ObjectInstance prototype
            || prototype.GetOwnProperty("toString").Value is not ObjectInstance originalFunction)
        {
            return;
        }

        prototype.FastSetProperty("toString", PropertyDescriptor.CreateLazy((Engine: engine, Original: originalFunction, Prototype: prototype), static s =>
            new ClrFunction(s.Engine, "toString", (thisObject, arguments) =>
            {
                var radixArgument = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
                if (radixArgument.IsUndefined())
                {
                    return s.Engine.Call(s.Original, thisObject, arguments);
                }

                // A primitive number, or a Number object's value (valueOf is V8's thisNumberValue: anything else is
                // the original's TypeError).
                if (thisObject is not JsNumber primitive)
                {
                    if (thisObject is not ObjectInstance || s.Prototype.Get("valueOf") is not ObjectInstance valueOf
                        || s.Engine.Call(valueOf, thisObject, []) is not JsNumber unboxed)
                    {
                        return s.Engine.Call(s.Original, thisObject, arguments);
                    }

                    primitive = unboxed;
                }

                var number = primitive.AsNumber();

                var radix = TypeConverter.ToNumber(radixArgument);
                radix = double.IsNaN(radix) ? 0 : Math.Truncate(radix);
                if (radix is < 2 or > 36 || radix == 10 || double.IsNaN(number) || double.IsInfinity(number))
                {
                    return s.Engine.Call(s.Original, thisObject, arguments); // range error, radix 10, NaN and infinities
                }

                return JsString.Create(ToRadix(number, (int)radix));
            }, 1, PropertyFlag.Configurable), PropertyFlag.Writable | PropertyFlag.Configurable));
    }

    /// <summary>V8's DoubleToRadixCString for a finite <paramref name="value"/>.</summary>
    internal static string ToRadix(double value, int radix)
    {
        const int size = 2200;
        var buffer = new char[size];
        var integerCursor = size / 2;
        var fractionCursor = integerCursor;
        var negative = value < 0;
        if (negative)
        {
            value = -value;
        }

        var integer = Math.Floor(value);
        var fraction = value - integer;
        // Fraction digits only up to the input's precision.
        var delta = 0.5 * (Math.BitIncrement(value) - value);
        delta = Math.Max(Math.BitIncrement(0.0), delta);
        if (fraction >= delta)
        {
            buffer[fractionCursor++] = '.';
            do
            {
                fraction *= radix;
                delta *= radix;
                var digit = (int)fraction;
                buffer[fractionCursor++] = Digits[digit];
                fraction -= digit;
                // Round to even.
                if (fraction > 0.5 || (fraction == 0.5 && (digit & 1) != 0))
                {
                    if (fraction + delta > 1)
                    {
                        // Carry over into the digits already written, maybe into the integer part.
                        while (true)
                        {
                            fractionCursor--;
                            if (fractionCursor == size / 2)
                            {
                                integer += 1;
                                break;
                            }

                            var c = buffer[fractionCursor];
                            var previous = c > '9' ? c - 'a' + 10 : c - '0';
                            if (previous + 1 < radix)
                            {
                                buffer[fractionCursor++] = Digits[previous + 1];
                                break;
                            }
                        }

                        break;
                    }
                }
            }
            while (fraction >= delta);
        }

        // Integer digits; those beyond the double's precision are zeros.
        while (Exponent(integer / radix) > 0)
        {
            integer /= radix;
            buffer[--integerCursor] = '0';
        }

        do
        {
            var remainder = integer % radix;
            buffer[--integerCursor] = Digits[(int)remainder];
            integer = (integer - remainder) / radix;
        }
        while (integer > 0);

        if (negative)
        {
            buffer[--integerCursor] = '-';
        }

        return new string(buffer, integerCursor, fractionCursor - integerCursor);
    }

    // V8's Double::Exponent: the power of two of the significand's last bit.
    private static int Exponent(double value)
    {
        var biased = (int)((BitConverter.DoubleToInt64Bits(value) >> 52) & 0x7FF);
        return biased == 0 ? -1074 : biased - 1075;
    }
}
