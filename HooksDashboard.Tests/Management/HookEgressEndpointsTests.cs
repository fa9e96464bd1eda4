using System.Net;
using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Management;

public sealed class HookEgressEndpointsTests(ManagementApiFixture app) : ManagementApiTestBase(app)
{
    [Fact]
    public async Task Egress_PutThenGet_ReturnsTheNormalizedPolicyAndAuditsTheChange()
    {
        var hook = await CreateHookAsync();
        var path = $"/api/v2/hooks/{hook["id"]}/egress";

        var (initial, initialBody) = await SendAsync(HttpMethod.Get, path);
        var (put, putBody) = await SendAsync(HttpMethod.Put, path, """{"allow":["API.Slack.com","*.twilio.com"],"ports":[443],"schemes":["https"]}""");
        var (_, read) = await SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, initial);
        Assert.Equal("""{"allow":[],"deny":[],"ports":[],"schemes":[]}""", initialBody!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, put);
        const string Expected = """{"allow":["*.twilio.com","api.slack.com"],"deny":[],"ports":[443],"schemes":["https"]}""";
        Assert.Equal(Expected, putBody!.ToJsonString());
        Assert.Equal(Expected, read!.ToJsonString());
        var history = await App.Services.GetRequiredService<IHookAuditLog>().ListForHookAsync((string)hook["id"]!);
        var entry = Assert.Single(history, e => e.Action == HookAuditActions.EgressPolicyChanged);
        Assert.Equal("Egress policy set: allow *.twilio.com, api.slack.com; ports 443; schemes https (was: no restriction beyond the global policy).", entry.Details);
    }

    [Fact]
    public async Task Egress_PolicyOfTheHook_RefusesItsTestRunsRequestOutsideIt()
    {
        var hook = await CreateHookAsync();
        await SendAsync(HttpMethod.Put, $"/api/v2/hooks/{hook["id"]}/egress", """{"allow":["api.example.com"]}""");
        const string Script = """
            module.exports = async function (client, scope, audience, context, cb) {
              try { await fetch('http://93.184.215.14/'); cb(null, {}); } catch (e) { cb(new Error(e.cause.code + ': ' + e.cause.message)); }
            };
            """;

        var result = await App.Services.GetRequiredService<IHookRunner>().TestAsync((string)hook["id"]!, Script, null);

        Assert.Equal("EEGRESS: The egress policy refused GET http://93.184.215.14/: 93.184.215.14 is not on the hook's egress allow list (api.example.com)", result.Error!.Message);
    }

    [Theory]
    [InlineData("""{"allow":["a b"]}""", "allow: 'a b' is neither a host name")]
    [InlineData("""{"ports":[70000]}""", "ports: 70000 is not a TCP port")]
    [InlineData("""{"other":[]}""", "Unknown egress policy property 'other'")]
    public async Task Put_InvalidPolicy_400NamingTheEntry(string json, string message)
    {
        var hook = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Put, $"/api/v2/hooks/{hook["id"]}/egress", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", message);
    }

    [Fact]
    public async Task Get_UnknownHook_404()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/api/v2/hooks/01NOSUCHHOOK0000000000000000/egress");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, 404, "HookDoesNotExist", "Hook not found");
    }
}
