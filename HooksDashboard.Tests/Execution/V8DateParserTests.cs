using HooksDashboard.Execution;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution;

/// <summary>
/// <c>Date.parse</c> reads strings as Node's V8 does (<see cref="V8DateParser"/>). <c>Cases/date_parse.js</c> compares
/// ~970 chosen forms with node; this class pins the answers that were wrong before and compares thousands of random
/// strings built from date-like pieces with node where node is present.
/// </summary>
public class V8DateParserTests
{
    private readonly JintHookExecutor _executor = new();

    [Theory]
    [InlineData("Mon, 07 Dec 2026 10:00:00 GMT-0500", 1796655600000d)] // the offset was ignored
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT+01:00", -3600000d)]
    [InlineData("Mon Dec 07 2026 21:39:46 GMT+0100 (Central European Standard Time)", 1796675986000d)]
    [InlineData("12/07/2026 10:00:00 EST", 1796655600000d)]
    [InlineData("2026-02-30", 1772409600000d)] // a day up to 31 rolls over into March
    [InlineData("June 31, 2026", 1782864000000d)]
    [InlineData("Dec 7", 1007683200000d)] // no year is 2001, as in V8
    [InlineData("2026-12-07 10:00:00", 1796637600000d)] // local time, and hooks run in UTC
    [InlineData("2026-12-07T10:00:00.123456789Z", 1796637600123d)]
    [InlineData("+275760-09-13T00:00:00Z", 8.64e15)]
    public async Task DateParse_ReadsTheStringAsV8Does(string text, double expected)
    {
        var result = await _executor.RunAsync($$"""
            module.exports = function (cb) { console.log(String(Date.parse({{Quote(text)}})), String(new Date({{Quote(text)}}).getTime())); cb(); };
            """);

        result.AssertSuccess();
        var text2 = expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{text2} {text2}", result.Logs.Single().Message);
    }

    [Theory]
    [InlineData("2026-13-01")] // was January 13th
    [InlineData("2026-12-07T25:00:00Z")]
    [InlineData("Dec 7 2026 10:00 +12345")]
    [InlineData("2026-12-07 foo")]
    [InlineData("Dec 7 2026 )")]
    [InlineData("+275760-09-13T00:00:00.001Z")]
    [InlineData("-000000-01-01T00:00:00Z")]
    [InlineData("")]
    public async Task DateParse_WhatV8Refuses_IsNaN(string text)
    {
        var result = await _executor.RunAsync($$"""
            module.exports = function (cb) { console.log(String(Date.parse({{Quote(text)}})), String(new Date({{Quote(text)}}))); cb(); };
            """);

        result.AssertSuccess();
        Assert.Equal("NaN Invalid Date", result.Logs.Single().Message);
    }

    [Fact]
    public async Task DateParse_RandomDateLikeStrings_MatchNode()
    {
        // Strings of 1-8 pieces drawn from numbers, separators, words and zones with a fixed seed: node and the
        // engine run the same generator, so the comparison needs no shared file.
        const string generator = """
            let seed = 7; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
            const parts = ['2026','12','7','07','-','/',' ',':','.','T','Z','+','-0500','+05:30','GMT','UTC','EST','PM','am',
              'Dec','December','Mon,','(x)',')','(','31','1','24','00','99','0','123','1970','+002026','.5','.123456','::',
              '\u00a0','t','z','Jan','Febr','x','12345','\n',',','pdt','ut','mar','\u2028','60','13','-08:00','UT+2'];
            const strings = [];
            for (let i = 0; i < 3000; i++) {
              let s = ''; const n = 1 + Math.floor(rnd() * 8);
              for (let j = 0; j < n; j++) s += parts[Math.floor(rnd() * parts.length)];
              strings.push(s);
            }
            const answers = strings.map(s => JSON.stringify(s) + ' ' + Date.parse(s)).join('\n');
            """;
        var result = await _executor.RunAsync(generator + "module.exports = function (cb) { console.log(answers); cb(); };");

        result.AssertSuccess();
        if (NodeOracle.RunScript(generator + "console.log(answers);") is not { } node)
        {
            return; // without node, Cases/date_parse.out still compares the chosen forms
        }

        var expected = node.TrimEnd('\n').Split('\n');
        var actual = result.Logs.Single().Message.Split('\n');
        Assert.Equal(expected.Length, actual.Length);
        var differences = expected.Zip(actual).Where(p => p.First != p.Second).Take(10).ToList();
        Assert.True(differences.Count == 0, string.Join('\n', differences.Select(d => $"node: {d.First}\nours: {d.Second}")));
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
