using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>A hook's own egress policy: parsing, and requests under it against a loopback server (the global policy allows 127.0.0.1).</summary>
public sealed class HookEgressPolicyTests : IAsyncLifetime
{
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string CatchCause = """
        catch (e) { return [e.name, e.message, e.cause && e.cause.code, e.cause && e.cause.message]; }
        """;

    private static HookEgressRules Rules(string[]? allow = null, string[]? deny = null, int[]? ports = null, string[]? schemes = null) =>
        HookEgressRules.For(new HookEgressPolicy(allow ?? [], deny ?? [], ports ?? [], schemes ?? []))!;

    private static Task<ExecutionResult> FetchAsync(string url, HookEgressRules? rules, HttpTransport? transport = null) =>
        new JintHookExecutor(transport ?? HttpTestExecutors.LoopbackAllowed).ExecuteAsync(new ExecutionRequest(
            "module.exports = async function (cb) { try { const r = await fetch('" + url + "'); cb(null, ['ok', r.status]); } catch (e) { cb(null, [e.name, e.message, e.cause && e.cause.code, e.cause && e.cause.message]); } };",
            [], ExecutorTestExtensions.TestLimits) { Egress = rules });

    [Fact]
    public void Normalize_MixedEntries_SortsLowersAndDeduplicates()
    {
        var policy = new HookEgressPolicy([" API.Slack.com ", "*.Twilio.com", "10.1.2.3", "203.0.113.0/24", "api.slack.com."], [], [443, 80, 443], ["HTTPS:"]).Normalize();

        Assert.Equal(["*.twilio.com", "10.1.2.3/32", "203.0.113.0/24", "api.slack.com"], policy.Allow);
        Assert.Equal([80, 443], policy.Ports);
        Assert.Equal(["https"], policy.Schemes);
        Assert.Equal(policy.ToJson(), HookEgressPolicy.FromJson(policy.ToJson()).ToJson());
    }

