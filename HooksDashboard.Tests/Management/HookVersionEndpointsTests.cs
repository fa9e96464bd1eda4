using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Audit;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Management;

/// <summary><c>/api/v2/hooks/{id}/versions</c>: list, get, restore; scopes, errors, audit.</summary>
public sealed class HookVersionEndpointsTests(ManagementApiFixture app) : ManagementApiTestBase(app)
{
    private async Task<string> HookWithThreeVersionsAsync()
    {
        var hook = await CreateHookAsync();
        var id = (string)hook["id"]!;
        var (s2, _) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{id}", new JsonObject { ["script"] = Script + "\n// two" }.ToJsonString());
        var (s3, _) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{id}", new JsonObject { ["script"] = Script + "\n// three\n" }.ToJsonString(),
            App.Issuer.AllScopes("cli-client"));
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal(HttpStatusCode.OK, s3);
        return id;
    }

    [Fact]
    public async Task List_HookWithVersions_NewestFirstWithoutScripts()
    {
        var id = await HookWithThreeVersionsAsync();

        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}/versions");

        Assert.Equal(HttpStatusCode.OK, status);
        var versions = body!.AsArray();
        Assert.Equal([3, 2, 1], versions.Select(v => (int)v!["number"]!));
        Assert.Equal([true, false, false], versions.Select(v => (bool)v!["current"]!));
        Assert.All(versions, v => Assert.Null(v!["script"]));
        Assert.Equal("application", (string)versions[0]!["created_by"]!["type"]!);
        Assert.Equal("cli-client", (string)versions[0]!["created_by"]!["name"]!);
        Assert.Equal(3, (int)versions[0]!["lines"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string)versions[0]!["created_at"]!);
    }

    [Fact]
    public async Task List_IncludeTotalsAndPaging_PageObject()
    {
        var id = await HookWithThreeVersionsAsync();

        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}/versions?page=1&per_page=2&include_totals=true");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, (long)body!["start"]!);
        Assert.Equal(3, (int)body["total"]!);
        Assert.Equal([1], body["versions"]!.AsArray().Select(v => (int)v!["number"]!));
    }

    [Fact]
    public async Task Get_OneVersion_WithScript()
    {
        var id = await HookWithThreeVersionsAsync();

        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}/versions/2");
        var (statusV, bodyV) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}/versions/v2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Script + "\n// two", (string)body!["script"]!);
        Assert.False((bool)body["current"]!);
        Assert.Equal(HttpStatusCode.OK, statusV);
        Assert.Equal(2, (int)bodyV!["number"]!);
    }

    [Theory]
    [InlineData("/versions/9", 404, "HookDoesNotExist", "Hook version 9 not found")]
    [InlineData("/versions/0", 400, "invalid_query_string", "Expected a version number")]
    [InlineData("/versions/two", 400, "invalid_query_string", "not \"two\"")]
    [InlineData("/versions?per_page=101", 400, "invalid_query_string", "per_page")]
    [InlineData("/versions?sort=x", 400, "invalid_query_string", "sort")]
    public async Task Get_BadVersionOrQuery_ClearError(string suffix, int expectedStatus, string errorCode, string message)
    {
        var hook = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{hook["id"]}{suffix}");

        Assert.Equal(expectedStatus, (int)status);
        AssertError(body, expectedStatus, errorCode, message);
    }

    [Fact]
    public async Task List_UnknownHook_404()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/api/v2/hooks/01NOSUCHHOOK00000000000000/versions");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, 404, "HookDoesNotExist", "Hook not found");
    }

    [Fact]
    public async Task Restore_WithMessage_NewCurrentVersionAudited()
    {
        var id = await HookWithThreeVersionsAsync();

        var (status, body) = await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{id}/versions/1/restore",
            new JsonObject { ["message"] = "Roll back the comments" }.ToJsonString(), App.Issuer.AllScopes("cli-client"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, (int)body!["number"]!);
        Assert.True((bool)body["current"]!);
        Assert.Equal(1, (int)body["restored_from"]!);
        Assert.Equal("Roll back the comments", (string)body["message"]!);
        Assert.Equal(Script, (string)body["script"]!);
        var (_, hook) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}");
        Assert.Equal(Script, (string)hook!["script"]!);
        var history = await App.Services.GetRequiredService<IHookAuditLog>().ListForHookAsync(id);
        Assert.Contains(history, e => e.Action == HookAuditActions.VersionRestored && e.Actor == "cli-client"
            && e.Details == "Restored version 1 as version 4 “Roll back the comments”.");
    }

    [Fact]
    public async Task Restore_NoBody_DefaultMessage()
    {
        var id = await HookWithThreeVersionsAsync();

        var (status, body) = await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{id}/versions/2/restore");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Restored from version 2", (string)body!["message"]!);
    }

    [Theory]
    [InlineData("""{"note":"x"}""", "Additional properties not allowed: note")]
    [InlineData("""{"message":5}""", "on property message")]
    [InlineData("""{"message":"a\nb"}""", "one line of text")]
    [InlineData("[]", "Expected type object")]
    public async Task Restore_InvalidBody_400AndNothingSaved(string json, string expected)
    {
        var id = await HookWithThreeVersionsAsync();

        var (status, body) = await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{id}/versions/1/restore", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", expected);
        var (_, list) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}/versions");
        Assert.Equal(3, list!.AsArray().Count);
    }

    [Fact]
    public async Task Scopes_ReadOnlyToken_CanListButNotRestore()
    {
        var id = await HookWithThreeVersionsAsync();
        var readOnly = App.Issuer.Token("read:hooks");

        var (listStatus, _) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}/versions", token: readOnly);
        var (restoreStatus, body) = await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{id}/versions/1/restore", token: readOnly);
        var (noneStatus, _) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}/versions", token: App.Issuer.Token("read:users"));

        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal(HttpStatusCode.Forbidden, restoreStatus);
        AssertError(body, 403, "insufficient_scope", "update:hooks");
        Assert.Equal(HttpStatusCode.Forbidden, noneStatus);
    }
}
