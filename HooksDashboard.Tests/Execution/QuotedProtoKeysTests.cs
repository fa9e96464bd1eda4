using Acornima;
using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution;

/// <summary>
/// The quoted <c>"__proto__"</c> keys of object literals unquoted in place (<see cref="QuotedProtoKeys"/>); behaviour
/// against node is in <c>Cases/proto_keys.js</c>.
/// </summary>
public class QuotedProtoKeysTests
{
    private static string? Rewrite(string source) => QuotedProtoKeys.Rewrite(new Parser().ParseScript(source), source);

    [Fact]
    public void Rewrite_QuotedKeys_UnquotedWithTheSamePositions()
    {
        const string source = "var a = {\n  \"__proto__\": null, x: { '__proto__': b } };";

        var rewritten = Rewrite(source);

        Assert.Equal("var a = {\n  __proto__  : null, x: { __proto__  : b } };", rewritten);
        Assert.Equal(source.Length, rewritten!.Length);
    }

    [Theory]
    [InlineData("var a = { __proto__: null };")] // already the special form
    [InlineData("var a = { [\"__proto__\"]: null };")] // computed: an own property, as in V8
    [InlineData("var a = { \"__proto__\"() {} };")] // a method: an own property
    [InlineData("var { \"__proto__\": p } = o;")] // a pattern has no special key
    [InlineData("var s = \"__proto__\";")]
    public void Rewrite_OtherShapes_Unchanged(string source) => Assert.Null(Rewrite(source));
}
