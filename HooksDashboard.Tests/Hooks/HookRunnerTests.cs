using System.Text.Json.Nodes;
using HooksDashboard.Catalog;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Hooks;

public sealed class HookRunnerTests : IAsyncLifetime
{
    private StorageFixture _fixture = null!;

    private const string EchoContext = "module.exports = function (user, context, cb) { cb(null, context); };";

    public async Task InitializeAsync() =>
        _fixture = await StorageFixture.CreateAsync(settings: new Dictionary<string, string?>
        {
            // A per-point limit: post-change-password hooks get 150 ms instead of the default 20 s.
            ["Execution:Points:post-change-password:TimeoutMs"] = "150",
        });

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private static HookInvocation Invocation(string triggerId, string script, JsonNode? payload = null, Dictionary<string, string>? secrets = null) =>
        new(triggerId, script, payload, secrets ?? [], InvocationSource.Test);

    [Fact]
    public async Task RunAsync_UnknownTrigger_IsContractErrorNamingThePoints()
    {
        var result = await _fixture.Runner.RunAsync(Invocation("rules", EchoContext));

        Assert.Equal(ExecutionErrorKind.Contract, result.Error!.Kind);
        Assert.Contains("credentials-exchange", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoPayload_UsesTheSampleAndApplies()
    {
        var template = new HookCatalog().Find(CredentialsExchangePoint.TriggerId)!.Template;

        var result = await _fixture.Runner.RunAsync(Invocation(CredentialsExchangePoint.TriggerId, template));

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("""["read:connections"]""", result.Applied!["scope"]!.ToJsonString());
    }

    [Fact]
    public async Task RunAsync_InvalidPayload_IsContractErrorWithAuth0Message()
    {
        var result = await _fixture.Runner.RunAsync(Invocation(PreUserRegistrationPoint.TriggerId, EchoContext, JsonNode.Parse("""{"user":{}}""")));

        Assert.Equal(ExecutionStatus.Error, result.Status);
        Assert.Equal(ExecutionErrorKind.Contract, result.Error!.Kind);
        Assert.Equal("Body .context received by extensibility point is not an object", result.Error.Message);
    }

    [Fact]
    public async Task RunAsync_Secrets_ReplaceAnyWebtaskInThePayloadAndLeaveThePayloadUntouched()
    {
        var payload = JsonNode.Parse("""{"user":{},"context":{"connection":{},"webtask":{"secrets":{"KEY":"forged"}}}}""")!;
        var before = payload.ToJsonString();

        var result = await _fixture.Runner.RunAsync(Invocation(PreUserRegistrationPoint.TriggerId, EchoContext, payload, new() { ["KEY"] = "real" }));

        Assert.Equal("real", (string?)result.Data!["webtask"]!["secrets"]!["KEY"]);
        Assert.Equal(before, payload.ToJsonString());
    }

    [Fact]
    public async Task RunAsync_PreUserRegistration_AppliesOnlyMetadata()
    {
        const string script = """
            module.exports = function (user, context, cb) {
              cb(null, { user: { email: 'changed@x.y', user_metadata: { color: 'blue' } } });
            };
            """;

        var result = await _fixture.Runner.RunAsync(Invocation(PreUserRegistrationPoint.TriggerId, script));

        Assert.Equal("""{"user_metadata":{"color":"blue"}}""", result.Applied!["user"]!.ToJsonString());
    }

    [Theory]
    [InlineData(40_000)]
    [InlineData(80_000)]
    public async Task RunAsync_HookReturningTensOfThousandsOfScopes_IsRefusedAsLimitError(int count)
    {
        // Before the fix: 20 s (40,000) and 85 s (80,000) of quadratic de-duplication after the hook, then a token.
        var script = $$"""
            module.exports = function (client, scope, audience, context, cb) {
              var many = [];
              for (var i = 0; i < {{count}}; i++) many.push('s' + i);
              cb(null, { scope: many });
            };
            """;

        var result = await _fixture.Runner.RunAsync(Invocation(CredentialsExchangePoint.TriggerId, script));

        Assert.Equal(ExecutionStatus.Error, result.Status);
        Assert.Equal(ExecutionErrorKind.Limit, result.Error!.Kind);
        Assert.Equal($"The hook's result has {count} distinct scopes; at most 1000 are allowed (Auth0's limit of scopes per API)", result.Error.Message);
        Assert.Null(result.Applied);
    }

    [Fact]
    public async Task RunAsync_ClaimsOverAuth0Limit_AreRefusedAsLimitError()
    {
        const string script = """
            module.exports = function (client, scope, audience, context, cb) {
              cb(null, { scope: scope, 'https://example.com/blob': 'x'.repeat(200 * 1024) });
            };
            """;

        var result = await _fixture.Runner.RunAsync(Invocation(CredentialsExchangePoint.TriggerId, script));

        Assert.Equal(ExecutionErrorKind.Limit, result.Error!.Kind);
        Assert.StartsWith("The claims added by the hook are ", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PointThatIgnoresResults_HasNoApplied()
    {
        var result = await _fixture.Runner.RunAsync(Invocation(PostUserRegistrationPoint.TriggerId, EchoContext));

        Assert.True(result.IsSuccess);
        Assert.Null(result.Applied);
        Assert.NotNull(result.Data);
    }

    [Fact]
    public async Task RunAsync_PerPointTimeout_IsApplied()
    {
        const string script = "module.exports = function (user, context, cb) { setTimeout(function () {}, 60000); };";

        var result = await _fixture.Runner.RunAsync(Invocation(PostChangePasswordPoint.TriggerId, script));

        Assert.Equal(ExecutionErrorKind.Timeout, result.Error!.Kind);
        Assert.Contains("150", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TimeoutOverride_WinsOverConfiguration()
    {
        const string script = "module.exports = function (c, s, a, ctx, cb) { setTimeout(function () {}, 60000); };";

        var result = await _fixture.Runner.RunAsync(Invocation(CredentialsExchangePoint.TriggerId, script) with { TimeoutMs = 120 });

        Assert.Equal(ExecutionErrorKind.Timeout, result.Error!.Kind);
        Assert.Contains("120", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestAsync_RunsTheGivenCodeWithSavedSecretsRecordsTheRunAndNeverSaves()
    {
        var hook = await _fixture.CreateHookAsync(PreUserRegistrationPoint.TriggerId);
        await _fixture.Hooks.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["TOKEN"] = "s3cret" });
        const string unsaved = "module.exports = function (user, context, cb) { cb(null, { token: context.webtask.secrets.TOKEN }); };";
        var payload = JsonNode.Parse("""{"user":{"email":"a@b.c"},"context":{"connection":{}}}""");

        var result = await _fixture.Runner.TestAsync(hook.Id, unsaved, payload);

        Assert.Equal("s3cret", (string?)result.Data!["token"]);
        Assert.Equal(hook.Script, (await _fixture.Hooks.GetAsync(hook.Id))!.Script);
        var run = Assert.Single(await _fixture.TestRuns.ListAsync(hook.Id));
        Assert.Equal(payload!.ToJsonString(), run.Payload);
        Assert.Equal(ExecutionStatus.Success, run.Result.Status);
        Assert.DoesNotContain("s3cret", run.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestAsync_UnknownHook_Throws()
    {
        await Assert.ThrowsAsync<HookNotFoundException>(() => _fixture.Runner.TestAsync("01GQN0P01XY4VE0PCK7H20QZ4M", EchoContext, null));
    }

    [Fact]
    public async Task RunEnabledAsync_NoEnabledHook_ReturnsNull()
    {
        await _fixture.CreateHookAsync(CredentialsExchangePoint.TriggerId, enabled: false);

        Assert.Null(await _fixture.Runner.RunEnabledAsync(CredentialsExchangePoint.TriggerId, JsonNode.Parse(new HookCatalog().Points[0].SamplePayload)!));
    }

    [Fact]
    public async Task RunEnabledAsync_PayloadFactoryWithoutAnEnabledHook_IsNeverCalled()
    {
        await _fixture.CreateHookAsync(CredentialsExchangePoint.TriggerId, enabled: false);
        var built = 0;

        var result = await _fixture.Runner.RunEnabledAsync(CredentialsExchangePoint.TriggerId, () =>
        {
            built++;
            return JsonNode.Parse(new HookCatalog().Points[0].SamplePayload)!;
        });

        Assert.Null(result);
        Assert.Equal(0, built);
    }

    [Fact]
    public async Task RunEnabledAsync_PayloadFactoryWithAnEnabledHook_BuildsThePayloadTheHookGets()
    {
        const string script = "module.exports = function (user, context, cb) { cb(null, { email: user.email }); };";
        await _fixture.Hooks.CreateAsync(new NewHook("Enabled hook", PostUserRegistrationPoint.TriggerId, script, Enabled: true));
        var built = 0;

        var result = await _fixture.Runner.RunEnabledAsync(PostUserRegistrationPoint.TriggerId, () =>
        {
            built++;
            return JsonNode.Parse("""{"user":{"email":"factory@example.com"},"context":{"connection":{}}}""")!;
        });

        Assert.Equal(1, built);
        Assert.Equal("factory@example.com", (string?)result!.Data!["email"]);
    }

    [Fact]
    public async Task RunEnabledAsync_SecretsReachOnlyTheirOwnHook()
    {
        const string script = "module.exports = function (user, context, cb) { cb(null, Object.keys(context.webtask.secrets)); };";
        var other = await _fixture.Hooks.CreateAsync(new NewHook("Other hook", PostUserRegistrationPoint.TriggerId, script, Enabled: false));
        await _fixture.Hooks.AddSecretsAsync(other.Id, new Dictionary<string, string> { ["OTHER"] = "x" });
        var enabled = await _fixture.Hooks.CreateAsync(new NewHook("Enabled hook", PostUserRegistrationPoint.TriggerId, script, Enabled: true));
        await _fixture.Hooks.AddSecretsAsync(enabled.Id, new Dictionary<string, string> { ["MINE"] = "y" });
        var payload = JsonNode.Parse(new HookCatalog().Find(PostUserRegistrationPoint.TriggerId)!.SamplePayload)!;

        var result = await _fixture.Runner.RunEnabledAsync(PostUserRegistrationPoint.TriggerId, payload);

        Assert.Equal("""["MINE"]""", result!.Data!.ToJsonString());
    }
}
