using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Logs;

namespace HooksDashboard.Tests.Logs;

/// <summary>
/// The execution log's payload redaction (one pass from reader to writer) against what the document-based redaction it
/// replaced produced, byte for byte (<see cref="DocumentRedaction"/> is that code, kept here as the reference).
/// </summary>
public sealed class PayloadRedactorTests
{
    private static readonly SecretRedactor Secrets = SecretRedactor.For(new Dictionary<string, string>
    {
        ["API_KEY"] = "sk_live_12345",
        ["SHORT"] = "abc", // below the minimum length: never scrubbed
        ["UNICODE"] = "clé-secrète",
        ["INNER"] = "live_12", // inside API_KEY: the longer one wins
    });

    public static TheoryData<string> EdgePayloads => new()
    {
        "null",
        "true",
        "42",
        "-0",
        "1.0e+400",
        "\"sk_live_12345\"",
        "[]",
        "{}",
        """{"password":"p","user":{"password":null,"Password":"q","pwd":1,"db_passwd":[1,2],"accessToken":{"a":1},"clientSecret":"x"}}""",
        """{"context":{"webtask":{"secrets":{"K":"sk_live_12345"}},"connection":{"id":"c"},"other":{"webtask":"kept"}},"webtask":"kept at the top"}""",
        """{"context":[{"webtask":"kept: context is not an object"}],"x":{"context":{"webtask":"kept: not the top"}}}""",
        """{"a":[[[{"token":"t","b":[{"secret":"s","c":"sk_live_12345 and live_12 and clé-secrète"}]}]]],"n":[1,2.50,-3e2,null,true,false]}""",
        // Escaped names and values: a name spelt with escapes is the same name.
        """{"p\u0061ssword":"x","\u0074oken":"y","tab\tquote\"slash\/":"\u00e9\ud83d\ude00<>&'+","caf\u00e9":"caf\u00e9"}""",
        // Case folding of OrdinalIgnoreCase: the long s (U+017F) upper-cases to S.
        """{"pa\u017Fsword":"folded","PASSWD":"upper","tokens":["a","b"]}""",
        // Secret values in names: the property moves to the end under the scrubbed name...
        """{"first":1,"key sk_live_12345":"v1","last":{"sk_live_12345":"inner"},"z":2}""",
        // ...and is left out when that name is already taken.
        """{"key [redacted]":"original","key sk_live_12345":"renamed"}""",
        """{"a sk_live_12345":1,"a clé-secrète":2,"b":3}""",
        """{"secret sk_live_12345":"both","password":"sk_live_12345"}""",
        " \r\n\t{ \"a\" : [ 1 , { } ] } \n",
        "\"" + new string('x', 200_000) + "sk_live_12345" + new string('é', 100_000) + "\"",
        "{\"" + new string('n', 5_000) + "password\":\"long name\",\"" + new string('m', 300) + "\\u0041\":\"escaped long name\"}",
        "{\"big\":\"" + string.Concat(Enumerable.Repeat("\\u00e9\\n", 50_000)) + "\"}",
    };

    [Theory]
    [MemberData(nameof(EdgePayloads))]
    public void RedactPayload_EdgeCases_SameAsTheDocumentRedaction(string payload)
    {
        foreach (var sensitive in new[] { true, false })
        {
            foreach (var secrets in new[] { Secrets, SecretRedactor.None })
                Assert.Equal(DocumentRedaction(payload, sensitive, secrets), PayloadRedactor.RedactPayload(payload, sensitive, secrets));
        }
    }

    // Payloads as a client may send them: non-ASCII and HTML characters unescaped.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void RedactPayload_RandomPayloads_SameAsTheDocumentRedaction()
    {
        var random = new Random(20261206);
        for (var i = 0; i < 2_000; i++)
        {
            var payload = RandomValue(random, depth: 0)?.ToJsonString(Relaxed) ?? "null";
            var sensitive = random.Next(2) == 0;
            var secrets = random.Next(3) == 0 ? SecretRedactor.None : Secrets;
            Assert.Equal(DocumentRedaction(payload, sensitive, secrets), PayloadRedactor.RedactPayload(payload, sensitive, secrets));
        }
    }

    [Fact]
    public void RedactPayload_Nested_RedactsAtEveryDepth()
    {
        var payload = """{"user":{"app_metadata":{"list":[{"deep":[{"refresh_token":"rt","keep":"sk_live_12345"}]}]}}}""";

        var stored = JsonNode.Parse(PayloadRedactor.RedactPayload(payload, true, Secrets)!)!;

        var deep = stored["user"]!["app_metadata"]!["list"]![0]!["deep"]![0]!;
        Assert.Equal(PayloadRedactor.Redacted, (string?)deep["refresh_token"]);
        Assert.Equal(PayloadRedactor.Redacted, (string?)deep["keep"]);
    }

    [Fact]
    public void RedactPayload_EscapedSensitiveName_IsRedacted()
    {
        var stored = PayloadRedactor.RedactPayload("""{"\u0050assword":"hunter2"}""", true, SecretRedactor.None)!;

        Assert.Equal("""{"Password":"[redacted]"}""", stored);
    }

