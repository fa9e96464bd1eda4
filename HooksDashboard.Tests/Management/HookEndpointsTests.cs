using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Management;

public sealed class HookEndpointsTests(ManagementApiFixture app) : ManagementApiTestBase(app)
{
    [Fact]
    public async Task Post_ValidBody_Creates201DisabledByDefault()
    {
        var name = UniqueName();

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks",
            new JsonObject { ["name"] = name, ["script"] = Script, ["triggerId"] = "pre-user-registration", ["dependencies"] = new JsonObject { ["lodash"] = "4.17.21" } }.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(["id", "name", "script", "dependencies", "triggerId", "enabled"], body!.AsObject().Select(p => p.Key));
        Assert.Equal(26, ((string)body["id"]!).Length);
        Assert.Equal(name, (string)body["name"]!);
        Assert.False((bool)body["enabled"]!);
        Assert.Equal("4.17.21", (string)body["dependencies"]!["lodash"]!);
    }

    [Fact]
    public async Task Post_Enabled_DisablesThePointsPreviousHook()
    {
        var first = await CreateHookAsync(trigger: "post-change-password", enabled: true);

        var second = await CreateHookAsync(trigger: "post-change-password", enabled: true);

        var (_, firstNow) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{first["id"]}");
        Assert.False((bool)firstNow!["enabled"]!);
        Assert.True((bool)second["enabled"]!);
    }

    [Fact]
    public async Task Post_DuplicateName_409()
    {
        var existing = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks",
            new JsonObject { ["name"] = (string)existing["name"]!, ["script"] = Script, ["triggerId"] = "credentials-exchange" }.ToJsonString());

