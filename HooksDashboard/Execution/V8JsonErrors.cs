using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution;

/// <summary>
/// <c>JSON.parse</c>'s errors with Node 20's (V8 11.3) texts. Jint reports the first error in its own words ("Unexpected
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
                // The same error object, its message and the stack's first line in V8's words.
                var old = TypeConverter.ToString(error.Get("message"));
                error.Set("message", message);
                if (error.Get("stack") is JsString stack && stack.ToString().StartsWith("SyntaxError: " + old, StringComparison.Ordinal))
                {
                    error.Set("stack", "SyntaxError: " + message + stack.ToString()[("SyntaxError: " + old).Length..]);
                }

                throw;
            }
        }, 2, PropertyFlag.Configurable);
        holder.FastSetProperty("parse", new PropertyDescriptor(parse, PropertyFlag.Writable | PropertyFlag.Configurable));
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
