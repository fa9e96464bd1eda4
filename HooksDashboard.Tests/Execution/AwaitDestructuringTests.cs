using Acornima;
using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution;

/// <summary>
/// The text <see cref="AwaitDestructuring"/> gives Jint (its effect on running code is compared with node in
/// Cases/async_destructuring.js): directives stay first, lines stay where they were, and nothing else changes.
/// </summary>
public sealed class AwaitDestructuringTests
{
    private const string T = AwaitDestructuring.Temporary;

    private static string? Rewrite(string source) => AwaitDestructuring.Rewrite(new Parser().ParseScript(source), source);

    [Theory]
    [InlineData("async function f() { const { a } = await g(); return a; }")]
    [InlineData("async function f() { let a; a = await g(); ({ a } = h()); }")]
    [InlineData("async function f() { let a; ({ a } = await g); }", true)]
    [InlineData("function f() { let a; ({ a } = g(async () => await h())); }")]
    public void Rewrite_OnlyADestructuringAssignmentThatAwaits(string source, bool rewritten = false)
    {
        Assert.Equal(rewritten, Rewrite(source) is not null);
    }

    [Fact]
    public void Rewrite_DeclaresAfterTheDirectives()
    {
        var source = "async function f() { 'use strict'; \"x\"; let a; [a] = await g(); }";

        Assert.Equal($"async function f() {{ 'use strict'; \"x\"; var {T}; let a; ({T} = (await g()), [a] = {T}); }}", Rewrite(source));
    }

    [Fact]
    public void Rewrite_ArrowExpressionBody_BecomesABlockThatReturnsIt()
    {
        var source = "const f = async () => ({ a } = await g()), h = 1;";

        Assert.Equal($"const f = async () => {{ var {T}; return (({T} = (await g()), {{ a }} = {T})); }}, h = 1;", Rewrite(source));
    }

    [Fact]
    public void Rewrite_ArrowBodyOnTheNextLine_ReturnsItOnTheSameLine()
    {
        // "return" before a line break would return undefined (automatic semicolon insertion).
        var source = "const f = async () =>\n  [a] = await g();";

        Assert.Equal($"const f = async () =>\n  {{ var {T}; return ({T} = (await g()), [a] = {T}); }};", Rewrite(source));
    }

    [Fact]
    public void Rewrite_ArrowWithCommentsAroundItsToken_StillRewritten()
    {
        var source = "const f = async (/* => */ x) /* => */ => /* c */ [x] = await g();";

        Assert.Equal($"const f = async (/* => */ x) /* => */ => /* c */ {{ var {T}; return ({T} = (await g()), [x] = {T}); }};", Rewrite(source));
    }

    [Fact]
    public void Rewrite_GeneratorYield_Rewritten()
    {
        Assert.Equal($"function* g() {{ var {T}; let a; ({T} = (yield 1), [a] = {T}); }}", Rewrite("function* g() { let a; [a] = yield 1; }"));
    }

    [Fact]
    public void Rewrite_ValueOnTheLinesAfterThePattern_KeepsItsLine()
    {
        var source = "async function f() {\n  [a] =\n  /* x\n */ await g();\n  return a;\n}";

        var rewritten = Rewrite(source)!;

        Assert.Equal(source.Split('\n').Length, rewritten.Split('\n').Length);
        Assert.Contains("await g()", rewritten.Split('\n')[3], StringComparison.Ordinal);
        Assert.Equal("  return a;", rewritten.Split('\n')[4]);
    }

    [Fact]
    public void Rewrite_KeepsEveryLineWhereItWas()
    {
        var source = "async function f() {\n  let a, b;\n  ({ a,\n    b } = await g(\n    1));\n  return a;\n}\n";

        var rewritten = Rewrite(source)!;

        Assert.Equal(source.Split('\n').Length, rewritten.Split('\n').Length);
        Assert.Equal("  return a;", rewritten.Split('\n')[5]);
    }
}
