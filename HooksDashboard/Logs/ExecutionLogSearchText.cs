using System.Globalization;
using System.Text;

namespace HooksDashboard.Logs;

/// <summary>
/// The PostgreSQL side of the Logs page's text search: a record's searchable text as a <c>tsvector</c> literal and a
/// filter's words as a <c>tsquery</c> literal, both built here so they split words exactly as SQLite's FTS5
/// <c>unicode61</c> tokenizer does (a word is a run of letters and digits; case and diacritics are ignored), rather
/// than as PostgreSQL's parser would (which keeps <c>user@example.com</c>, <c>v1.2</c> or <c>/a/b</c> whole, so a
/// search for <c>example</c> would find nothing). The literals are cast in SQL (<c>CAST(@Search AS tsvector)</c>),
/// which takes lexemes as given: no text search configuration, stemming or stop words, on every server.
/// </summary>
internal static class ExecutionLogSearchText
{
    // PostgreSQL's limits: a lexeme is at most 2047 bytes; positions run to 16383 and a lexeme keeps at most 256.
    private const int MaxLexemeBytes = 2047;
    private const int MaxPosition = 16_383;
    private const int MaxPositionsPerLexeme = 256;

    /// <summary>The text FTS5 indexes for a record (see <c>ExecutionLogSchema</c>'s trigger), as a <c>tsvector</c> literal.</summary>
    public static string Document(ExecutionLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var position = 0;
        void Add(string? text)
        {
            if (text is null)
                return;
            foreach (var token in Tokens(text))
            {
                position = Math.Min(position + 1, MaxPosition);
                if (Encoding.UTF8.GetByteCount(token) > MaxLexemeBytes)
                    continue;
                if (!positions.TryGetValue(token, out var list))
                    positions[token] = list = [];
                if (list.Count < MaxPositionsPerLexeme && (list.Count == 0 || list[^1] != position))
                    list.Add(position);
            }
        }

        Add(record.Error?.Name);
        Add(record.Error?.Message);
        Add(record.RequestId);
        foreach (var line in record.Logs)
            Add(line.Message);

        var literal = new StringBuilder();
        foreach (var (token, list) in positions)
        {
            if (literal.Length > 0)
                literal.Append(' ');
            // Tokens hold letters and digits only: nothing in them needs quoting inside the quotes.
            literal.Append('\'').Append(token).Append("':").AppendJoin(',', list);
        }
        return literal.ToString();
    }

    /// <summary>
    /// The filter's words as a <c>tsquery</c> literal with the FTS5 query's meaning: every word required; a word that
    /// splits into several tokens (<c>req-77</c>) is a phrase; a trailing <c>*</c> makes the last token a prefix.
    /// Null when there is nothing to search for.
    /// </summary>
    public static string? Query(ExecutionLogFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var terms = new List<string>();
        foreach (var word in filter.Words)
        {
            var prefix = word.EndsWith('*');
            var tokens = Tokens(word).ToList();
            if (tokens.Count == 0)
                continue;
            var term = string.Join(" <-> ", tokens.Select(t => "'" + t + "'"));
            terms.Add(prefix ? term + ":*" : term);
        }
        return terms.Count == 0 ? null : string.Join(" & ", terms.Select(t => "(" + t + ")"));
    }

    /// <summary>Runs of letters and digits, lower-cased, diacritics removed (FTS5 <c>unicode61</c>'s default).</summary>
    internal static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        foreach (var rune in text.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue;
            if (Rune.IsLetterOrDigit(rune) || category == UnicodeCategory.PrivateUse)
            {
                token.Append(Rune.ToLowerInvariant(rune).ToString());
                continue;
            }
            if (token.Length > 0)
            {
                yield return token.ToString().Normalize(NormalizationForm.FormC);
                token.Clear();
            }
        }
        if (token.Length > 0)
            yield return token.ToString().Normalize(NormalizationForm.FormC);
    }
}
