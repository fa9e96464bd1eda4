using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>What <c>url</c> does beyond the console output the <c>Cases/url*.js</c> snippets compare with Node.</summary>
public class NodeUrlTests
{
    private readonly JintHookExecutor _executor = new();

    [Fact]
    public async Task ExecuteAsync_LegacyParseOfInvalidHosts_WarnsDep0170OncePerInvocation()
    {
        const string Script = """
            var url = require('url');
            var first = url.parse('http://h:1:2/');
            var second = url.parse('http://a:b@h:x/');
            module.exports = function (cb) { setTimeout(function () { cb(null, first.hostname + first.pathname + ' ' + second.host + second.pathname); }, 0); };
            """;

        var first = await _executor.RunAsync(Script);
        var second = await _executor.RunAsync(Script);

        Assert.Equal("h/:1/ h/:x/", first.AssertSuccess()!.GetValue<string>());
        foreach (var result in new[] { first, second })
        {
            var line = Assert.Single(result.Logs);
            Assert.Equal("warn", line.Level);
            Assert.Equal("(node:1) [DEP0170] DeprecationWarning: The URL http://h:1:2/ is invalid. Future versions of Node.js will throw an error.\n(Use `node --trace-deprecation ...` to show where the warning was created)", line.Message);
        }
    }

    [Theory]
    [InlineData("http://xn--a.com/", "Invalid URL")]
    [InlineData("http://a\u0000b/", "Invalid URL")]
    [InlineData("http://\u00AD/", "Invalid URL")]
    public async Task ExecuteAsync_UnusableHost_ThrowsInvalidUrlWithInput(string input, string message)
    {
        var result = await _executor.RunAsync($$"""
            module.exports = function (cb) {
              try { new URL({{System.Text.Json.JsonSerializer.Serialize(input)}}); cb(null, 'parsed'); }
              catch (e) { cb(null, [e.name, e.code, e.message, e.input === {{System.Text.Json.JsonSerializer.Serialize(input)}}].join(' ')); }
            };
            """);

        Assert.Equal($"TypeError ERR_INVALID_URL {message} true", result.AssertSuccess()!.GetValue<string>());
    }
}
