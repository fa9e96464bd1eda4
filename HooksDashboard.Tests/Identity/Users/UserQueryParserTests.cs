using Dapper;
using HooksDashboard.Identity.Users.Search;

namespace HooksDashboard.Tests.Identity.Users;

public sealed class UserQueryParserTests
{
    [Fact]
    public void Parse_Precedence_OrBelowAndBelowNot()
    {
        var query = UserQueryParser.Parse("a:1 OR b:2 AND NOT c:3");

        Assert.Equal(new OrQuery(new TermQuery("a", "1", false), new AndQuery(new TermQuery("b", "2", false), new NotQuery(new TermQuery("c", "3", false)))), query);
    }

    [Fact]
    public void Parse_JuxtapositionIsOrParenthesesGroup()
    {
        var query = UserQueryParser.Parse("(a:1 b:2) && -c:\"x y\"");

        Assert.Equal(new AndQuery(new OrQuery(new TermQuery("a", "1", false), new TermQuery("b", "2", false)), new NotQuery(new TermQuery("c", "x y", true))), query);
    }

    [Fact]
    public void Parse_QuotedPhraseEscapesAndUserIdPipe()
    {
        Assert.Equal(new TermQuery("name", "say \"hi\" \\ ok", true), UserQueryParser.Parse("name:\"say \\\"hi\\\" \\\\ ok\""));
        Assert.Equal(new TermQuery("user_id", "auth0|abc", false), UserQueryParser.Parse("user_id:auth0|abc"));
        Assert.Equal(new TermQuery("created_at", "2024-01-01", false), UserQueryParser.Parse("created_at:2024-01-01"));
    }

    [Fact]
    public void Parse_RangesAndExists()
    {
        Assert.Equal(new RangeQuery("logins", "1", null, true, false), UserQueryParser.Parse("logins:[1 TO *}"));
        Assert.Equal(new ExistsQuery("app_metadata.plan"), UserQueryParser.Parse("_exists_:app_metadata.plan"));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("   ", null)]
    public void Parse_Blank_Null(string text, UserQuery? expected) => Assert.Equal(expected, UserQueryParser.Parse(text));

    [Theory]
    [InlineData("email:", "Expected a value after 'email:' at position 6")]
    [InlineData("(a:1", "The '(' at position 1 is not closed")]
    [InlineData("a:1)", "Unexpected ')' at position 4")]
    [InlineData("a:\"x", "The quoted phrase starting at position 3 is not closed")]
    [InlineData("()", "Empty parentheses at position 1")]
    [InlineData("a:1 AND", "Unexpected end of query")]
    [InlineData("OR a:1", "Unexpected 'OR' at position 1")]
    [InlineData("a:[1 2]", "Expected 'TO' at position 6, found '2'")]
    [InlineData("a:(b OR c)", "Grouping after a field")]
    [InlineData("a:x\\", "escapes nothing")]
    public void Parse_BadSyntax_ClearMessage(string text, string message)
    {
        var error = Assert.Throws<UserQuerySyntaxException>(() => UserQueryParser.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooDeepOrTooManyTerms_Refused()
    {
        Assert.Throws<UserQuerySyntaxException>(() => UserQueryParser.Parse(new string('(', 40) + "a:1" + new string(')', 40)));
        Assert.Throws<UserQuerySyntaxException>(() => UserQueryParser.Parse(string.Join(" OR ", Enumerable.Range(0, 65).Select(i => $"a:{i}"))));
    }

    [Fact]
    public void Where_InjectionAttempt_OnlyParametersCarryTheText()
    {
        var parameters = new DynamicParameters();
        const string Hostile = "x' OR 1=1; DROP TABLE users; --";

        var sql = UserQuerySql.Where(UserQueryParser.Parse($"email:\"{Hostile}\" OR app_metadata.plan:\"{Hostile}\" OR name:*{"'"}*"), parameters);

        Assert.DoesNotContain("DROP", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("1=1", sql, StringComparison.Ordinal);
        Assert.Contains(parameters.ParameterNames, n => Equals(parameters.Get<object>(n), Hostile.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("password:x", "Unknown field 'password'")]
    [InlineData("app_metadata:x", "Name a property of app_metadata")]
    [InlineData("app_metadata.a'b:x", "is not a metadata path")]
    [InlineData("email_verified:yes", "takes true or false")]
    [InlineData("blocked:[a TO b]", "cannot be searched by range")]
    public void Where_UnknownFieldOrBadValue_Refused(string text, string message)
    {
        var error = Assert.Throws<UserQuerySyntaxException>(() => UserQuerySql.Where(UserQueryParser.Parse(text), new DynamicParameters()));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
