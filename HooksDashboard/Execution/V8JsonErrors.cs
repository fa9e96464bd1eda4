using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// <c>JSON.parse</c>'s errors, and <c>JSON.stringify</c>'s for a circular structure, with Node 20's (V8 11.3) texts. Jint reports the first error in its own words ("Unexpected
/// token '&lt;' in JSON at position 0"); V8 names what it expected ("Expected property name or '}' in JSON at position
/// 1") or shows the text around the offending character (<c>Unexpected token '&lt;', "&lt;!DOCTYPE "... is not valid
/// JSON</c>: what a hook logs when an API answers with an HTML error page). When Jint's parse fails, the text is scanned
/// again as V8's parser scans it (src/json/json-parser.cc: the same token classes, the same checks in the same order) to
/// find V8's first error, its position and message. Valid text never pays for the scan; where the scan finds no
/// error (the two parsers disagree), Jint's error stands.
/// </summary>
internal static class V8JsonErrors
{
    private const int MaxContextCharacters = 10;
    private const int MinSourceLengthForContext = MaxContextCharacters * 2 + 1;

    /// <summary>Replaces <c>JSON.parse</c> on a new engine's JSON object with one that throws V8's texts.</summary>
    public static void Install(Engine engine, JsValue json)
    {
        if (json is not ObjectInstance holder || holder.Get("parse") is not ObjectInstance original || !original.IsCallable())
        {
            return;
        }

        var parse = new ClrFunction(engine, "parse", (thisObject, arguments) =>
        {
            var revived = false;
            if (arguments.Length > 1 && arguments[1].IsCallable())
            {
                // Parse errors come before the first call of the reviver; what the reviver throws is left alone.
                var user = arguments[1];
                var reviver = new ClrFunction(engine, "", (holderObject, args) =>
                {
                    revived = true;
                    return engine.Call(user, holderObject, args);
                }, 2);
                arguments = [arguments[0], reviver];
            }

            try
            {
                return engine.Call(original, thisObject, arguments);
            }
            catch (JavaScriptException ex) when (!revived && ex.Error is ObjectInstance error
                && error.Get("name") is JsString name && name.ToString() == "SyntaxError"
                && Describe(TypeConverter.ToString(arguments.Length > 0 ? arguments[0] : JsValue.Undefined)) is { } message)
            {
                Rewrite(error, "SyntaxError", message);
                throw;
            }
        }, 2, PropertyFlag.Configurable);
        holder.FastSetProperty("parse", new PropertyDescriptor(parse, PropertyFlag.Writable | PropertyFlag.Configurable));

        if (holder.Get("stringify") is ObjectInstance stringifyOriginal && stringifyOriginal.IsCallable())
        {
            var stringify = new ClrFunction(engine, "stringify", (thisObject, arguments) =>
            {
                try
                {
                    return engine.Call(stringifyOriginal, thisObject, arguments);
                }
                catch (JavaScriptException ex) when (ex.Error is ObjectInstance error
                    && error.Get("name") is JsString name && name.ToString() == "TypeError"
                    && TypeConverter.ToString(error.Get("message")) == "Cyclic reference detected."
                    && CircularMessage(engine, arguments) is { } message)
                {
                    Rewrite(error, "TypeError", message);
                    throw;
                }
            }, 3, PropertyFlag.Configurable);
            holder.FastSetProperty("stringify", new PropertyDescriptor(stringify, PropertyFlag.Writable | PropertyFlag.Configurable));
        }
    }

    // The same error object with V8's message, and its stack's first line with it.
    private static void Rewrite(ObjectInstance error, string name, string message)
    {
        var old = TypeConverter.ToString(error.Get("message"));
        error.Set("message", message);
        if (error.Get("stack") is JsString stack && stack.ToString().StartsWith(name + ": " + old, StringComparison.Ordinal))
        {
            error.Set("stack", name + ": " + message + stack.ToString()[(name + ": " + old).Length..]);
        }
    }

