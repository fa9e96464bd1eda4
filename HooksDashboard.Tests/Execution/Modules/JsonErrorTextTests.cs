using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>Node 20's <c>JSON.parse</c> messages (V8 11), which a broken <c>.json</c> file in a package shows; expectations printed by node.</summary>
public class JsonErrorTextTests
{
    [Theory]
    [InlineData("{\"a\": }\n", "Unexpected token '}', \"{\"a\": }\n\" is not valid JSON")]
    [InlineData("", "Unexpected end of JSON input")]
    [InlineData("{", "Expected property name or '}' in JSON at position 1")]
    [InlineData("{\"a\":1,}", "Expected double-quoted property name in JSON at position 7")]
    [InlineData("[1,]", "Unexpected token ']', \"[1,]\" is not valid JSON")]
    [InlineData("{\"a\" 1}", "Expected ':' after property name in JSON at position 5")]
    [InlineData("\"abc", "Unterminated string in JSON at position 4")]
    [InlineData("\"a\u0001\"", "Bad control character in string literal in JSON at position 2")]
    [InlineData("\"\\x\"", "Bad escaped character in JSON at position 2")]
    [InlineData("\"\\u12\"", "Bad Unicode escape in JSON at position 5")]
    [InlineData("1 2", "Unexpected non-whitespace character after JSON at position 2")]
    [InlineData("-", "No number after minus sign in JSON at position 1")]
    [InlineData("1.", "Unterminated fractional number in JSON at position 2")]
    [InlineData("1e", "Exponent part is missing a number in JSON at position 2")]
    [InlineData("01", "Unexpected number in JSON at position 1")]
    [InlineData("tru", "Unexpected end of JSON input")]
    [InlineData("NaN", "\"NaN\" is not valid JSON")]
    [InlineData("{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": x}", "Unexpected token 'x', ...\"aaaaaaa\": x}\" is not valid JSON")]
    [InlineData("[1,2,3,4,5,6,7,8,9,10,11,12,13,x]", "Unexpected token 'x', ...\",11,12,13,x]\" is not valid JSON")]
    [InlineData("{\"a\":1,\"bbbbbbbb\":x}", "Unexpected token 'x', \"{\"a\":1,\"bbbbbbbb\":x}\" is not valid JSON")]
    [InlineData("{\"a\":1,\"bbbbbbbbb\":x}", "Unexpected token 'x', ...\"bbbbbbbb\":x}\" is not valid JSON")]
    [InlineData("{\"a\":1 \"b\":2}", "Expected ',' or '}' after property value in JSON at position 7")]
    [InlineData("[1 2]", "Expected ',' or ']' after array element in JSON at position 3")]
    [InlineData("{\"\":1,\"b\":tru}", "Unexpected token '}', \"{\"\":1,\"b\":tru}\" is not valid JSON")]
    [InlineData("0x10", "Unexpected non-whitespace character after JSON at position 1")]
    public void Describe_InvalidJson_ReturnsNodesMessage(string source, string expected) =>
        Assert.Equal(expected, JsonErrorText.Describe(source));

    [Theory]
    [InlineData("{\"a\": [1, -2.5e+3, true, false, null, \"\\u00e9\\n\"]}")]
    [InlineData(" 0 ")]
    public void Describe_ValidJson_ReturnsNull(string source) => Assert.Null(JsonErrorText.Describe(source));
}
