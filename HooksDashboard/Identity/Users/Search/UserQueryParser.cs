using System.Text;

namespace HooksDashboard.Identity.Users.Search;

/// <summary>A parsed user search (<c>q</c> of <c>GET /api/v2/users</c>), Lucene's query-string syntax as Auth0's v3 search reads it.</summary>
public abstract record UserQuery;

/// <summary>Both sides match.</summary>
public sealed record AndQuery(UserQuery Left, UserQuery Right) : UserQuery;

/// <summary>Either side matches.</summary>
public sealed record OrQuery(UserQuery Left, UserQuery Right) : UserQuery;

/// <summary>The inner query does not match.</summary>
public sealed record NotQuery(UserQuery Inner) : UserQuery;

/// <summary><c>field:value</c>, or a bare value (<see cref="Field"/> null) searched in the email, username, name and nickname.</summary>
/// <param name="Quoted">A quoted phrase: matched exactly, no wildcards, never read as a number or boolean.</param>
public sealed record TermQuery(string? Field, string Value, bool Quoted) : UserQuery
{
    /// <summary>The term holds <c>*</c> or <c>?</c> outside quotes.</summary>
    public bool HasWildcard => !Quoted && Value.AsSpan().IndexOfAny('*', '?') >= 0;
}

/// <summary><c>field:[a TO b]</c> (inclusive) or <c>{a TO b}</c> (exclusive); <c>*</c> leaves a side open (null).</summary>
public sealed record RangeQuery(string Field, string? Lower, string? Upper, bool LowerInclusive, bool UpperInclusive) : UserQuery;

/// <summary><c>_exists_:field</c>: the field has a value.</summary>
public sealed record ExistsQuery(string Field) : UserQuery;

/// <summary>A query that does not parse; the message names the problem and its 1-based position.</summary>
public sealed class UserQuerySyntaxException(string message) : Exception(message);

/// <summary>
/// Parses Lucene's query-string syntax as hooks and scripts send it to Auth0's user search:
/// <c>email:"a@b.c"</c>, <c>user_id:"auth0|…"</c>, <c>app_metadata.plan:"x"</c>, <c>name:jo*</c>, ranges
/// <c>created_at:[2024-01-01 TO *]</c>, <c>_exists_:field</c>, <c>AND</c>/<c>OR</c>/<c>NOT</c> (and <c>&amp;&amp;</c>,
/// <c>||</c>, <c>!</c>, <c>-</c>, <c>+</c>), parentheses and quoted phrases with <c>\</c> escapes. Terms side by side
/// without an operator are joined with OR, Lucene's default. Which fields exist is the translator's business.
/// </summary>
public static class UserQueryParser
{
    /// <summary>Deepest nesting of parentheses and NOTs accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Most terms one query may hold.</summary>
    public const int MaxTerms = 64;