    /// <summary>
    /// V8's text for a circular structure: the walk JSON.stringify makes (toJSON, the replacer, its property list)
    /// repeated until an object comes back that is still being serialized, then the path from it to the closing key —
    /// "--> starting at object with constructor 'X'", at most two lines after it, "..." and the last line, and
    /// "--- property 'k' closes the circle" (array elements are "index n", the empty key "&lt;anonymous&gt;").
    /// </summary>
    private static string? CircularMessage(Engine engine, JsValue[] arguments)
    {
        var value = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
        var replacer = arguments.Length > 1 ? arguments[1] : JsValue.Undefined;
        List<string>? keys = null;
        if (replacer is JsArray list)
        {
            keys = [];
            for (uint i = 0; i < list.Length; i++)
            {
                var item = list.Get(i);
                if (item is JsString or JsNumber && !keys.Contains(TypeConverter.ToString(item)))
                    keys.Add(TypeConverter.ToString(item));
            }
        }

        var stack = new List<(JsValue Key, ObjectInstance Value)>();
        var wrapper = new JsObject(engine);
        wrapper.Set("", value);
        return Walk(engine, wrapper, JsString.Create(""), replacer.IsCallable() ? replacer : null, keys, stack);
    }

    private static string? Walk(Engine engine, ObjectInstance holder, JsValue key, JsValue? replacer, List<string>? keys, List<(JsValue Key, ObjectInstance Value)> stack)
    {
        var propertyKey = key is JsNumber ? JsString.Create(TypeConverter.ToString(key)) : key;
        var value = holder.Get(propertyKey);
        if (value is ObjectInstance withToJson && withToJson.Get("toJSON") is var toJson && toJson.IsCallable())
            value = engine.Call(toJson, value, [propertyKey]);
        if (replacer is not null)
            value = engine.Call(replacer, holder, [propertyKey, value]);
        if (value is not ObjectInstance target || target.IsCallable())
            return null;
        var start = stack.FindIndex(entry => ReferenceEquals(entry.Value, target));
        if (start >= 0)
            return Message(stack, start, key);
        if (stack.Count > 4096)
            return null; // deeper than any message needs; Jint's error stands
        stack.Add((key, target));
        try
        {
            if (target is JsArray array)
            {
                for (uint i = 0; i < array.Length; i++)
                {
                    if (Walk(engine, array, JsNumber.Create(i), replacer, keys, stack) is { } message)
                        return message;
                }
            }
            else
            {
                var names = keys ?? target.GetOwnPropertyKeys(Types.String)
                    .Where(k => target.GetOwnProperty(k) is { Enumerable: true })
                    .Select(k => k.ToString())
                    .ToList();
                foreach (var name in names)
                {
                    if (Walk(engine, target, JsString.Create(name), replacer, keys, stack) is { } message)
                        return message;
                }
            }
        }
        finally
        {
            stack.RemoveAt(stack.Count - 1);
        }

        return null;
    }

    private static string Message(List<(JsValue Key, ObjectInstance Value)> stack, int start, JsValue closingKey)
    {
        const int prefixLines = 2, postfixLines = 1;
        var text = new System.Text.StringBuilder("Converting circular structure to JSON");
        var index = start;
        text.Append("\n    --> starting at object with constructor '").Append(ConstructorName(stack[index++].Value)).Append('\'');
        var prefixEnd = Math.Min(stack.Count, index + prefixLines);
        for (; index < prefixEnd; index++)
            Line(text, stack[index]);
        if (stack.Count > index + postfixLines)
            text.Append("\n    |     ...");
        for (index = Math.Max(index, stack.Count - postfixLines); index < stack.Count; index++)
            Line(text, stack[index]);
        text.Append("\n    --- ").Append(KeyText(closingKey)).Append(" closes the circle");
        return text.ToString();
    }

    private static void Line(System.Text.StringBuilder text, (JsValue Key, ObjectInstance Value) entry) =>
        text.Append("\n    |     ").Append(KeyText(entry.Key)).Append(" -> object with constructor '").Append(ConstructorName(entry.Value)).Append('\'');

    private static string KeyText(JsValue key) => key is JsNumber number
        ? "index " + TypeConverter.ToString(number)
        : key.ToString().Length == 0 ? "<anonymous>" : "property '" + key + "'";

    private static string ConstructorName(ObjectInstance value)
    {
        if (value is JsArray) return "Array";
        return value.Prototype?.GetOwnProperty("constructor") is { } constructor && constructor.IsDataDescriptor()
            && constructor.Value is ObjectInstance function && function.IsCallable()
            && function.GetOwnProperty("name") is { } name && name.Value is JsString text && text.Length > 0
            ? text.ToString()
            : "Object";
    }

    /// <summary>V8's message for the first error in <paramref name="text"/>, or null when V8 would parse it.</summary>
    public static string? Describe(string text) => new Scanner(text).Run();

