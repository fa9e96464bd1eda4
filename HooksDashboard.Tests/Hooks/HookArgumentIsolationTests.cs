using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Tests.Execution;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Hooks;

/// <summary>
/// What a hook does to its arguments stays in its invocation: the runner hands the executor the payload's own nodes
/// (no copies) and the executor builds <c>context.webtask</c> from values kept per hook, so these tests pin that the
/// payload, the record, the next invocation (on the same warm engine) and another point's hook never see a change.
/// </summary>
public sealed class HookArgumentIsolationTests : IAsyncLifetime
{
    private StorageFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await StorageFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    // Records what it received (as JSON, before touching anything), then changes every argument it can reach.
    // `seen` is module state: on a warm engine it holds every invocation's view.
    private const string Mutating = """
        var seen = [];
        module.exports = function (client, scope, audience, context, cb) {
          var w = context.webtask;
          seen.push(JSON.stringify({ client: client, scope: scope, audience: audience, context: context,
            webtaskKeys: Object.keys(w), storage: typeof w.storage.get }));
          client.metadata.plan = 'changed';
          client.added = true;
          delete client.name;
          scope.push('extra:scope');
          w.secrets.KEY = 'changed';
          w.secrets.NEW = 'added';
          w.data.KEY = 'changed';
          w.meta['auth0-extension'] = 'changed';
          w.headers.h = 1;
          delete w.storage;
          context.added = 1;
          Object.freeze(w.query);
          Object.freeze(client.metadata);
          cb(null, { scope: ['read:things'], 'https://example.com/seen': seen });
        };
        """;

    private static JsonNode Payload() => JsonNode.Parse("""
        {"client":{"id":"c1","name":"Billing","tenant":"t","metadata":{"plan":"full"}},"scope":["read:things"],"audience":"https://api/","context":{}}
        """)!;