    [Theory]
    [InlineData("""{"allow":["api.example.com:443"]}""", "allow", "'api.example.com:443' is neither a host name")]
    [InlineData("""{"allow":["10.0.0.0/33"]}""", "allow", "'10.0.0.0/33' is neither")]
    [InlineData("""{"deny":["bad host"]}""", "deny", "'bad host' is neither")]
    [InlineData("""{"ports":[0]}""", "ports", "0 is not a TCP port")]
    [InlineData("""{"ports":["443"]}""", "ports", "\"443\" is not a TCP port")]
    [InlineData("""{"schemes":["ftp"]}""", "schemes", "'ftp' is not http or https")]
    [InlineData("""{"allowed":[]}""", "allowed", "Unknown egress policy property 'allowed'")]
    [InlineData("""[]""", "policy", "must be a JSON object")]
    [InlineData("""{"allow":"x"}""", "allow", "allow must be an array of strings")]
    public void FromJson_InvalidPolicy_NamesTheFieldAndEntry(string json, string field, string message)
    {
        var ex = Assert.Throws<HookEgressPolicyException>(() => HookEgressPolicy.FromJson(json));

        Assert.Equal(field, ex.Field);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_EmptyPolicy_IsNullSoTheGlobalPoolServesIt()
    {
        Assert.Null(HookEgressRules.For(HookEgressPolicy.Unrestricted));
        Assert.Null(HookEgressRules.For(null));
    }

    [Fact]
    public async Task Fetch_HostOutsideTheHookAllowList_FailsLikeARefusedConnectionNamingThePolicy()
    {
        var result = await FetchAsync($"{_server.Url}/echo", Rules(allow: ["api.slack.com"]));

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("TypeError", (string?)data[0]);
        Assert.Equal("fetch failed", (string?)data[1]);
        Assert.Equal("EEGRESS", (string?)data[2]);
        Assert.Equal($"The egress policy refused GET {_server.Url}/echo: 127.0.0.1 is not on the hook's egress allow list (api.slack.com)", (string?)data[3]);
        Assert.Equal(0, _server.Requests);
        Assert.StartsWith("EEGRESS", Assert.Single(result.Requests).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_HostOnTheHookAllowListAndPort_Reaches()
    {
        var result = await FetchAsync($"{_server.Url}/echo", Rules(allow: ["127.0.0.1"], ports: [_server.Port], schemes: ["http"]));

        Assert.Equal("ok", (string?)result.AssertSuccess()![0]);
        Assert.Equal(1, _server.Requests);
    }

    [Theory]
    [InlineData("ports", "port {0} is not in the hook's egress policy (ports 443)")]
    [InlineData("schemes", "the scheme http: is not in the hook's egress policy (schemes https)")]
    [InlineData("deny", "127.0.0.1 is on the hook's egress deny list")]
    public async Task Fetch_OutsideThePolicysPortsSchemesOrDenyList_Refused(string kind, string why)
    {
        var rules = kind switch
        {
            "ports" => Rules(ports: [443]),
            "schemes" => Rules(schemes: ["https"]),
            _ => Rules(deny: ["127.0.0.0/8"]),
        };

        var result = await FetchAsync($"{_server.Url}/echo", rules);

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("EEGRESS", (string?)data[2]);
        Assert.EndsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, why, _server.Port), (string?)data[3], StringComparison.Ordinal);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Fetch_HookAllowsLoopbackButTheGlobalPolicyDoesNot_StillRefused()
    {
        using var transport = new HttpTransport(EgressPolicy.Default);

        var result = await FetchAsync($"{_server.Url}/echo", Rules(allow: ["127.0.0.1"]), transport);

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("EEGRESS", (string?)data[2]);
        Assert.EndsWith("127.0.0.1 is a loopback address (127.0.0.0/8)", (string?)data[3], StringComparison.Ordinal);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Fetch_NameResolvingIntoAnAllowedRange_Reaches()
    {
        var result = await FetchAsync($"http://localhost:{_server.Port}/echo", Rules(allow: ["127.0.0.0/8"]));

        Assert.Equal("ok", (string?)result.AssertSuccess()![0]);
    }

    [Fact]
    public async Task Fetch_KeptAliveConnectionOfAnotherPolicy_IsNotReused()
    {
        using var transport = new HttpTransport(new EgressPolicy(new EgressOptions { Allow = ["127.0.0.1"] }));
        var first = await FetchAsync($"http://localhost:{_server.Port}/echo", Rules(allow: ["localhost"]), transport);
        Assert.Equal("ok", (string?)first.AssertSuccess()![0]);

        // Same host and port, a policy that refuses it: a shared pool would hand over the open connection unchecked.
        var second = await FetchAsync($"http://localhost:{_server.Port}/echo", Rules(allow: ["10.0.0.0/8"]), transport);

        var data = second.AssertSuccess()!.AsArray();
        Assert.Equal("EEGRESS", (string?)data[2]);
        // localhost may also resolve to ::1, which the global policy refuses first; either way nothing is sent.
        Assert.Matches(@"localhost resolves to (127\.0\.0\.1 is not on the hook's egress allow list \(10\.0\.0\.0/8\)|::1 is a loopback address)", (string?)data[3]);
        Assert.Equal(1, _server.Requests);
        Assert.Equal(2, transport.PolicyPoolCount);
    }

    [Fact]
    public async Task HttpRequest_OutsideTheHookAllowList_EmitsErrorWithEgressCode()
    {
        var result = await new JintHookExecutor(HttpTestExecutors.LoopbackAllowed).ExecuteAsync(new ExecutionRequest(
            "module.exports = function (cb) { require('http').get('" + _server.Url + "/echo', function () { cb(null, 'answered'); }).on('error', function (e) { cb(null, [e.code, e.message]); }); };",
            [], ExecutorTestExtensions.TestLimits) { Egress = Rules(allow: ["*.example.com"]) });

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("EEGRESS", (string?)data[0]);
        Assert.EndsWith("127.0.0.1 is not on the hook's egress allow list (*.example.com)", (string?)data[1], StringComparison.Ordinal);
        Assert.Equal(0, _server.Requests);
    }
}