    private enum Token { Eos, String, Number, True, False, Null, Whitespace, Colon, Comma, LBrack, RBrack, LBrace, RBrace, Illegal }

    private sealed class Scanner(string source)
    {
        private int _cursor;
        private string? _error;

        private static Token TokenOf(char c) => c switch
        {
            '"' => Token.String,
            >= '0' and <= '9' or '-' => Token.Number,
            't' => Token.True,
            'f' => Token.False,
            'n' => Token.Null,
            ' ' or '\t' or '\r' or '\n' => Token.Whitespace,
            ':' => Token.Colon,
            ',' => Token.Comma,
            '[' => Token.LBrack,
            ']' => Token.RBrack,
            '{' => Token.LBrace,
            '}' => Token.RBrace,
            _ => Token.Illegal,
        };

        private bool AtEnd => _cursor >= source.Length;

        private Token Peek()
        {
            while (!AtEnd && TokenOf(source[_cursor]) == Token.Whitespace)
            {
                _cursor++;
            }

            return AtEnd ? Token.Eos : TokenOf(source[_cursor]);
        }

        public string? Run()
        {
            // Containers in progress: true for an object, false for an array.
            var stack = new Stack<bool>();
            while (true)
            {
                if (!ParseValue(stack)) return _error;
                // After a value: close containers or go on to the next element or property.
                while (true)
                {
                    if (stack.Count == 0)
                    {
                        if (Peek() != Token.Eos) Report(Peek(), "Unexpected non-whitespace character after JSON at position {0}");
                        return _error;
                    }

                    var inObject = stack.Peek();
                    var next = Peek();
                    if (next == Token.Comma)
                    {
                        _cursor++;
                        // V8 names no expectation for the colon of a later property.
                        if (inObject && !PropertyKey("Expected double-quoted property name in JSON at position {0}", null)) return _error;
                        break;
                    }

                    if (next == (inObject ? Token.RBrace : Token.RBrack))
                    {
                        _cursor++;
                        stack.Pop();
                        continue;
                    }

                    Report(next, inObject ? "Expected ',' or '}' after property value in JSON at position {0}" : "Expected ',' or ']' after array element in JSON at position {0}");
                    return _error;
                }
            }
        }

        // One value, or the opening of a container (its first key read for an object). False on an error.
        private bool ParseValue(Stack<bool> stack)
        {
            while (true)
            {
                switch (Peek())
                {
                    case Token.String:
                        return ScanString();
                    case Token.Number:
                        return ScanNumber();
                    case Token.True:
                        return ScanLiteral("true");
                    case Token.False:
                        return ScanLiteral("false");
                    case Token.Null:
                        return ScanLiteral("null");
                    case Token.LBrace:
                        _cursor++;
                        if (Peek() == Token.RBrace)
                        {
                            _cursor++;
                            return true;
                        }

                        stack.Push(true);
                        if (!PropertyKey("Expected property name or '}' in JSON at position {0}", "Expected ':' after property name in JSON at position {0}")) return false;
                        continue;
                    case Token.LBrack:
                        _cursor++;
                        if (Peek() == Token.RBrack)
                        {
                            _cursor++;
                            return true;
                        }

                        stack.Push(false);
                        continue;
                    default:
                        ReportCharacter();
                        return false;
                }
            }
        }

        // A property's key and its colon.
        private bool PropertyKey(string expectedKey, string? expectedColon)
        {
            if (Peek() != Token.String)
            {
                Report(Peek(), expectedKey);
                return false;
            }

            if (!ScanString()) return false;
            if (Peek() != Token.Colon)
            {
                Report(Peek(), expectedColon);
                return false;
            }

            _cursor++;
            return true;
        }

