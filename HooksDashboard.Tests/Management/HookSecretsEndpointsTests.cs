using System.Net;
using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Management;

public sealed class HookSecretsEndpointsTests(ManagementApiFixture app) : ManagementApiTestBase(app)
{
    [Fact]
    public async Task Secrets_AddGetUpdateDelete_AsAuth0()
    {
        var hook = await CreateHookAsync();
        var path = $"/api/v2/hooks/{hook["id"]}/secrets";

        var (added, addedBody) = await SendAsync(HttpMethod.Post, path, """{"API_KEY":"one","OTHER":"two"}""");
        var (read, masked) = await SendAsync(HttpMethod.Get, path);
        var (updated, _) = await SendAsync(HttpMethod.Patch, path, """{"API_KEY":"three"}""");
        var (deleted, deletedBody) = await SendAsync(HttpMethod.Delete, path, """["OTHER"]""");
        var (_, after) = await SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.Created, added);
        Assert.Equal("{}", addedBody!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal("""{"API_KEY":"_VALUE_NOT_SHOWN_","OTHER":"_VALUE_NOT_SHOWN_"}""", masked!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Null(deletedBody);
        Assert.Equal("""{"API_KEY":"_VALUE_NOT_SHOWN_"}""", after!.ToJsonString());
        var values = await App.Services.GetRequiredService<IHookStore>().GetSecretValuesAsync((string)hook["id"]!);
        Assert.Equal("three", values["API_KEY"]);
        var history = await App.Services.GetRequiredService<IHookAuditLog>().ListForHookAsync((string)hook["id"]!);
        Assert.All(history, e => Assert.DoesNotContain("three", e.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_ExistingName_409()
    {
        var hook = await CreateHookAsync();
        var path = $"/api/v2/hooks/{hook["id"]}/secrets";
        await SendAsync(HttpMethod.Post, path, """{"API_KEY":"one"}""");

        var (status, body) = await SendAsync(HttpMethod.Post, path, """{"API_KEY":"two"}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        AssertError(body, 409, "HookConflict", "Secret with the same name already exists");
    }

    [Fact]
    public async Task Patch_UnknownSecret_404()
    {
        var hook = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{hook["id"]}/secrets", """{"NOPE":"x"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, 404, "HookDoesNotExist", "Hook or secret not found");
    }

    [Fact]
    public async Task Delete_UnknownSecret_404()
    {
        var hook = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Delete, $"/api/v2/hooks/{hook["id"]}/secrets", """["NOPE"]""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, 404, "HookDoesNotExist", "Hook or secret not found");
    }

    [Theory]
    [InlineData("GET", null)]
    [InlineData("POST", """{"A":"b"}""")]
    [InlineData("PATCH", """{"A":"b"}""")]
    [InlineData("DELETE", """["A"]""")]
    public async Task UnknownHook_404(string method, string? json)
    {
        var (status, body) = await SendAsync(new HttpMethod(method), "/api/v2/hooks/01GQN0P01XY4VE0PCK7H20QZ4M/secrets", json);

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, 404, "HookDoesNotExist");
    }

    [Theory]
    [InlineData("POST", """{"A":1}""", "Expected type string but found type integer' on property A")]
    [InlineData("POST", """{}""", "Too few properties defined (0), minimum 1")]
    [InlineData("POST", """{"1bad":"x"}""", "on property secrets")]
    [InlineData("DELETE", """{"A":"b"}""", "Expected type array but found type object")]
    [InlineData("DELETE", """[]""", "Array is too short (0), minimum 1")]
    public async Task InvalidBody_400(string method, string json, string expected)
    {
        var hook = await CreateHookAsync();

        var (status, body) = await SendAsync(new HttpMethod(method), $"/api/v2/hooks/{hook["id"]}/secrets", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", expected);
    }
}