    [Fact]
    public void RedactPayload_TestPanelRun_KeepsSensitiveNamesButRemovesWebtask()
    {
        var stored = PayloadRedactor.RedactPayload("""{"password":"p","context":{"webtask":{"secrets":{}},"id":1}}""", false, SecretRedactor.None);

        Assert.Equal("""{"password":"p","context":{"id":1}}""", stored);
    }

    [Fact]
    public void RedactPayload_HugeSecretString_IsScrubbedWhole()
    {
        var huge = new string('a', 3_000_000) + "sk_live_12345" + new string('b', 10);

        var stored = PayloadRedactor.RedactPayload(JsonSerializer.Serialize(new { note = huge }), true, Secrets)!;

        Assert.DoesNotContain("sk_live_12345", stored, StringComparison.Ordinal);
        Assert.EndsWith("a[redacted]bbbbbbbbbb\"}", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"password\":\"hunter2\"")] // not closed
    [InlineData("{\"password\":\"hunter2\"}}")] // trailing text
    [InlineData("{\"password\":\"hunter2\"} sk_live_12345")]
    [InlineData("{'password':'hunter2'}")]
    [InlineData("{\"password\":\"hunter2\",}")]
    [InlineData("{\"a\":\"\\ud800\"}")] // an escaped lone surrogate
    [InlineData("[1,2 sk_live_12345")]
    [InlineData("sk_live_12345")]
    public void RedactPayload_NotJson_StoresAPlaceholderNothingOfTheText(string payload)
    {
        var stored = PayloadRedactor.RedactPayload(payload, true, Secrets);

        Assert.Equal(PayloadRedactor.InvalidPayload, stored);
        Assert.Equal("[redacted: the payload was not valid JSON]", JsonNode.Parse(stored!)!.GetValue<string>());
    }

    [Fact]
    public void RedactPayload_UnpairedSurrogateInTheText_StoresThePlaceholder()
    {
        Assert.Equal(PayloadRedactor.InvalidPayload, PayloadRedactor.RedactPayload("{\"a\":\"\ud800\"}", true, Secrets));
    }

    [Fact]
    public void RedactPayload_DeeperThanTheParserAllows_StoresThePlaceholder()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70));

        Assert.Equal(PayloadRedactor.InvalidPayload, PayloadRedactor.RedactPayload(deep, true, Secrets));
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(deep)); // the document redaction refused it too (by throwing)
    }

    [Fact]
    public void RedactPayload_Null_IsNull()
    {
        Assert.Null(PayloadRedactor.RedactPayload(null, true, Secrets));
    }

    private static readonly string[] Names =
    [
        "a", "b", "email", "password", "Password", "user_pwd", "refresh_token", "clientSecret", "context", "webtask", "id",
        "key sk_live_12345", "key [redacted]", "clé-secrète", "x live_12 y", "é\"\\\n", "\u017Fecret", "[redacted]",
    ];

    private static readonly string[] Strings =
    [
        "", "plain", "sk_live_12345", "pre sk_live_12345 post", "live_12", "clé-secrète!", "abc", "<script>&'\"\\\u0001",
        "emoji 😀", "[redacted]", "multi\nline\ttab",
    ];

    private static JsonNode? RandomValue(Random random, int depth)
    {
        var kind = random.Next(depth > 5 ? 4 : 7);
        switch (kind)
        {
            case 0:
                return null;
            case 1:
                return JsonValue.Create(Strings[random.Next(Strings.Length)]);
            case 2:
                return JsonValue.Create(random.Next(3) == 0 ? random.NextDouble() * 1e6 : random.Next(-1000, 1000));
            case 3:
                return JsonValue.Create(random.Next(2) == 0);
            case 4:
            {
                var array = new JsonArray();
                for (var i = random.Next(4); i > 0; i--)
                    array.Add(RandomValue(random, depth + 1));
                return array;
            }
            default:
            {
                var obj = new JsonObject();
                for (var i = random.Next(6); i > 0; i--)
                    obj[Names[random.Next(Names.Length)]] = RandomValue(random, depth + 1);
                if (depth == 0 && random.Next(2) == 0)
                    obj["context"] = new JsonObject { ["webtask"] = RandomValue(random, 2), ["id"] = RandomValue(random, 2) };
                return obj;
            }
        }
    }

    /// <summary>The redaction before it streamed: parse to a document, edit it, write it back.</summary>
    private static string? DocumentRedaction(string? payloadJson, bool redactSensitiveNames, SecretRedactor secrets)
    {
        if (payloadJson is null)
            return null;
        var node = JsonNode.Parse(payloadJson);
        if (node is JsonObject root && root["context"] is JsonObject context)
            context.Remove("webtask");
        if (redactSensitiveNames)
            RedactSensitiveNames(node);
        node = secrets.Redact(node);
        return node?.ToJsonString() ?? "null";

        static void RedactSensitiveNames(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj.ToList())
                    {
                        if (PayloadRedactor.IsSensitiveName(name) && child is not null)
                            obj[name] = PayloadRedactor.Redacted;
                        else
                            RedactSensitiveNames(child);
                    }
                    break;
                case JsonArray array:
                    foreach (var child in array)
                        RedactSensitiveNames(child);
                    break;
            }
        }
    }
}