        private bool ScanString()
        {
            _cursor++; // the opening quote
            while (true)
            {
                if (AtEnd)
                {
                    return Fail("Unterminated string in JSON at position {0}");
                }

                var c = source[_cursor];
                if (c == '"')
                {
                    _cursor++;
                    return true;
                }

                if (c == '\\')
                {
                    _cursor++;
                    if (AtEnd)
                    {
                        Report(Token.Eos, null);
                        return false;
                    }

                    var escaped = source[_cursor];
                    if (escaped > '\u00ff')
                    {
                        ReportCharacter(); // V8 reads only Latin-1 escapes: any other character is unexpected
                        return false;
                    }

                    switch (escaped)
                    {
                        case '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't':
                            _cursor++;
                            continue;
                        case 'u':
                            for (var i = 0; i < 4; i++)
                            {
                                _cursor++;
                                if (AtEnd || !char.IsAsciiHexDigit(source[_cursor]))
                                {
                                    return Fail("Bad Unicode escape in JSON at position {0}");
                                }
                            }

                            _cursor++;
                            continue;
                        default:
                            return Fail("Bad escaped character in JSON at position {0}");
                    }
                }

                if (c < 0x20)
                {
                    return Fail("Bad control character in string literal in JSON at position {0}");
                }

                _cursor++;
            }
        }

        private static bool IsNumberPart(char c) => c is >= '0' and <= '9' or '.' or 'e' or 'E' or '+' or '-';

        private char Current => AtEnd ? '\0' : source[_cursor];

        private bool ScanNumber()
        {
            var negative = false;
            if (Current == '-')
            {
                negative = true;
                _cursor++;
            }

            if (Current == '0' && !AtEnd)
            {
                _cursor++;
                if (!AtEnd && IsNumberPart(Current))
                {
                    if (char.IsAsciiDigit(Current))
                    {
                        Report(Token.Number, null);
                        return false;
                    }
                }
                else if (!negative)
                {
                    return true;
                }
            }
            else
            {
                var start = _cursor;
                while (!AtEnd && char.IsAsciiDigit(Current)) _cursor++;
                if (start == _cursor)
                {
                    return Fail("No number after minus sign in JSON at position {0}");
                }
            }

            if (Current == '.' && !AtEnd)
            {
                _cursor++;
                if (AtEnd || !char.IsAsciiDigit(Current))
                {
                    return Fail("Unterminated fractional number in JSON at position {0}");
                }

                while (!AtEnd && char.IsAsciiDigit(Current)) _cursor++;
            }

            if (!AtEnd && (Current | 0x20) == 'e')
            {
                _cursor++;
                if (!AtEnd && Current is '-' or '+') _cursor++;
                if (AtEnd || !char.IsAsciiDigit(Current))
                {
                    return Fail("Exponent part is missing a number in JSON at position {0}");
                }

                while (!AtEnd && char.IsAsciiDigit(Current)) _cursor++;
            }

            return true;
        }

        private bool ScanLiteral(string literal)
        {
            // The first character matched already.
            _cursor++;
            for (var i = 1; i < literal.Length; i++)
            {
                if (AtEnd)
                {
                    Report(Token.Eos, null);
                    return false;
                }

                if (source[_cursor] != literal[i])
                {
                    ReportCharacter();
                    return false;
                }

                _cursor++;
            }

            return true;
        }

        private bool Fail(string message)
        {
            Report(Token.Illegal, message);
            return false;
        }

        // V8's ReportUnexpectedCharacter: the token of the character under the cursor, without a specific message.
        private void ReportCharacter() => Report(AtEnd ? Token.Eos : TokenOf(source[_cursor]), null);

        private void Report(Token token, string? message)
        {
            var position = _cursor;
            if (message is not null)
            {
                _error = message.Replace("{0}", position.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                return;
            }

            _error = token switch
            {
                Token.Eos => "Unexpected end of JSON input",
                Token.Number => $"Unexpected number in JSON at position {position}",
                Token.String => $"Unexpected string in JSON at position {position}",
                _ => Context(position),
            };
        }

        private string Context(int position)
        {
            if (source is "[object Object]" or "undefined" or "Infinity" or "NaN")
            {
                return $"\"{source}\" is not valid JSON";
            }

            var character = position < source.Length ? source[position].ToString() : "";
            if (source.Length < MinSourceLengthForContext)
            {
                return $"Unexpected token '{character}', \"{source}\" is not valid JSON";
            }

            if (position < MaxContextCharacters)
            {
                return $"Unexpected token '{character}', \"{source[..(position + MaxContextCharacters)]}\"... is not valid JSON";
            }

            if (position < source.Length - MaxContextCharacters)
            {
                return $"Unexpected token '{character}', ...\"{source.Substring(position - MaxContextCharacters, MaxContextCharacters * 2)}\"... is not valid JSON";
            }

            return $"Unexpected token '{character}', ...\"{source[(position - MaxContextCharacters)..]}\" is not valid JSON";
        }
    }
}
