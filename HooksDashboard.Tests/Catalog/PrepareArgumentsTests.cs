using System.Text.Json.Nodes;
using HooksDashboard.Catalog;

namespace HooksDashboard.Tests.Catalog;

public class PrepareArgumentsTests
{
    private readonly HookCatalog _catalog = new();

    private string? ErrorOf(string triggerId, string json) =>
        _catalog.Find(triggerId)!.PrepareArguments(JsonNode.Parse(json)).Error;

    [Theory]
    [InlineData("[]", "Body received by extensibility point is not an object")]
    [InlineData("\"x\"", "Body received by extensibility point is not an object")]
    [InlineData("{\"audience\":\"a\"}", "Body .client received by extensibility point is not an object")]
    [InlineData("{\"client\":\"c\",\"audience\":\"a\"}", "Body .client received by extensibility point is not an object")]
    [InlineData("{\"client\":{},\"scope\":\"read\",\"audience\":\"a\"}", "Body .scope received by extensibility point is neither empty nor an array")]
    [InlineData("{\"client\":{},\"scope\":{},\"audience\":\"a\"}", "Body .scope received by extensibility point is neither empty nor an array")]
    [InlineData("{\"client\":{},\"scope\":[]}", "Body .audience received by extensibility point is not a string")]
    [InlineData("{\"client\":{},\"scope\":[],\"audience\":5}", "Body .audience received by extensibility point is not a string")]
    public void CredentialsExchange_InvalidBody_GivesAuth0sMessage(string json, string message)
    {
        Assert.Equal(message, ErrorOf("credentials-exchange", json));
    }

    [Fact]
    public void CredentialsExchange_NullBody_IsNotAnObject()
    {
        Assert.Equal("Body received by extensibility point is not an object",
            _catalog.Find("credentials-exchange")!.PrepareArguments(null).Error);
    }

    [Fact]
    public void CredentialsExchange_EmptyScopeAndNoContext_BecomeEmptyArrayAndEmptyObject()
    {
        var args = _catalog.Find("credentials-exchange")!
            .PrepareArguments(JsonNode.Parse("""{"client":{"id":"c"},"scope":"","audience":"a","context":"nope"}"""))
            .Arguments!;

        Assert.Equal("[]", args[1]!.ToJsonString());
        Assert.Equal("a", (string?)args[2]);
        Assert.Equal("{}", args[3]!.ToJsonString());
    }

    [Fact]
    public void CredentialsExchange_ObjectContext_IsPassedThrough()
    {
        var args = _catalog.Find("credentials-exchange")!
            .PrepareArguments(JsonNode.Parse("""{"client":{},"scope":["a"],"audience":"x","context":{"ip":"1.2.3.4"}}"""))
            .Arguments!;

        Assert.Equal("1.2.3.4", (string?)args[3]!["ip"]);
    }

    [Fact]
    public void PrepareArguments_DoesNotAliasThePayload()
    {
        var payload = JsonNode.Parse("""{"user":{"a":1},"context":{"connection":{}}}""");
        var args = _catalog.Find("pre-user-registration")!.PrepareArguments(payload).Arguments!;

        args[1]!["webtask"] = new JsonObject();

        Assert.Null(payload!["context"]!["webtask"]);
    }

    [Theory]
    [InlineData("pre-user-registration")]
    [InlineData("post-user-registration")]
    [InlineData("post-change-password")]
    public void UserPoints_InvalidBody_GiveAuth0sMessages(string triggerId)
    {
        Assert.Equal("Body received by extensibility point is not an object", ErrorOf(triggerId, "1"));
        Assert.Equal("Body .user received by extensibility point is not an object", ErrorOf(triggerId, """{"context":{"connection":{}}}"""));
        Assert.Equal("Body .context received by extensibility point is not an object", ErrorOf(triggerId, """{"user":{}}"""));
        Assert.Equal("Body .context.connection received by extensibility point is not an object", ErrorOf(triggerId, """{"user":{},"context":{"connection":"x"}}"""));
        Assert.Null(ErrorOf(triggerId, """{"user":{},"context":{"connection":{}}}"""));
    }

    [Theory]
    [InlineData("recipient", "1", "Body .recipient received by extensibility point is not a string")]
    [InlineData("text", "null", "Body .text received by extensibility point is not a string")]
    [InlineData("context", "[]", "Body .context received by extensibility point is not an object")]
    [InlineData("context.language", "1", "Body .context.language received by extensibility point is not a string")]
    [InlineData("context.code", "123456", "Body .context.code received by extensibility point is not a string")]
    [InlineData("context.ip", "{}", "Body .context.ip received by extensibility point is not a string")]
    [InlineData("context.user_agent", "true", "Body .context.user_agent received by extensibility point is not a string")]
    [InlineData("context.message_type", "\"email\"", "Body .context.message_type received by extensibility point is not one of \"sms\", \"voice\"")]
    [InlineData("context.action", "\"login\"", "Body .context.action received by extensibility point is not one of \"enrollment\", \"second-factor-authentication\"")]
    [InlineData("context.client", "\"x\"", "Body .context.client received by extensibility point is not an object")]
    [InlineData("context.client.client_id", "1", "Body .context.client.client_id received by extensibility point is not a string")]
    [InlineData("context.client.name", "null", "Body .context.client.name received by extensibility point is not a string")]
    [InlineData("context.client.client_metadata", "\"x\"", "Body .context.client.client_metadata received by extensibility point is not an object")]
    [InlineData("context.user", "\"x\"", "Body .context.user received by extensibility point is not an object")]
    public void SendPhoneMessage_InvalidField_GivesMessage(string path, string value, string message)
    {
        var point = _catalog.Find("send-phone-message")!;
        var payload = JsonNode.Parse(point.SamplePayload)!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(payload, (node, part) => node[part]!);
        parent[parts[^1]] = JsonNode.Parse(value);

        Assert.Equal(message, point.PrepareArguments(payload).Error);
    }

    [Fact]
    public void SendPhoneMessage_WithoutClient_IsValid()
    {
        var point = _catalog.Find("send-phone-message")!;
        var payload = JsonNode.Parse(point.SamplePayload)!;
        payload["context"]!.AsObject().Remove("client");

        Assert.True(point.PrepareArguments(payload).IsValid);
    }
}