    [Fact]
    public async Task RunEnabledAsync_HookChangesItsArguments_PayloadRecordAndNextInvocationAreUnchanged()
    {
        var hook = await _fixture.Hooks.CreateAsync(new NewHook("Mutating", CredentialsExchangePoint.TriggerId, Mutating, Enabled: true));
        await _fixture.Hooks.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["KEY"] = "real" });
        // One payload object for both runs: what the first run did must not reach it, nor the second run.
        var payload = Payload();
        var given = payload.ToJsonString();

        await _fixture.Runner.RunEnabledAsync(CredentialsExchangePoint.TriggerId, payload, "r1");
        var second = await _fixture.Runner.RunEnabledAsync(CredentialsExchangePoint.TriggerId, payload, "r2");

        var seen = second!.AssertSuccess()!["https://example.com/seen"]!.AsArray();
        // Two views from one warm engine, and both the same: the second invocation got fresh arguments.
        Assert.Equal(2, seen.Count);
        Assert.Equal((string?)seen[0], (string?)seen[1]);
        var view = JsonNode.Parse((string)seen[1]!)!;
        Assert.Equal("""{"id":"c1","name":"Billing","tenant":"t","metadata":{"plan":"full"}}""", view["client"]!.ToJsonString());
        Assert.Equal("""["read:things"]""", view["scope"]!.ToJsonString());
        Assert.Equal("""{"KEY":"real"}""", view["context"]!["webtask"]!["secrets"]!.ToJsonString());
        Assert.Equal("""{"KEY":"real"}""", view["context"]!["webtask"]!["data"]!.ToJsonString());
        Assert.Equal("runtime", (string?)view["context"]!["webtask"]!["meta"]!["auth0-extension"]);
        Assert.Equal("{}", view["context"]!["webtask"]!["headers"]!.ToJsonString());
        Assert.Equal("""["secrets","meta","headers","query","body","data","storage"]""", view["webtaskKeys"]!.ToJsonString());
        Assert.Equal("function", (string?)view["storage"]);
        // The caller's payload, and what the log recorded for both runs, is the payload as given.
        Assert.Equal(given, payload.ToJsonString());
        await _fixture.Log.FlushAsync();
        var page = await _fixture.LogQuery.ListAsync(ExecutionLogFilter.All with { HookId = hook.Id }, ExecutionLogPageRequest.First(10));
        Assert.Equal(2, page.Items.Count);
        foreach (var item in page.Items)
            Assert.Equal(given, (await _fixture.LogQuery.GetAsync(item.Id))!.Payload);
    }

    [Fact]
    public async Task RunAsync_OneSecretsObjectOnTwoPoints_EachHookGetsItsOwnPointsWebtask()
    {
        // The runner keeps context.webtask's fixed part with the secrets object: another point's hook using the same
        // secrets object must still get its own meta, and a hook changing its secrets must not reach the other.
        var secrets = new Dictionary<string, string> { ["KEY"] = "real" };
        const string UserHook = """
            module.exports = function (user, context, cb) {
              var w = context.webtask;
              cb(null, { name: w.meta['auth0-extension-name'], key: w.secrets.KEY });
            };
            """;

        var first = await _fixture.Runner.RunAsync(new HookInvocation(CredentialsExchangePoint.TriggerId, Mutating, Payload(), secrets, InvocationSource.Test));
        var other = await _fixture.Runner.RunAsync(new HookInvocation(PostChangePasswordPoint.TriggerId, UserHook, null, secrets, InvocationSource.Test));
        var again = await _fixture.Runner.RunAsync(new HookInvocation(CredentialsExchangePoint.TriggerId, Mutating, Payload(), secrets, InvocationSource.Test));

        first.AssertSuccess();
        Assert.Equal("""{"name":"post-change-password","key":"real"}""", other.AssertSuccess()!.ToJsonString());
        var view = JsonNode.Parse((string)again.AssertSuccess()!["https://example.com/seen"]![0]!)!;
        Assert.Equal("credentials-exchange", (string?)view["context"]!["webtask"]!["meta"]!["auth0-extension-name"]);
        Assert.Equal("real", (string?)view["context"]!["webtask"]!["secrets"]!["KEY"]);
    }

    [Fact]
    public async Task RunAsync_PayloadContextWithWebtask_IsReplacedInItsPlaceAndPayloadKeepsIt()
    {
        const string Script = """
            module.exports = function (client, scope, audience, context, cb) {
              cb(null, { keys: Object.keys(context), forged: context.webtask.secrets.KEY, ip: context.ip });
            };
            """;
        var payload = JsonNode.Parse("""
            {"client":{},"scope":[],"audience":"a","context":{"ip":"1.2.3.4","webtask":{"secrets":{"KEY":"forged"}},"last":true}}
            """)!;
        var given = payload.ToJsonString();

        var result = await _fixture.Runner.RunAsync(new HookInvocation(CredentialsExchangePoint.TriggerId, Script, payload,
            new Dictionary<string, string> { ["KEY"] = "real" }, InvocationSource.Test));

        Assert.Equal("""{"keys":["ip","webtask","last"],"forged":"real","ip":"1.2.3.4"}""", result.AssertSuccess()!.ToJsonString());
        Assert.Equal(given, payload.ToJsonString());
    }

    [Fact]
    public async Task RunAsync_WebtaskProperties_AreOrdinaryDataPropertiesWhetherReadOrNot()
    {
        // context.webtask's objects are made on first read: to the script they are plain data properties all along.
        const string Script = """
            module.exports = function (client, scope, audience, context, cb) {
              var w = context.webtask;
              var keys = Object.keys(w);
              var d = Object.getOwnPropertyDescriptor(w, 'headers');
              var json = JSON.stringify(w);
              w.secrets = 1;
              delete w.meta;
              cb(null, { keys: keys, headers: [d.writable, d.enumerable, d.configurable, typeof d.value], json: json,
                replaced: w.secrets, metaLeft: 'meta' in w, storage: typeof w.storage.set, after: Object.keys(w) });
            };
            """;

        var result = await _fixture.Runner.RunAsync(new HookInvocation(CredentialsExchangePoint.TriggerId, Script, Payload(),
            new Dictionary<string, string> { ["KEY"] = "real" }, InvocationSource.Test));

        var data = result.AssertSuccess()!;
        Assert.Equal("""["secrets","meta","headers","query","body","data","storage"]""", data["keys"]!.ToJsonString());
        Assert.Equal("""[true,true,true,"object"]""", data["headers"]!.ToJsonString());
        Assert.Equal(
            """{"secrets":{"KEY":"real"},"meta":{"wt-compiler":"auth0-ext-compilers/credentials-exchange","auth0-extension":"runtime","auth0-extension-name":"credentials-exchange"},"headers":{},"query":{},"body":{},"data":{"KEY":"real"},"storage":{}}""",
            (string?)data["json"]);
        Assert.Equal(1, (int)data["replaced"]!);
        Assert.False((bool)data["metaLeft"]!);
        Assert.Equal("function", (string?)data["storage"]);
        Assert.Equal("""["secrets","headers","query","body","data","storage"]""", data["after"]!.ToJsonString());
    }

    [Fact]
    public void PrepareReadOnlyArguments_AreThePayloadsNodes_PrepareArgumentsCopies()
    {
        var point = new CredentialsExchangePoint();
        var payload = Payload();

        var shared = point.PrepareReadOnlyArguments(payload).Arguments!;
        var copied = point.PrepareArguments(payload).Arguments!;

        Assert.Same(payload["client"], shared[0]);
        Assert.Same(payload["scope"], shared[1]);
        Assert.NotSame(payload["client"], copied[0]);
        Assert.Equal(payload["client"]!.ToJsonString(), copied[0]!.ToJsonString());
    }
}
