using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution;

public class ScriptCacheTests
{
    [Fact]
    public void GetOrParse_SameSource_ReturnsCachedParse()
    {
        var cache = new ScriptCache(capacity: 4);

        var first = cache.GetOrParse("module.exports = function (cb) { cb(); };");
        var second = cache.GetOrParse("module.exports = function (cb) { cb(); };");

        Assert.Same(first, second);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void GetOrParse_ChangedSource_ParsesFresh()
    {
        var cache = new ScriptCache(capacity: 4);

        var before = cache.GetOrParse("module.exports = function (cb) { cb(null, 1); };");
        var after = cache.GetOrParse("module.exports = function (cb) { cb(null, 2); };");

        Assert.NotSame(before, after);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void GetOrParse_OverCapacity_EvictsLeastRecentlyUsed()
    {
        var cache = new ScriptCache(capacity: 2);
        var a = cache.GetOrParse("var a;");
        cache.GetOrParse("var b;");
        cache.GetOrParse("var a;"); // a is now the most recent

        cache.GetOrParse("var c;"); // evicts b

        Assert.Equal(2, cache.Count);
        Assert.Same(a, cache.GetOrParse("var a;"));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void GetOrParse_SyntaxError_IsCachedAsDiagnostic()
    {
        var cache = new ScriptCache(capacity: 2);

        var parsed = cache.GetOrParse("var = 1;");

        Assert.Null(parsed.Script);
        Assert.NotNull(parsed.Error);
        Assert.Equal(1, parsed.Error.Line);
        Assert.Same(parsed, cache.GetOrParse("var = 1;"));
    }

    [Theory]
    [InlineData("var r = /a+/g;", true)]
    [InlineData("function f() { return 'a'.split(/,/); }", true)]
    [InlineData("var r = new RegExp('a+');", false)]
    [InlineData("var s = '/not a regex/';", false)]
    public void GetOrParse_RegExpLiteral_IsDetected(string source, bool expected)
    {
        Assert.Equal(expected, new ScriptCache(capacity: 2).GetOrParse(source).HasRegExpLiteral);
    }
}
