using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Management;

/// <summary><c>/api/v2/hooks/{id}/test-cases</c> and <c>PATCH /api/v2/hooks/{id}?runTests=true</c>.</summary>
public sealed class HookTestCaseEndpointsTests(ManagementApiFixture app) : ManagementApiTestBase(app)
{
    private const string PassingCase = """{"name":"keeps scope","secrets":{"API_KEY":"case-key-value"},"expect":{"outcome":"success","applied":{"scope":["read:connections"]}}}""";
    private const string Broken = "module.exports = function (client, scope, audience, context, cb) { cb(new Error('broken')); };";

    private async Task<(string HookId, string CaseId)> HookWithCaseAsync(bool? enabled = null)
    {
        var hook = await CreateHookAsync(enabled: enabled);
        var id = (string)hook["id"]!;
        var (status, body) = await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{id}/test-cases", PassingCase);
        Assert.Equal(HttpStatusCode.Created, status);
        return (id, (string)body!["id"]!);
    }

    [Fact]
    public async Task Create_ThenListAndGet_SecretsMaskedTimestampsAdded()
    {
        var (id, caseId) = await HookWithCaseAsync();

        var (listStatus, list) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}/test-cases");
        var (getStatus, one) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}/test-cases/{caseId}");

        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal("keeps scope", (string)list!.AsArray().Single()!["name"]!);
        Assert.Equal(HookRules.SecretMask, (string)one!["secrets"]!["API_KEY"]!);
        Assert.Equal("success", (string)one["expect"]!["outcome"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string)one["created_at"]!);
        Assert.DoesNotContain("case-key-value", list.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_RenameKeepsMaskedSecret_DuplicateNameConflict_Audited()
    {
        var (id, caseId) = await HookWithCaseAsync();
        await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{id}/test-cases", """{"name":"other","expect":{"outcome":"success"}}""");

        var (status, body) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{id}/test-cases/{caseId}",
            """{"name":"renamed","secrets":{"API_KEY":"_VALUE_NOT_SHOWN_"}}""", App.Issuer.AllScopes("ci-client"));
        var (conflict, conflictBody) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{id}/test-cases/{caseId}", """{"name":"other"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("renamed", (string)body!["name"]!);
        var stored = await App.Services.GetRequiredService<HooksDashboard.Hooks.TestCases.ITestCaseStore>().GetAsync(id, caseId);
        Assert.Equal("case-key-value", stored!.Definition.Secrets["API_KEY"]);
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        AssertError(conflictBody, 409, "HookConflict", "same name");
        var trail = await App.Services.GetRequiredService<IHookAuditLog>().ListForHookAsync(id);
        Assert.Contains(trail, e => e.Action == HookAuditActions.TestCaseChanged && e.Actor == "ci-client" && e.Details.Contains("renamed from 'keeps scope'", StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Action == HookAuditActions.TestCaseAdded);
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "expect is required")]
    [InlineData("""{"name":"x","expect":{"outcome":"sometimes"}}""", "expect.outcome must be")]
    [InlineData("""[1]""", "Expected type object but found type array")]
    [InlineData("""{"name":"x","expect":{"outcome":"success"},"script":"no"}""", "Unknown property script")]
    public async Task Create_InvalidBody_400NamingTheProblem(string json, string message)
    {
        var hook = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{hook["id"]}/test-cases", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", message);
    }

    [Fact]
    public async Task RunAll_SavedCodeThenNewScript_ReportWithFailures()
    {
        var (id, _) = await HookWithCaseAsync();

        var (okStatus, ok) = await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{id}/test-cases/run");
        var (failStatus, failed) = await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{id}/test-cases/run",
            new JsonObject { ["script"] = Broken, ["cases"] = new JsonArray("keeps scope") }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal(1, (int)ok!["passed"]!);
        Assert.True((bool)ok["results"]![0]!["passed"]!);
        Assert.Equal(HttpStatusCode.OK, failStatus);
        Assert.Equal(1, (int)failed!["failed"]!);
        Assert.StartsWith("expected success, got error: Error: broken", (string)failed["results"]![0]!["failures"]![0]!, StringComparison.Ordinal);
        Assert.Equal("error", (string)failed["results"]![0]!["result"]!["status"]!);
    }

    [Fact]
    public async Task RunOne_AndUnknownCase_404()
    {
        var (id, caseId) = await HookWithCaseAsync();

        var (status, body) = await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{id}/test-cases/{caseId}/run");
        var (missing, missingBody) = await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{id}/test-cases/run", """{"cases":["no such case"]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, (int)body!["total"]!);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        AssertError(missingBody, 404, "HookDoesNotExist", "Test case not found: 'no such case'");
    }

    [Fact]
    public async Task Delete_ThenGet_404_ReadScopeCannotCreate()
    {
        var (id, caseId) = await HookWithCaseAsync();

        var (deleted, _) = await SendAsync(HttpMethod.Delete, $"/api/v2/hooks/{id}/test-cases/{caseId}");
        var (gone, goneBody) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}/test-cases/{caseId}");
        var (forbidden, _) = await SendAsync(HttpMethod.Post, $"/api/v2/hooks/{id}/test-cases", PassingCase, App.Issuer.Token("read:hooks"));

        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal(HttpStatusCode.NotFound, gone);
        AssertError(goneBody, 404, "HookDoesNotExist", "Test case not found");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
    }

    [Fact]
    public async Task PatchHook_RunTestsOnLiveHookWithFailingCode_RefusedNothingSaved()
    {
        var (id, _) = await HookWithCaseAsync(enabled: true);

        var (status, body) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{id}?runTests=true", new JsonObject { ["script"] = Broken }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "test_cases_failed", "Not saved: 1 of 1 test case failed: keeps scope. 'keeps scope': expected success, got error: Error: broken");
        Assert.Equal(1, (int)body!["tests"]!["failed"]!);
        var (_, hook) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{id}");
        Assert.Equal(Script, (string)hook!["script"]!);
    }

    [Fact]
    public async Task PatchHook_WithoutRunTestsOrPassingCode_Saved()
    {
        var (id, _) = await HookWithCaseAsync(enabled: true);
        var passing = Script + "\n// still keeps the scope";

        var (tested, _) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{id}?runTests=true", new JsonObject { ["script"] = passing }.ToJsonString());
        var (untested, _) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{id}", new JsonObject { ["script"] = Broken }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, tested);
        Assert.Equal(HttpStatusCode.OK, untested);
    }
}
