using HooksDashboard.Execution;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution;

/// <summary>
/// <c>JSON.parse</c>'s errors in V8's words (<see cref="V8JsonErrors"/>). <c>Cases/json_parse_errors.js</c> compares chosen
/// inputs with node; here thousands of generated ones: valid documents with one character deleted, inserted or
/// replaced, and soups of JSON tokens, compared with node where it is installed.
/// </summary>
public class V8JsonErrorsTests
{
    private readonly JintHookExecutor _executor = new();

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Bad gateway</body></html>", "Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON")]
    [InlineData("{\"a\":1,}", "Expected double-quoted property name in JSON at position 7")]
    [InlineData("", "Unexpected end of JSON input")]
    [InlineData("undefined", "\"undefined\" is not valid JSON")]
    [InlineData("{\"a\":1} x", "Unexpected non-whitespace character after JSON at position 8")]
    [InlineData("0123456789012345678901234<567890123456789", "Unexpected number in JSON at position 1")]
    [InlineData("[\"01234567890123456789\", x, \"0123456789012345\"]", "Unexpected token 'x', ...\"3456789\", x, \"012345\"... is not valid JSON")]
    [InlineData("[\"01234567890123456789\", \"0123456789\", x", "Unexpected token 'x', ...\"3456789\", x\" is not valid JSON")]
    public void Describe_GivesV8sMessage(string text, string expected) => Assert.Equal(expected, V8JsonErrors.Describe(text));

    [Theory]
    [InlineData("{\"a\":[1,2,{\"b\":null}],\"c\":\"\\u00e9\\n\",\"d\":-1.5e+3,\"e\":true,\"f\":false}")]
    [InlineData("  [ ]  ")]
    [InlineData("\"\"")]
    [InlineData("-0")]
    public void Describe_ValidJson_IsNull(string text) => Assert.Null(V8JsonErrors.Describe(text));

    [Fact]
    public async Task JsonParse_GeneratedInvalidText_SameMessagesAsNode()
    {
        // Both sides run the same generator (fixed seed) and report each message; JSON.stringify keeps control characters intact.
        const string generator = """
            let seed = 11; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
            const pick = (list) => list[Math.floor(rnd() * list.length)];
            const docs = ['{"id":"auth0|5f1","email":"ann@example.com","app_metadata":{"roles":["admin","user"],"plan":null},"logins":12,"ratio":0.75,"verified":true}',
              '[{"a":1},{"b":[true,false,null]},"text with \\"quotes\\" and \\\\ and \\u00e9",-12.5e-3,0]', '{"error":"invalid_grant","error_description":"Wrong email or password."}'];
            const soup = ['{', '}', '[', ']', ':', ',', '"a"', '"', '\\', '\\u12', '\\x', '1', '0', '-', '.', 'e', '+', '01', 'true', 'tru', 'null', ' ', '\n', 'x', '<', "'", '\u0001', 'é', '中'];
            const inputs = [];
            for (let i = 0; i < 1200; i++) {
              const doc = pick(docs), at = Math.floor(rnd() * doc.length), kind = rnd();
              const ch = pick(['"', '}', ']', ',', ':', '\\', 'x', ' ', '0', '-', '.', 'e', '{', '[', '\u0002', "'"]);
              inputs.push(kind < 0.33 ? doc.slice(0, at) + doc.slice(at + 1) : kind < 0.66 ? doc.slice(0, at) + ch + doc.slice(at) : doc.slice(0, at) + ch + doc.slice(at + 1));
            }
            for (let i = 0; i < 800; i++) { let s = ''; const n = 1 + Math.floor(rnd() * 8); for (let j = 0; j < n; j++) s += pick(soup); inputs.push(s); }
            const answers = inputs.map((s) => { try { JSON.parse(s); return 'ok'; } catch (e) { return e.name + ': ' + e.message; } });
            """;
        var result = await _executor.RunAsync(generator + "module.exports = function (cb) { cb(null, JSON.stringify(answers)); };");

        var ours = System.Text.Json.JsonSerializer.Deserialize<string[]>(result.AssertSuccess()!.GetValue<string>())!;
        Assert.Equal(2000, ours.Length);
        if (NodeOracle.RunScript(generator + "console.log(JSON.stringify(answers));") is not { } node)
        {
            return; // without node, Cases/json_parse_errors.out still compares the chosen inputs
        }

        var expected = System.Text.Json.JsonSerializer.Deserialize<string[]>(node)!;
        var differences = expected.Zip(ours).Select((p, i) => (p.First, p.Second, i)).Where(p => p.First != p.Second).Take(10).ToList();
        Assert.True(differences.Count == 0, string.Join('\n', differences.Select(d => $"#{d.i} node: {d.First}\n   ours: {d.Second}")));
    }
}