        Assert.Equal(HttpStatusCode.Conflict, status);
        AssertError(body, 409, "HookConflict", "Hook with the same name already exists");
    }

    [Theory]
    [InlineData("""{"name":"x","script":"s","triggerId":"credentials-exchange","foo":1}""", "Additional properties not allowed: foo")]
    [InlineData("""{"script":"s","triggerId":"credentials-exchange"}""", "Missing required property: name")]
    [InlineData("""{"name":"x","triggerId":"credentials-exchange"}""", "Missing required property: script")]
    [InlineData("""{"name":"x","script":"","triggerId":"credentials-exchange"}""", "on property script")]
    [InlineData("""{"name":"x","script":"s","triggerId":"credentials-exchange","enabled":"yes"}""", "Expected type boolean but found type string' on property enabled")]
    [InlineData("""{"name":"x","script":"s","triggerId":"no-such-point"}""", "on property triggerId")]
    [InlineData("""{"name":"-bad name-","script":"s","triggerId":"credentials-exchange"}""", "on property name")]
    [InlineData("""{"name":"x","script":"s","triggerId":"credentials-exchange","dependencies":{"lodash":4}}""", "on property dependencies.lodash")]
    [InlineData("""[1,2]""", "Expected type object but found type array")]
    public async Task Post_InvalidBody_400SaysWhichFieldAndWhy(string json, string expected)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", expected);
    }

    [Fact]
    public async Task Post_OtherContentType_StillAnswersAsTheApi()
    {
        using var client = App.ApiClient();
        using var content = new StringContent("name=x", System.Text.Encoding.UTF8, "text/plain");

        using var response = await client.PostAsync(new Uri("/api/v2/hooks", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(JsonNode.Parse(await response.Content.ReadAsStringAsync()), 400, "invalid_body", "Invalid request payload JSON format");
    }

    [Fact]
    public async Task Post_NotJson_400()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", "Invalid request payload JSON format");
    }

    [Fact]
    public async Task Post_BodyOver256KB_413()
    {
        var json = new JsonObject { ["name"] = UniqueName(), ["script"] = new string('x', 300 * 1024), ["triggerId"] = "credentials-exchange" }.ToJsonString();

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks", json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        AssertError(body, 413, "payload_too_large");
    }

    [Fact]
    public async Task Get_ById_ReturnsHookAndFields()
    {
        var hook = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{hook["id"]}");
        var (fieldsStatus, some) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{hook["id"]}?fields=name,enabled");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(hook.ToJsonString(), body!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, fieldsStatus);
        Assert.Equal(["name", "enabled"], some!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Get_UnknownId_404HookDoesNotExist()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/api/v2/hooks/01GQN0P01XY4VE0PCK7H20QZ4M");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("""{"statusCode":404,"error":"Not Found","message":"Hook not found","errorCode":"HookDoesNotExist"}""", body!.ToJsonString());
    }

    [Fact]
    public async Task Get_UnknownField_400InvalidQueryString()
    {
        var hook = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{hook["id"]}?fields=name,secret");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_query_string", "Unknown field 'secret'");
    }

    [Fact]
    public async Task List_FiltersPagesAndTotals()
    {
        // A point of its own so other tests' hooks do not interfere.
        const string trigger = "send-phone-message";
        var created = new List<JsonObject>();
        for (var i = 0; i < 3; i++)
            created.Add(await CreateHookAsync(trigger: trigger, enabled: i == 1));

        var (_, all) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks?triggerId={trigger}");
        var (_, page1) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks?triggerId={trigger}&page=1&per_page=2");
        var (_, totals) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks?triggerId={trigger}&page=0&per_page=2&include_totals=true");
        var (_, enabled) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks?triggerId={trigger}&enabled=true&fields=id");

        Assert.Equal(created.Select(h => (string)h["id"]!), all!.AsArray().Select(h => (string)h!["id"]!));
        Assert.Equal([(string)created[2]["id"]!], page1!.AsArray().Select(h => (string)h!["id"]!));
        Assert.Equal(0, (int)totals!["start"]!);
        Assert.Equal(2, (int)totals["limit"]!);
        Assert.Equal(3, (int)totals["total"]!);
        Assert.Equal(2, totals["hooks"]!.AsArray().Count);
        Assert.Equal("""[{"id":"X"}]""".Replace("X", (string)created[1]["id"]!, StringComparison.Ordinal), enabled!.ToJsonString());
    }

    [Theory]
    [InlineData("page=-1", "page")]
    [InlineData("per_page=101", "per_page")]
    [InlineData("per_page=abc", "per_page")]
    [InlineData("include_totals=yes", "include_totals")]
    [InlineData("enabled=1", "enabled")]
    [InlineData("triggerId=nope", "triggerId")]
    [InlineData("fields=id,foo", "fields")]
    [InlineData("sort=name", "Additional properties not allowed: sort")]
    public async Task List_InvalidQuery_400InvalidQueryString(string query, string expected)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/api/v2/hooks?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_query_string", expected);
    }

    [Fact]
    public async Task Patch_NameScriptEnabled_200AndAudited()
    {
        var hook = await CreateHookAsync(trigger: "pre-user-registration");
        var name = UniqueName("Renamed");

        var (status, body) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{hook["id"]}",
            new JsonObject { ["name"] = name, ["script"] = Script + "\n", ["enabled"] = true }.ToJsonString(),
            App.Issuer.AllScopes("cli-client"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(name, (string)body!["name"]!);
        Assert.True((bool)body["enabled"]!);
        var history = await App.Services.GetRequiredService<IHookAuditLog>().ListForHookAsync((string)hook["id"]!);
        Assert.Contains(history, e => e.Action == HookAuditActions.Renamed && e.ActorKind == ActorKind.Application && e.Actor == "cli-client");
        Assert.Contains(history, e => e.Action == HookAuditActions.Enabled && e.Actor == "cli-client");
    }

    [Theory]
    [InlineData("""{"triggerId":"post-change-password"}""", "Additional properties not allowed: triggerId")]
    [InlineData("""{}""", "Too few properties defined (0), minimum 1")]
    [InlineData("""{"script":""}""", "on property script")]
    [InlineData("""{"enabled":null}""", "on property enabled")]
    public async Task Patch_InvalidBody_400(string json, string expected)
    {
        var hook = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{hook["id"]}", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", expected);
    }

    [Fact]
    public async Task Patch_UnknownId_404()
    {
        var (status, body) = await SendAsync(HttpMethod.Patch, "/api/v2/hooks/01GQN0P01XY4VE0PCK7H20QZ4M", """{"enabled":false}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, 404, "HookDoesNotExist");
    }

    [Fact]
    public async Task Patch_DuplicateName_409()
    {
        var a = await CreateHookAsync();
        var b = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{b["id"]}", new JsonObject { ["name"] = (string)a["name"]! }.ToJsonString());

        Assert.Equal(HttpStatusCode.Conflict, status);
        AssertError(body, 409, "HookConflict");
    }

    [Fact]
    public async Task Delete_204ThenGone404()
    {
        var hook = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Delete, $"/api/v2/hooks/{hook["id"]}");
        var (again, againBody) = await SendAsync(HttpMethod.Delete, $"/api/v2/hooks/{hook["id"]}");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Null(body);
        Assert.Equal(HttpStatusCode.NotFound, again);
        AssertError(againBody, 404, "HookDoesNotExist");
        Assert.Null(await App.Services.GetRequiredService<IHookStore>().GetAsync((string)hook["id"]!));
    }

    [Fact]
    public async Task UnknownPathUnderApi_404JsonNotSignIn()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/api/v2/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, 404, null);
    }
}