    /// <summary>Longest query accepted, in characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>The query, or null when <paramref name="text"/> is empty or blank.</summary>
    /// <exception cref="UserQuerySyntaxException">The text is not a valid query.</exception>
    public static UserQuery? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (text.Length > MaxLength)
            throw new UserQuerySyntaxException($"The query is longer than {MaxLength} characters");
        var parser = new Parser(Tokenize(text));
        var query = parser.ParseOr(0);
        var next = parser.Peek();
        if (next.Kind != TokenKind.End)
            throw Unexpected(next);
        return query;
    }

    private enum TokenKind { Word, Phrase, LeftParen, RightParen, Colon, And, Or, Not, Plus, RangeOpen, RangeClose, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);

    private static UserQuerySyntaxException Unexpected(Token token) => token.Kind == TokenKind.End
        ? new UserQuerySyntaxException("Unexpected end of query")
        : new UserQuerySyntaxException($"Unexpected '{token.Text}' at position {token.Position + 1}");

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            switch (c)
            {
                case '(': tokens.Add(new(TokenKind.LeftParen, "(", i++)); continue;
                case ')': tokens.Add(new(TokenKind.RightParen, ")", i++)); continue;
                case ':': tokens.Add(new(TokenKind.Colon, ":", i++)); continue;
                case '[' or '{': tokens.Add(new(TokenKind.RangeOpen, c.ToString(), i++)); continue;
                case ']' or '}': tokens.Add(new(TokenKind.RangeClose, c.ToString(), i++)); continue;
                case '"':
                    tokens.Add(new(TokenKind.Phrase, ReadPhrase(text, ref i), start));
                    continue;
                case '!' or '-' or '+' when i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && IsOperatorPrefixPosition(tokens):
                    tokens.Add(new(c == '+' ? TokenKind.Plus : TokenKind.Not, c.ToString(), i++));
                    continue;
            }
            var word = new StringBuilder();
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ':' or '"' or '[' or ']' or '{' or '}'))
            {
                if (text[i] == '\\')
                {
                    if (i + 1 == text.Length)
                        throw new UserQuerySyntaxException($"A '\\' at position {i + 1} escapes nothing");
                    // An escaped wildcard is a literal character: keep the escape for the translator.
                    if (text[i + 1] is '*' or '?' or '\\')
                        word.Append('\\');
                    word.Append(text[i + 1]);
                    i += 2;
                    continue;
                }
                word.Append(text[i++]);
            }
            var value = word.ToString();
            tokens.Add(value switch
            {
                "AND" or "&&" => new(TokenKind.And, value, start),
                "OR" or "||" => new(TokenKind.Or, value, start),
                "NOT" => new(TokenKind.Not, value, start),
                _ => new(TokenKind.Word, value, start),
            });
        }
        tokens.Add(new(TokenKind.End, "", text.Length));
        return tokens;
    }

    // '-x' and '!x' negate at the start of a clause, not inside a word such as a date (handled by the word reader).
    private static bool IsOperatorPrefixPosition(List<Token> tokens) =>
        tokens.Count == 0 || tokens[^1].Kind is not (TokenKind.Colon or TokenKind.RangeOpen);

    private static string ReadPhrase(string text, ref int i)
    {
        var start = i++;
        var phrase = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '"')
                return phrase.ToString();
            if (c == '\\')
            {
                if (i == text.Length)
                    break;
                phrase.Append(text[i++]);
                continue;
            }
            phrase.Append(c);
        }
        throw new UserQuerySyntaxException($"The quoted phrase starting at position {start + 1} is not closed");
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _index;
        private int _terms;

        public Token Peek() => tokens[_index];

        private Token Next() => tokens[_index++];

        private Token Expect(TokenKind kind, string what)
        {
            var token = Next();
            return token.Kind == kind ? token : throw new UserQuerySyntaxException(
                token.Kind == TokenKind.End ? $"Expected {what} at the end of the query" : $"Expected {what} at position {token.Position + 1}, found '{token.Text}'");
        }

        public UserQuery ParseOr(int depth)
        {
            var left = ParseAnd(depth);
            while (true)
            {
                var next = Peek();
                if (next.Kind == TokenKind.Or)
                {
                    Next();
                    left = new OrQuery(left, ParseAnd(depth));
                }
                else if (StartsClause(next))
                {
                    // Lucene's default operator: terms side by side match when any does.
                    left = new OrQuery(left, ParseAnd(depth));
                }
                else
                {
                    return left;
                }
            }
        }

        private UserQuery ParseAnd(int depth)
        {
            var left = ParseUnary(depth);
            while (Peek().Kind == TokenKind.And)
            {
                Next();
                left = new AndQuery(left, ParseUnary(depth));
            }
            return left;
        }

        private static bool StartsClause(Token token) =>
            token.Kind is TokenKind.Word or TokenKind.Phrase or TokenKind.LeftParen or TokenKind.Not or TokenKind.Plus;

        private UserQuery ParseUnary(int depth)
        {
            if (depth > MaxDepth)
                throw new UserQuerySyntaxException($"The query nests deeper than {MaxDepth} levels");
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.Not:
                    Next();
                    return new NotQuery(ParseUnary(depth + 1));
                case TokenKind.Plus:
                    Next();
                    return ParseUnary(depth + 1);
                case TokenKind.LeftParen:
                    Next();
                    if (Peek().Kind == TokenKind.RightParen)
                        throw new UserQuerySyntaxException($"Empty parentheses at position {token.Position + 1}");
                    var inner = ParseOr(depth + 1);
                    var close = Next();
                    if (close.Kind != TokenKind.RightParen)
                        throw close.Kind == TokenKind.End
                            ? new UserQuerySyntaxException($"The '(' at position {token.Position + 1} is not closed")
                            : Unexpected(close);
                    return inner;
                case TokenKind.Phrase:
                    Next();
                    return Term(null, token.Text, quoted: true);
                case TokenKind.Word:
                    Next();
                    return Peek().Kind == TokenKind.Colon ? ParseFieldValue(token) : Term(null, token.Text, quoted: false);
                default:
                    throw Unexpected(token);
            }
        }

        private UserQuery ParseFieldValue(Token field)
        {
            var colon = Next();
            var value = Next();
            switch (value.Kind)
            {
                case TokenKind.Phrase:
                    return field.Text == "_exists_" ? Exists(value.Text) : Term(field.Text, value.Text, quoted: true);
                case TokenKind.Word:
                    return field.Text == "_exists_" ? Exists(value.Text) : Term(field.Text, value.Text, quoted: false);
                case TokenKind.RangeOpen:
                    return ParseRange(field, value);
                case TokenKind.LeftParen:
                    throw new UserQuerySyntaxException(
                        $"Grouping after a field ('{field.Text}:(' at position {field.Position + 1}) is not supported; write {field.Text}:a OR {field.Text}:b");
                default:
                    throw value.Kind == TokenKind.End
                        ? new UserQuerySyntaxException($"Expected a value after '{field.Text}:' at position {colon.Position + 1}")
                        : new UserQuerySyntaxException($"Expected a value after '{field.Text}:' at position {colon.Position + 1}, found '{value.Text}'");
            }
        }

        private RangeQuery ParseRange(Token field, Token open)
        {
            var lower = RangeBound();
            var to = Expect(TokenKind.Word, "'TO'");
            if (to.Text != "TO")
                throw new UserQuerySyntaxException($"Expected 'TO' at position {to.Position + 1}, found '{to.Text}'");
            var upper = RangeBound();
            var close = Expect(TokenKind.RangeClose, "']' or '}'");
            CountTerm();
            return new RangeQuery(field.Text, lower, upper, open.Text == "[", close.Text == "]");
        }

        private string? RangeBound()
        {
            var token = Next();
            return token.Kind switch
            {
                TokenKind.Word when token.Text == "*" => null,
                TokenKind.Word or TokenKind.Phrase => token.Text,
                TokenKind.End => throw new UserQuerySyntaxException("The range is not closed"),
                _ => throw new UserQuerySyntaxException($"Expected a range bound at position {token.Position + 1}, found '{token.Text}'"),
            };
        }

        private TermQuery Term(string? field, string value, bool quoted)
        {
            if (field is not null && field.Length == 0)
                throw new UserQuerySyntaxException("A field name is empty");
            CountTerm();
            return new TermQuery(field, value, quoted);
        }

        private ExistsQuery Exists(string field)
        {
            CountTerm();
            return new ExistsQuery(field);
        }

        private void CountTerm()
        {
            if (++_terms > MaxTerms)
                throw new UserQuerySyntaxException($"The query has more than {MaxTerms} terms");
        }
    }
}
