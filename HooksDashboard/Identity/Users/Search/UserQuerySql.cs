using System.Globalization;
using System.Text;
using Dapper;
using HooksDashboard.Storage;

namespace HooksDashboard.Identity.Users.Search;

/// <summary>How a user search sorts: a field of <see cref="UserQuerySql.SortFields"/>, ascending or not.</summary>
public sealed record UserSort(string Field, bool Ascending);

/// <summary>
/// Translates a <see cref="UserQuery"/> into a SQL condition on the <c>users</c> table. The SQL text is assembled
/// only from constant fragments chosen by the query's shape (column names come from a fixed table, never from the
/// query); every value — terms, LIKE patterns, JSON paths — travels as a parameter.
/// The metadata columns are JSON text on both engines; SQLite walks them with <c>json_each</c>/<c>json_type</c>,
/// PostgreSQL casts them to <c>jsonb</c> and uses its own operators with the same meaning (a term matches the value at
/// the path or any element of an array there; LIKE's ASCII case-insensitivity is <c>ILIKE</c>; text compares and
/// sorts byte-wise, as SQLite's BINARY collation does). See "Storage engines" in docs/design.md.
/// </summary>
public static class UserQuerySql
{
    private enum FieldKind { Text, CaseInsensitiveText, Boolean, Timestamp, UserId, Connection, Provider, Metadata }

    private sealed record Field(string Column, FieldKind Kind);

    private static readonly Dictionary<string, Field> Fields = new(StringComparer.Ordinal)
    {
        ["user_id"] = new("id", FieldKind.UserId),
        ["email"] = new("email_normalized", FieldKind.CaseInsensitiveText),
        ["username"] = new("username_normalized", FieldKind.CaseInsensitiveText),
        ["email_verified"] = new("email_verified", FieldKind.Boolean),
        ["blocked"] = new("blocked", FieldKind.Boolean),
        ["name"] = new("name", FieldKind.Text),
        ["nickname"] = new("nickname", FieldKind.Text),
        ["given_name"] = new("given_name", FieldKind.Text),
        ["family_name"] = new("family_name", FieldKind.Text),
        ["picture"] = new("picture", FieldKind.Text),
        ["phone_number"] = new("phone_number", FieldKind.Text),
        ["created_at"] = new("created_at", FieldKind.Timestamp),
        ["updated_at"] = new("updated_at", FieldKind.Timestamp),
        ["last_password_reset"] = new("last_password_reset", FieldKind.Timestamp),
        ["identities.user_id"] = new("id", FieldKind.UserId),
        ["identities.connection"] = new("connection_id", FieldKind.Connection),
        ["identities.provider"] = new("'auth0'", FieldKind.Provider),
    };

