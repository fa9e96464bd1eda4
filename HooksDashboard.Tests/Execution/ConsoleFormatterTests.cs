using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution;

/// <summary>Console output is captured per level and formatted like Node's util.format / util.inspect.</summary>
public class ConsoleFormatterTests
{
    private readonly JintHookExecutor _executor = new();

    private async Task<IReadOnlyList<ConsoleLine>> LogsOfAsync(string body, ExecutionLimits? limits = null)
    {
        var result = await _executor.RunAsync(limits ?? ExecutorTestExtensions.TestLimits, $"module.exports = function (cb) {{\n{body}\ncb();\n}};");
        result.AssertSuccess();
        return result.Logs;
    }

    private async Task<string> FormatAsync(string arguments) => Assert.Single(await LogsOfAsync($"console.log({arguments});")).Message;

    [Fact]
    public async Task Log_EachLevel_IsCapturedWithItsLevel()
    {
        var logs = await LogsOfAsync("console.log('l'); console.info('i'); console.warn('w'); console.error('e'); console.debug('d'); console.trace('t');");

        Assert.Equal(["log", "info", "warn", "error", "debug", "trace"], logs.Select(l => l.Level));
        Assert.Equal(["l", "i", "w", "e", "d", "Trace: t"], logs.Select(l => l.Message));
    }

    [Theory]
    [InlineData("'plain text'", "plain text")]
    [InlineData("'a', 'b', 3", "a b 3")]
    [InlineData("1, true, null, undefined", "1 true null undefined")]
    [InlineData("-0", "-0")]
    [InlineData("10n", "10n")]
    [InlineData("Symbol('s')", "Symbol(s)")]
    [InlineData("{ a: 1, b: [1, 2] }", "{ a: 1, b: [ 1, 2 ] }")]
    [InlineData("{ s: 'it\\'s', 'https://example.com/claim': 'bar' }", "{ s: \"it's\", 'https://example.com/claim': 'bar' }")]
    [InlineData("{}, []", "{} []")]
    [InlineData("{ a: { b: { c: { d: 1 } } } }", "{ a: { b: { c: [Object] } } }")]
    [InlineData("[[[[1]]]]", "[ [ [ [Array] ] ] ]")]
    [InlineData("function named() {}, function () {}", "[Function: named] [Function (anonymous)]")]
    [InlineData("new Date(0)", "1970-01-01T00:00:00.000Z")]
    [InlineData("/ab+c/gi", "/ab+c/gi")]
    [InlineData("new Map([['k', 1]]), new Set([1, 2])", "Map(1) { 'k' => 1 } Set(2) { 1, 2 }")]
    [InlineData("Object.create(null)", "[Object: null prototype] {}")]
    [InlineData("new (class Point { constructor() { this.x = 1; } })()", "Point { x: 1 }")]
    [InlineData("{ get g() { return 1; }, set s(v) {} }", "{ g: [Getter], s: [Setter] }")]
    [InlineData("(function () { var o = { name: 'loop' }; o.self = o; return o; })()", "<ref *1> { name: 'loop', self: [Circular *1] }")]
    [InlineData("(function () { var a = [1]; a.push(a); var p = { x: {} }; p.x.up = p; p.x.me = p.x; return [a, p]; })()", "[\n  <ref *1> [ 1, [Circular *1] ],\n  <ref *2> { x: <ref *3> { up: [Circular *2], me: [Circular *3] } }\n]")]
    public async Task Log_Values_AreFormattedLikeNodeInspect(string arguments, string expected)
    {
        Assert.Equal(expected, await FormatAsync(arguments));
    }

    [Theory]
    [InlineData("'%s is %d years', 'Bob', 42", "Bob is 42 years")]
    [InlineData("'%i / %f', 42.9, '1.5'", "42 / 1.5")]
    [InlineData("'%j', { a: [1, 'x'] }", "{\"a\":[1,\"x\"]}")]
    [InlineData("'%o and %O', { a: 1 }, { b: 2 }", "{ a: 1 } and { b: 2 }")]
    [InlineData("'100%% sure %s'", "100% sure %s")]
    [InlineData("'%s', { a: { b: 1 } }", "{ a: [Object] }")]
    [InlineData("'%d', 'abc'", "NaN")]
    [InlineData("'%c styled', 'color: red'", " styled")]
    [InlineData("'%x stays', 1", "%x stays 1")]
    [InlineData("'%s', 'a', 'extra', { n: 1 }", "a extra { n: 1 }")]
    [InlineData("'%j', (function () { var o = {}; o.o = o; return o; })()", "[Circular]")]
    public async Task Log_FormatDirectives_AreSubstituted(string arguments, string expected)
    {
        Assert.Equal(expected, await FormatAsync(arguments));
    }

    [Fact]
    public async Task Log_Error_PrintsNameMessageAndStack()
    {
        var message = await FormatAsync("new TypeError('bad input')");

        Assert.StartsWith("TypeError: bad input\n    at ", message, StringComparison.Ordinal);
        Assert.Contains("hook.js:2:", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_Auth0ErrorWithOwnProperties_ShowsThem()
    {
        var message = await FormatAsync("new PreUserRegistrationError('denied', 'Sorry')");

        Assert.StartsWith("PreUserRegistrationError: denied\n", message, StringComparison.Ordinal);
        // As Node: the own name is left out (the stack shows it), and braces after a stack go over several lines.
        Assert.EndsWith(" {\n  friendlyMessage: 'Sorry'\n}", message, StringComparison.Ordinal);
        Assert.DoesNotContain("name: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_LongObject_BreaksIntoLines()
    {
        var message = await FormatAsync("{ first: 'aaaaaaaaaaaaaaaaaaaa', second: 'bbbbbbbbbbbbbbbbbbbb', third: 'cccccccccccccccccccc', fourth: 1 }");

        Assert.Equal("{\n  first: 'aaaaaaaaaaaaaaaaaaaa',\n  second: 'bbbbbbbbbbbbbbbbbbbb',\n  third: 'cccccccccccccccccccc',\n  fourth: 1\n}", message);
    }

    [Fact]
    public async Task Log_LargeArray_ShowsFirstHundredItems()
    {
        var message = await FormatAsync("new Array(150).fill(0)");

        Assert.EndsWith("... 50 more items\n]", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_OutputOverLimit_IsCutWithMarker()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MaxConsoleChars = 100 };

        var logs = await LogsOfAsync("for (var i = 0; i < 50; i++) console.log('line number ' + i);", limits);

        Assert.Equal(100, logs.Take(logs.Count - 1).Sum(l => l.Message.Length));
        var marker = logs[^1];
        Assert.Equal("warn", marker.Level);
        Assert.Equal("[console output truncated: the limit of 100 characters was reached]", marker.Message);
    }

    [Fact]
    public async Task Log_HugeSingleMessage_IsCutToLimit()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MaxConsoleChars = 1_000 };

        var logs = await LogsOfAsync("console.log('x'.repeat(100000));", limits);

        Assert.Equal(2, logs.Count);
        Assert.Equal(1_000, logs[0].Message.Length);
        Assert.Contains("truncated", logs[1].Message, StringComparison.Ordinal);
    }
}
