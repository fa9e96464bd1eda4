namespace HooksDashboard.Execution.Modules;

/// <summary>
/// The message Node 20 (V8 11's <c>JSON.parse</c>) gives for text that is not JSON, which Node's loader prefixes with
/// the file name when a required <c>.json</c> file is broken: "Unexpected token '}', "{"a": }" is not valid JSON",
/// "Expected property name or '}' in JSON at position 1", ... A validating scan only: the value itself is built by the
/// engine's own JSON parser once this finds nothing wrong.
/// </summary>
internal static class JsonErrorText
{
    // V8's json-parser.cc: context of at most 10 characters each side, for sources of 21 characters or more.
    private const int MaxContext = 10;
    private const int MinLengthForContext = (MaxContext * 2) + 1;

    /// <summary>V8's message for <paramref name="source"/>, or null when it is valid JSON.</summary>
    public static string? Describe(string source)
    {
        try
        {
            var scanner = new Scanner(source);
            scanner.Document();
            return null;
        }
        catch (JsonSyntax syntax)
        {
            return syntax.Message;
        }
    }

    private sealed class JsonSyntax(string message) : Exception(message);

    private ref struct Scanner(string source)
    {
        private readonly string _source = source;
        private int _position;

        public void Document()
        {
            SkipWhitespace();
            Value(0);
            SkipWhitespace();
            if (_position < _source.Length)
            {
                throw new JsonSyntax($"Unexpected non-whitespace character after JSON at position {_position}");
            }
        }

        private void Value(int depth)
        {
            SkipWhitespace();
            if (_position >= _source.Length)
            {
                throw UnexpectedEnd();
            }

            switch (_source[_position])
            {
                case '{':
                    Object(depth + 1);
                    break;
                case '[':
                    Array(depth + 1);
                    break;
                case '"':
                    String();
                    break;
                case 't':
                    Literal("true");
                    break;
                case 'f':
                    Literal("false");
                    break;
                case 'n':
                    Literal("null");
                    break;
                case '-' or (>= '0' and <= '9'):
                    Number();
                    break;
                default:
                    throw UnexpectedToken();
            }
        }

        private void Object(int depth)
        {
            _position++; // {
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                return;
            }

            var first = true;
            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw _position >= _source.Length && !first
                        ? UnexpectedEnd()
                        : At(first ? "Expected property name or '}'" : "Expected double-quoted property name");
                }

                String();
                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw At("Expected ':' after property name");
                }

                _position++;
                Value(depth);
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                    first = false;
                    continue;
                }

                if (Peek() == '}')
                {
                    _position++;
                    return;
                }

                throw At("Expected ',' or '}' after property value");
            }
        }

        private void Array(int depth)
        {
            _position++; // [
            SkipWhitespace();
            if (Peek() == ']')
            {
                _position++;
                return;
            }

            while (true)
            {
                Value(depth);
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                    continue;
                }

                if (Peek() == ']')
                {
                    _position++;
                    return;
                }

                throw At("Expected ',' or ']' after array element");
            }
        }

        private void String()
        {
            _position++; // "
            while (_position < _source.Length)
            {
                var c = _source[_position];
                if (c == '"')
                {
                    _position++;
                    return;
                }

                if (c < 0x20)
                {
                    throw At("Bad control character in string literal");
                }

                if (c == '\\')
                {
                    _position++;
                    if (_position >= _source.Length)
                    {
                        break;
                    }

                    var escaped = _source[_position];
                    if (escaped == 'u')
                    {
                        for (var i = 0; i < 4; i++)
                        {
                            _position++;
                            if (_position >= _source.Length || !char.IsAsciiHexDigit(_source[_position]))
                            {
                                throw At("Bad Unicode escape");
                            }
                        }
                    }
                    else if (escaped is not ('"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't'))
                    {
                        throw At("Bad escaped character");
                    }
                }

                _position++;
            }

            throw At("Unterminated string");
        }

        private void Number()
        {
            if (Peek() == '-')
            {
                _position++;
                if (!char.IsAsciiDigit(Peek()))
                {
                    throw At("No number after minus sign");
                }
            }

            if (Peek() == '0')
            {
                _position++;
                if (char.IsAsciiDigit(Peek()))
                {
                    throw At("Unexpected number");
                }
            }
            else
            {
                Digits();
            }

            if (Peek() == '.')
            {
                _position++;
                if (!char.IsAsciiDigit(Peek()))
                {
                    throw At("Unterminated fractional number");
                }

                Digits();
            }

            if (Peek() is 'e' or 'E')
            {
                _position++;
                if (Peek() is '+' or '-')
                {
                    _position++;
                }

                if (!char.IsAsciiDigit(Peek()))
                {
                    throw At("Exponent part is missing a number");
                }

                Digits();
            }
        }

        private void Digits()
        {
            while (char.IsAsciiDigit(Peek()))
            {
                _position++;
            }
        }

        private void Literal(string literal)
        {
            foreach (var expected in literal)
            {
                if (_position >= _source.Length)
                {
                    throw UnexpectedEnd();
                }

                if (_source[_position] != expected)
                {
                    throw UnexpectedToken();
                }

                _position++;
            }
        }

        private readonly char Peek() => _position < _source.Length ? _source[_position] : '\0';

        private void SkipWhitespace()
        {
            while (_position < _source.Length && _source[_position] is ' ' or '\t' or '\n' or '\r')
            {
                _position++;
            }
        }

        private readonly JsonSyntax At(string what) => new($"{what} in JSON at position {_position}");

        private static JsonSyntax UnexpectedEnd() => new("Unexpected end of JSON input");

        private readonly JsonSyntax UnexpectedToken()
        {
            if (_position >= _source.Length)
            {
                return UnexpectedEnd();
            }

            if (_source is "undefined" or "NaN" or "Infinity" or "[object Object]")
            {
                return new JsonSyntax($"\"{_source}\" is not valid JSON");
            }

            var token = _source[_position];
            var length = _source.Length;
            if (length < MinLengthForContext)
            {
                return new JsonSyntax($"Unexpected token '{token}', \"{_source}\" is not valid JSON");
            }

            if (_position < MaxContext)
            {
                return new JsonSyntax($"Unexpected token '{token}', \"{_source[..(_position + MaxContext)]}\"... is not valid JSON");
            }

            if (_position < length - MaxContext)
            {
                return new JsonSyntax($"Unexpected token '{token}', ...\"{_source[(_position - MaxContext)..(_position + MaxContext)]}\"... is not valid JSON");
            }

            return new JsonSyntax($"Unexpected token '{token}', ...\"{_source[(_position - MaxContext)..]}\" is not valid JSON");
        }
    }
}