    /// <summary>The fields <c>sort</c> accepts and their columns.</summary>
    public static IReadOnlyDictionary<string, string> SortFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["user_id"] = "id",
        ["email"] = "email_normalized",
        ["username"] = "username_normalized",
        ["name"] = "name",
        ["nickname"] = "nickname",
        ["given_name"] = "given_name",
        ["family_name"] = "family_name",
        ["email_verified"] = "email_verified",
        ["blocked"] = "blocked",
        ["created_at"] = "created_at",
        ["updated_at"] = "updated_at",
        ["last_password_reset"] = "last_password_reset",
    };

    /// <summary>The fields a query may name (besides <c>app_metadata.*</c> and <c>user_metadata.*</c>).</summary>
    public static IReadOnlyCollection<string> SearchableFields => Fields.Keys;

    /// <summary>The columns of <c>users</c> that are BOOLEAN on PostgreSQL (every other searchable column is text).</summary>
    private static readonly HashSet<string> BooleanColumns = new(StringComparer.Ordinal) { "email_verified", "blocked" };

    /// <summary>
    /// A SQL condition for <paramref name="query"/> in the engine's dialect (or true for none), its parameters added to
    /// <paramref name="parameters"/>.
    /// </summary>
    /// <exception cref="UserQuerySyntaxException">The query names an unknown field or gives a field a value it cannot hold.</exception>
    public static string Where(UserQuery? query, DynamicParameters parameters, StorageProvider provider = StorageProvider.Sqlite)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var postgreSql = provider == StorageProvider.PostgreSQL;
        if (query is null)
            return postgreSql ? "TRUE" : "1";
        var sql = new StringBuilder();
        new Translator(parameters, sql, postgreSql).Write(query);
        return sql.ToString();
    }

    /// <summary>The ORDER BY list: the sort field (NULLs last when ascending, as absent values), then the id for a stable order.</summary>
    /// <remarks>On PostgreSQL text sorts byte-wise (<c>COLLATE "C"</c>), as on SQLite, whatever the database's locale.</remarks>
    public static string OrderBy(UserSort? sort, StorageProvider provider = StorageProvider.Sqlite)
    {
        if (sort is null)
            return "created_at DESC, id DESC";
        var column = SortFields.TryGetValue(sort.Field, out var c) ? c : throw new ArgumentException($"Unknown sort field {sort.Field}", nameof(sort));
        var key = provider == StorageProvider.PostgreSQL && !BooleanColumns.Contains(column) ? column + " COLLATE \"C\"" : column;
        return sort.Ascending ? $"{column} IS NULL, {key} ASC, id ASC" : $"{column} IS NULL, {key} DESC, id DESC";
    }

    private sealed class Translator(DynamicParameters parameters, StringBuilder sql, bool postgreSql)
    {
        private int _next;

        /// <summary>
        /// PostgreSQL: <c>j.value</c> as a number, NULL when it is not one. The CASE is needed: PostgreSQL may evaluate a
        /// cast before the type test beside it in an AND, and casting a JSON string fails.
        /// </summary>
        private const string PostgreSqlNumber = "(CASE WHEN jsonb_typeof(j.value) = 'number' THEN (j.value)::float8 END)";

        /// <summary>SQLite's LIKE ignores ASCII case; PostgreSQL's does not, ILIKE does.</summary>
        private string Like => postgreSql ? "ILIKE" : "LIKE";

        /// <summary>
        /// PostgreSQL: the value at a metadata path as a set of <c>j.value</c> (jsonb), as SQLite's <c>json_each</c>
        /// yields it: an array's elements, an object's member values, or the one scalar (nothing when the path is absent).
        /// </summary>
        private string JsonElements(string column, string path)
        {
            var value = "(" + column + "::jsonb #> CAST(" + Parameter(path) + " AS text[]))";
            return "jsonb_array_elements(CASE jsonb_typeof(" + value + ") WHEN 'array' THEN " + value +
                " WHEN 'object' THEN (SELECT coalesce(jsonb_agg(o.value), '[]'::jsonb) FROM jsonb_each(" + value + ") AS o)" +
                " ELSE jsonb_build_array(" + value + ") END) AS j(value)";
        }

        private string Parameter(object? value)
        {
            var name = "q" + _next++.ToString(CultureInfo.InvariantCulture);
            parameters.Add(name, value);
            return "@" + name;
        }

        public void Write(UserQuery query)
        {
            switch (query)
            {
                case AndQuery and:
                    sql.Append('(');
                    Write(and.Left);
                    sql.Append(" AND ");
                    Write(and.Right);
                    sql.Append(')');
                    break;
                case OrQuery or:
                    sql.Append('(');
                    Write(or.Left);
                    sql.Append(" OR ");
                    Write(or.Right);
                    sql.Append(')');
                    break;
                case NotQuery not:
                    // A missing value does not match, so NOT of it does (SQL's NULL would drop the row).
                    sql.Append("(NOT coalesce(");
                    Write(not.Inner);
                    sql.Append(postgreSql ? ", FALSE))" : ", 0))");
                    break;
                case TermQuery term when term.Field is null:
                    WriteFreeText(term);
                    break;
                case TermQuery term:
                    WriteTerm(term);
                    break;
                case RangeQuery range:
                    WriteRange(range);
                    break;
                case ExistsQuery exists:
                    WriteExists(exists.Field);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown query node {query.GetType().Name}");
            }
        }

        private void WriteFreeText(TermQuery term)
        {
            var pattern = Parameter(term.HasWildcard ? LikePattern(term.Value.ToLowerInvariant()) : "%" + EscapeLike(term.Value.ToLowerInvariant()) + "%");
            sql.Append("(email_normalized ").Append(Like).Append(' ').Append(pattern).Append(" ESCAPE '\\' OR coalesce(username_normalized, '') ").Append(Like).Append(' ').Append(pattern)
                .Append(" ESCAPE '\\' OR coalesce(name, '') ").Append(Like).Append(' ').Append(pattern).Append(" ESCAPE '\\' OR coalesce(nickname, '') ").Append(Like).Append(' ').Append(pattern).Append(" ESCAPE '\\')");
        }

        private void WriteTerm(TermQuery term)
        {
            if (Metadata(term.Field!) is { } metadata)
            {
                WriteMetadataTerm(metadata.Column, metadata.Path, term);
                return;
            }
            var field = Lookup(term.Field!);
            var value = term.Value;
            switch (field.Kind)
            {
                case FieldKind.Boolean:
                    var flag = ParseBoolean(term.Field!, value);
                    sql.Append('(').Append(field.Column).Append(" = ").Append(postgreSql ? Parameter(flag) : Parameter(flag ? 1 : 0)).Append(')');
                    return;
                case FieldKind.Connection:
                    sql.Append("(connection_id IN (SELECT id FROM connections WHERE name ").Append(Comparison(term, value)).Append("))");
                    return;
                case FieldKind.Provider:
                    sql.Append("('auth0' ").Append(Comparison(term, value)).Append(')');
                    return;
                case FieldKind.UserId:
                    sql.Append("(id ").Append(Comparison(term, value)).Append(')');
                    return;
                case FieldKind.CaseInsensitiveText:
                    sql.Append('(').Append(field.Column).Append(' ').Append(Comparison(term, value.ToLowerInvariant())).Append(')');
                    return;
                case FieldKind.Timestamp when !term.HasWildcard:
                    // A date or a prefix of the stored ISO timestamp: created_at:2024-05-01 matches that day.
                    sql.Append('(').Append(field.Column).Append(' ').Append(Like).Append(' ').Append(Parameter(EscapeLike(value) + "%")).Append(" ESCAPE '\\')");
                    return;
                default:
                    sql.Append('(').Append(field.Column).Append(' ').Append(Comparison(term, value)).Append(')');
                    return;
            }
        }

        /// <summary>= for an exact value, LIKE for a wildcard term.</summary>
        private string Comparison(TermQuery term, string value) => term.HasWildcard
            ? Like + " " + Parameter(LikePattern(value)) + " ESCAPE '\\'"
            : "= " + Parameter(term.Quoted ? value : Unescape(value));

        /// <summary>
        /// A metadata term: true when the value at <paramref name="path"/>, or any element of an array there, matches.
        /// Unquoted terms also match JSON booleans and numbers of the same text. The two engines differ only in how an
        /// element's type and text are read (<see cref="MetadataElements"/>).
        /// </summary>
        private void WriteMetadataTerm(string column, string path, TermQuery term)
        {
            var e = postgreSql ? MetadataElements.PostgreSql : MetadataElements.Sqlite;
            // SQLite: json_each walks an array at the path, or yields the one value there; PostgreSQL: JsonElements.
            sql.Append("EXISTS (SELECT 1 FROM ")
                .Append(postgreSql ? JsonElements(column, PostgreSqlPath(path)) : "json_each(" + column + ", " + Parameter(path) + ") AS j")
                .Append(" WHERE ");
            if (term.HasWildcard)
            {
                sql.Append(e.IsText).Append(" AND ").Append(e.Text).Append(' ').Append(Like).Append(' ').Append(Parameter(LikePattern(term.Value))).Append(" ESCAPE '\\')");
                return;
            }
            var text = Parameter(term.Quoted ? term.Value : Unescape(term.Value));
            sql.Append('(').Append(e.IsText).Append(" AND ").Append(e.Text).Append(" = ").Append(text).Append(')');
            if (!term.Quoted)
            {
                if (term.Value is "true" or "false")
                    sql.Append(" OR ").Append(term.Value == "true" ? e.IsTrue : e.IsFalse);
                else if (double.TryParse(term.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    sql.Append(" OR ").Append(e.NumberEquals(Parameter(number)));
            }
            sql.Append(')');
        }

        /// <summary>How one engine reads a metadata element <c>j</c>: its type tests, its text, and a comparison with a number parameter.</summary>
        private sealed record MetadataElements(string IsText, string Text, string IsTrue, string IsFalse, Func<string, string> NumberEquals)
        {
            public static readonly MetadataElements Sqlite = new(
                "j.type = 'text'", "j.value", "j.type = 'true'", "j.type = 'false'", p => "(j.type IN ('integer', 'real') AND j.value = " + p + ")");

            public static readonly MetadataElements PostgreSql = new(
                "jsonb_typeof(j.value) = 'string'", "(j.value #>> '{}')", "j.value = 'true'::jsonb", "j.value = 'false'::jsonb", p => PostgreSqlNumber + " = " + p);
        }

        private void WriteRange(RangeQuery range)
        {
            string column;
            object? Bound(string? text) => text;
            if (Metadata(range.Field) is { } metadata)
            {
                // Numbers compare as numbers when both bounds are numbers, else as text.
                var numeric = (range.Lower is null || IsNumber(range.Lower)) && (range.Upper is null || IsNumber(range.Upper));
                if (postgreSql)
                {
                    sql.Append("EXISTS (SELECT 1 FROM ").Append(JsonElements(metadata.Column, PostgreSqlPath(metadata.Path)))
                        .Append(numeric ? " WHERE jsonb_typeof(j.value) = 'number'" : " WHERE jsonb_typeof(j.value) = 'string'");
                    AppendBounds(numeric ? PostgreSqlNumber : "(j.value #>> '{}') COLLATE \"C\"", range,
                        numeric ? t => double.Parse(t!, NumberStyles.Float, CultureInfo.InvariantCulture) : Bound);
                    sql.Append(')');
                    return;
                }
                sql.Append("EXISTS (SELECT 1 FROM json_each(").Append(metadata.Column).Append(", ").Append(Parameter(metadata.Path))
                    .Append(numeric ? ") AS j WHERE j.type IN ('integer', 'real')" : ") AS j WHERE j.type = 'text'");
                AppendBounds("j.value", range, numeric ? t => double.Parse(t!, NumberStyles.Float, CultureInfo.InvariantCulture) : Bound);
                sql.Append(')');
                return;
            }
            var field = Lookup(range.Field);
            if (field.Kind is not (FieldKind.Text or FieldKind.CaseInsensitiveText or FieldKind.Timestamp or FieldKind.UserId))
                throw new UserQuerySyntaxException($"The field '{range.Field}' cannot be searched by range");
            column = field.Column;
            sql.Append('(').Append(column).Append(" IS NOT NULL");
            // Text compares byte-wise on both engines (SQLite's BINARY).
            if (postgreSql)
                column += " COLLATE \"C\"";
            AppendBounds(column, range, field.Kind == FieldKind.CaseInsensitiveText ? t => t?.ToLowerInvariant() : Bound);
            sql.Append(')');
        }

        private void AppendBounds(string column, RangeQuery range, Func<string?, object?> convert)
        {
            if (range.Lower is not null)
                sql.Append(" AND ").Append(column).Append(range.LowerInclusive ? " >= " : " > ").Append(Parameter(convert(range.Lower)));
            if (range.Upper is not null)
                sql.Append(" AND ").Append(column).Append(range.UpperInclusive ? " <= " : " < ").Append(Parameter(convert(range.Upper)));
        }

        private void WriteExists(string name)
        {
            if (Metadata(name) is { } metadata)
            {
                if (postgreSql)
                {
                    sql.Append("((").Append(metadata.Column).Append("::jsonb #> CAST(").Append(Parameter(PostgreSqlPath(metadata.Path))).Append(" AS text[])) IS NOT NULL)");
                    return;
                }
                sql.Append("(json_type(").Append(metadata.Column).Append(", ").Append(Parameter(metadata.Path)).Append(") IS NOT NULL)");
                return;
            }
            var field = Lookup(name);
            sql.Append(field.Kind is FieldKind.Provider or FieldKind.Connection ? (postgreSql ? "(TRUE)" : "(1)") : $"({field.Column} IS NOT NULL)");
        }

        private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    private static Field Lookup(string name) => Fields.TryGetValue(name, out var field)
        ? field
        : throw new UserQuerySyntaxException(
            $"Unknown field '{name}'; searchable fields are {string.Join(", ", Fields.Keys)}, app_metadata.* and user_metadata.*");

    /// <summary>For <c>app_metadata.a.b</c>: the column and the JSON path <c>$."a"."b"</c>; null for other names.</summary>
    private static (string Column, string Path)? Metadata(string name)
    {
        string column;
        if (name.StartsWith("app_metadata.", StringComparison.Ordinal))
            column = "app_metadata";
        else if (name.StartsWith("user_metadata.", StringComparison.Ordinal))
            column = "user_metadata";
        else if (name is "app_metadata" or "user_metadata")
            throw new UserQuerySyntaxException($"Name a property of {name}, e.g. {name}.plan");
        else
            return null;
        var segments = name[(column.Length + 1)..].Split('.');
        var path = new StringBuilder("$");
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || !segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                throw new UserQuerySyntaxException($"'{name}' is not a metadata path: property names hold letters, digits, '_' and '-'");
            path.Append(".\"").Append(segment).Append('"');
        }
        return (column, path.ToString());
    }

    /// <summary>
    /// SQLite's JSON path <c>$."a"."b"</c> as PostgreSQL's text array <c>{"a","b"}</c> (for <c>#&gt;</c>). Segments hold
    /// only letters, digits, '_' and '-' (<see cref="Metadata"/>), so quoting them is enough.
    /// </summary>
    private static string PostgreSqlPath(string sqlitePath) =>
        "{" + sqlitePath[1..].Replace(".\"", ",\"", StringComparison.Ordinal).TrimStart(',') + "}";

    private static bool ParseBoolean(string field, string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw new UserQuerySyntaxException($"The field '{field}' takes true or false, not '{value}'"),
    };

    /// <summary>A term's wildcards as LIKE's: <c>*</c> → <c>%</c>, <c>?</c> → <c>_</c>; escaped (<c>\*</c>) and LIKE's own characters are literal.</summary>
    private static string LikePattern(string term)
    {
        var pattern = new StringBuilder();
        for (var i = 0; i < term.Length; i++)
        {
            var c = term[i];
            if (c == '\\' && i + 1 < term.Length)
            {
                pattern.Append(EscapeLike(term[++i].ToString()));
                continue;
            }
            pattern.Append(c switch
            {
                '*' => "%",
                '?' => "_",
                _ => EscapeLike(c.ToString()),
            });
        }
        return pattern.ToString();
    }

    /// <summary>The term without the escapes the tokenizer kept in front of <c>*</c>, <c>?</c> and <c>\</c>.</summary>
    private static string Unescape(string term)
    {
        if (!term.Contains('\\', StringComparison.Ordinal))
            return term;
        var text = new StringBuilder();
        for (var i = 0; i < term.Length; i++)
            text.Append(term[i] == '\\' && i + 1 < term.Length ? term[++i] : term[i]);
        return text.ToString();
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