public sealed class ManagementOpenApiTests(ManagementApiFixture app) : ManagementApiTestBase(app)
{
    [Fact]
    public async Task OpenApiDocument_Anonymous_DescribesEveryEndpoint()
    {
        using var client = App.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v2/openapi.json", UriKind.Relative)))!;

        var paths = document["paths"]!.AsObject();
        Assert.Equal(
            [
                "/api/v2/client-grants", "/api/v2/client-grants/{id}", "/api/v2/clients", "/api/v2/clients/{id}", "/api/v2/clients/{id}/rotate-secret",
                "/api/v2/hooks", "/api/v2/hooks/export", "/api/v2/hooks/import", "/api/v2/hooks/import/preview",
                "/api/v2/hooks/{id}", "/api/v2/hooks/{id}/egress", "/api/v2/hooks/{id}/logs", "/api/v2/hooks/{id}/secrets",
                "/api/v2/hooks/{id}/test-cases", "/api/v2/hooks/{id}/test-cases/run", "/api/v2/hooks/{id}/test-cases/{caseId}",
                "/api/v2/hooks/{id}/test-cases/{caseId}/run",
                "/api/v2/hooks/{id}/versions", "/api/v2/hooks/{id}/versions/{number}", "/api/v2/hooks/{id}/versions/{number}/restore",
                "/api/v2/resource-servers", "/api/v2/resource-servers/{id}", "/api/v2/users", "/api/v2/users-by-email", "/api/v2/users/{id}",
            ],
            paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["delete", "get", "patch"], paths["/api/v2/users/{id}"]!.AsObject().Select(p => p.Key).Where(k => k is "get" or "post" or "patch" or "delete").Order(StringComparer.Ordinal));
        Assert.NotNull(paths["/api/v2/users"]!["post"]!["requestBody"]!["content"]!["application/json"]);
        Assert.NotNull(paths["/api/v2/users"]!["post"]!["responses"]!["409"]);
        Assert.NotNull(paths["/api/v2/client-grants"]!["post"]!["requestBody"]);
        Assert.NotNull(paths["/api/v2/clients/{id}"]!["patch"]!["requestBody"]);
        Assert.Equal(["get", "post"], paths["/api/v2/hooks"]!.AsObject().Select(p => p.Key).Where(k => k is "get" or "post" or "patch" or "delete").Order(StringComparer.Ordinal));
        Assert.Equal(["delete", "get", "patch", "post"], paths["/api/v2/hooks/{id}/secrets"]!.AsObject().Select(p => p.Key).Where(k => k is "get" or "post" or "patch" or "delete").Order(StringComparer.Ordinal));
        Assert.NotNull(document["components"]!["securitySchemes"]!["bearer"]);
        Assert.NotNull(paths["/api/v2/hooks"]!["post"]!["responses"]!["409"]);
        Assert.NotNull(paths["/api/v2/hooks"]!["post"]!["requestBody"]!["content"]!["application/json"]);
    }
}
