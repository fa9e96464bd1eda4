using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;

namespace HooksDashboard.Tests.Logs;

/// <summary>The tsvector/tsquery literals the PostgreSQL log search uses, split as FTS5's unicode61 tokenizer splits.</summary>
public sealed class ExecutionLogSearchTextTests
{
    [Theory]
    [InlineData("user@example.com", new[] { "user", "example", "com" })]
    [InlineData("v1.2 /a/b_c", new[] { "v1", "2", "a", "b", "c" })]
    [InlineData("Café ÜBER straße", new[] { "cafe", "uber", "straße" })]
    [InlineData("it's 'quoted' \\back", new[] { "it", "s", "quoted", "back" })]
    [InlineData("  ", new string[0])]
    public void Tokens_Text_RunsOfLettersAndDigitsLowerCasedWithoutDiacritics(string text, string[] expected) =>
        Assert.Equal(expected, ExecutionLogSearchText.Tokens(text));

    [Theory]
    [InlineData("quota", "('quota')")]
    [InlineData("req-77 exceed*", "('req' <-> '77') & ('exceed':*)")]
    [InlineData("it's", "('it' <-> 's')")]
    [InlineData("\"unbalanced", "('unbalanced')")]
    [InlineData("*** ---", null)]
    public void Query_Words_AllRequiredPhrasesAndPrefixes(string text, string? expected) =>
        Assert.Equal(expected, ExecutionLogSearchText.Query(new ExecutionLogFilter(Text: text)));

    [Fact]
    public void Document_Record_ErrorRequestAndConsoleWithPositions()
    {
        var record = new ExecutionLogRecord
        {
            Id = "01JAAAAAAAAAAAAAAAAAAAAAAA",
            CreatedAt = DateTimeOffset.UnixEpoch,
            TriggerId = "t",
            Source = InvocationSource.Runtime,
            Outcome = ExecutionStatus.Error,
            RequestId = "req-1",
            Error = new ExecutionError { Kind = ExecutionErrorKind.Hook, Name = "TypeError", Message = "x is undefined" },
            Logs = [new ConsoleLine("log", "x again")],
        };

        Assert.Equal("'typeerror':1 'x':2,7 'is':3 'undefined':4 'req':5 '1':6 'again':8", ExecutionLogSearchText.Document(record));
    }
}
