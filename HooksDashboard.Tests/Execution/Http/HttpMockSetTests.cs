using HooksDashboard.Execution.Http;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Http;

public class HttpMockSetTests
{
    [Theory]
    [InlineData("POST", "https://api.example.com/v1/users?x=1", true)]
    [InlineData("post", "https://api.example.com/v1/users", true)]
    [InlineData("GET", "https://api.example.com/v1/users", false)]
    [InlineData("POST", "https://api.example.com/v2/users", false)]
    [InlineData("POST", "https://api.example.com.evil/v1/users", false)]
    public void Match_MethodAndGlobIgnoringQuery_MatchesOnlyTheRule(string method, string url, bool matches)
    {
        var set = HttpMockSet.Parse("""{ "rules": [ { "method": "POST", "url": "https://api.example.com/v1/*" } ] }""");

        Assert.Equal(matches, set.Match(method, url) is not null);
    }

    [Fact]
    public void Match_PatternWithQuery_ComparesTheQueryToo()
    {
        var set = HttpMockSet.Parse("""{ "rules": [ { "url": "https://a.example/x?page=*" } ] }""");

        Assert.NotNull(set.Match("GET", "https://a.example/x?page=2"));
        Assert.Null(set.Match("GET", "https://a.example/x"));
    }

    [Fact]
    public async Task Fetch_UnmatchedWithPassThrough_GoesToTheNetwork()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var mocks = HttpMockSet.Parse("""{ "rules": [ { "url": "https://mocked.example/*", "json": { "a": 1 } } ], "passThrough": true }""");

        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            var m = await fetch('https://mocked.example/x');
            var n = await fetch('{{server.Url}}/status/201');
            return [m.headers.get('content-type'), await m.json(), n.status];
            """, mocks: mocks);

        Assert.Equal("""["application/json",{"a":1},201]""", result.AssertSuccess()!.ToJsonString());
        Assert.Equal(1, server.Requests);
        Assert.Equal([true, false], result.Requests.Select(r => r.Mocked));
    }
}
