using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Management;

/// <summary><c>/api/v2/hooks/import[/preview]</c> and <c>/api/v2/hooks/export</c>: plan, apply, refusals, scopes.</summary>
public sealed class HookTransferEndpointsTests(ManagementApiFixture app) : ManagementApiTestBase(app)
{
    private IHookStore Store => App.Services.GetRequiredService<IHookStore>();

    private static JsonObject Body(string name, string trigger = "post-change-password", JsonObject? secrets = null, JsonObject? values = null) => new()
    {
        ["source"] = "test repo",
        ["hooks"] = new JsonArray(new JsonObject
        {
            ["name"] = name,
            ["triggerId"] = trigger,
            ["script"] = "module.exports = function (user, context, cb) { cb(); };",
            ["enabled"] = false,
            ["secrets"] = secrets ?? [],
        }),
        ["secrets"] = values ?? [],
    };

    [Fact]
    public async Task Preview_NewHook_AnswersThePlanAndWritesNothing()
    {
        var name = UniqueName("Preview");

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks/import/preview", Body(name).ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)body!["canApply"]!);
        var entry = body["hooks"]![0]!;
        Assert.Equal("create", (string)entry["action"]!);
        Assert.Equal(name, (string)entry["name"]!);
        Assert.Equal("test repo, hooks[0] ('" + name + "')", (string)entry["origin"]!);
        Assert.Null(await Store.FindByNameAsync(name));
    }

    [Fact]
    public async Task Import_ThenExport_CreatesTheHookAndExportsItWithSecretsMasked()
    {
        var name = UniqueName("Imported");

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks/import",
            Body(name, secrets: new JsonObject { ["API_KEY"] = "##API_KEY##" }, values: new JsonObject { [$"{name}.API_KEY"] = "v-1" }).ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, (int)body!["versions"]![name]!);
        var hook = (await Store.FindByNameAsync(name))!;
        Assert.Equal("v-1", (await Store.GetSecretValuesAsync(hook.Id))["API_KEY"]);

        var (exportStatus, export) = await SendAsync(HttpMethod.Get, "/api/v2/hooks/export");
        Assert.Equal(HttpStatusCode.OK, exportStatus);
        var exported = export!["hooks"]!.AsArray().Single(h => (string)h!["name"]! == name)!;
        Assert.Equal("_VALUE_NOT_SHOWN_", (string)exported["secrets"]!["API_KEY"]!);
        Assert.DoesNotContain("v-1", export.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingSecretValue_400WithThePlanAndNothingWritten()
    {
        var name = UniqueName("Missing");

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks/import",
            Body(name, secrets: new JsonObject { ["TOKEN"] = "_VALUE_NOT_SHOWN_" }).ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "import_refused", "no value for the secret TOKEN");
        Assert.Equal("TOKEN", (string)body!["plan"]!["hooks"]![0]!["missingSecrets"]![0]!);
        Assert.Null(await Store.FindByNameAsync(name));
    }

    [Fact]
    public async Task Import_WithoutUpdateScope_403()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks/import", Body(UniqueName()).ToJsonString(),
            App.Issuer.Token("read:hooks create:hooks"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(body, 403, "insufficient_scope");
    }

    [Theory]
    [InlineData("""{"hooks": {}}""", "Expected type array but found type object' on property hooks")]
    [InlineData("""{"hooks": [{"name": "a", "script": "x"}]}""", "Missing required property: triggerId' on property hooks[0]")]
    [InlineData("""{"hooks": [{"name": "a", "script": "x", "triggerId": "credentials-exchange", "id": "1"}]}""", "Additional properties not allowed: id' on property hooks[0]")]
    [InlineData("""{"hooks": [{"name": "a", "script": "x", "triggerId": "credentials-exchange", "secrets": {"K": 1}}]}""", "on property hooks[0].secrets.K")]
    [InlineData("""{"hooks": [], "extra": 1}""", "Additional properties not allowed: extra")]
    public async Task Preview_BadBody_400NamingTheProperty(string json, string message)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks/import/preview", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", message);
    }
}
