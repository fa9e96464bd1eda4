using System.Text.Json;
using System.Text.Json.Nodes;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>Auth0's error bodies, one per API family, and the absence of stack traces.</summary>
public static class ApiErrorShapes
{
    /// <summary>Asserts <paramref name="text"/> is the error body of the API at <paramref name="path"/> with <paramref name="status"/>.</summary>
    public static void AssertShape(string path, int status, string text)
    {
        AssertNoStackTrace(text);
        JsonObject body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            Assert.Fail($"{path} answered {status} with a body that is not a JSON object: {Truncate(text)}");
            return;
        }
        if (path.StartsWith("/oauth", StringComparison.Ordinal) || path.StartsWith("/.well-known", StringComparison.Ordinal))
        {
            Assert.True(IsString(body["error"]) && IsString(body["error_description"]), $"{path}: not {{error, error_description}}: {Truncate(text)}");
        }
        else if (path.StartsWith("/dbconnections", StringComparison.Ordinal))
        {
            Assert.True(IsString(body["name"]) && IsString(body["code"]) && body["description"] is not null, $"{path}: not {{name, code, description, statusCode}}: {Truncate(text)}");
            Assert.Equal(status, (int)body["statusCode"]!);
        }
        else if (path.StartsWith("/api/v2", StringComparison.Ordinal))
        {
            Assert.True(IsString(body["error"]) && IsString(body["message"]), $"{path}: not {{statusCode, error, message, errorCode}}: {Truncate(text)}");
            Assert.Equal(status, (int)body["statusCode"]!);
        }
        else
        {
            Assert.Fail($"{path} is not an API path");
        }
    }

    /// <summary>No .NET stack frame nor exception type name in an answer.</summary>
    public static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
    }

    private static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
