using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Audit;
using HooksDashboard.Identity.Applications;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Management;

/// <summary><c>/api/v2/clients</c>, <c>/api/v2/resource-servers</c> and <c>/api/v2/client-grants</c>.</summary>
public sealed class IdentityEndpointsTests(ManagementApiFixture app) : ManagementApiTestBase(app)
{
    private string AllScopes => App.Issuer.Token(string.Join(' ', HooksDashboard.Identity.Apis.ManagementApi.Scopes.Select(s => s.Value)));

    private Task<(HttpStatusCode Status, JsonNode? Body)> CallAsync(HttpMethod method, string path, string? json = null) => SendAsync(method, path, json, AllScopes);

    private async Task<JsonObject> CreateClientAsync(JsonObject? body = null)
    {
        var (status, created) = await CallAsync(HttpMethod.Post, "/api/v2/clients", (body ?? new JsonObject { ["name"] = UniqueName("App") }).ToJsonString());
        Assert.True(status == HttpStatusCode.Created, created?.ToJsonString());
        return created!.AsObject();
    }

    private async Task<JsonObject> CreateApiAsync(params string[] scopes)
    {
        var identifier = $"https://api-{Guid.NewGuid():N}.example.com/";
        var (status, created) = await CallAsync(HttpMethod.Post, "/api/v2/resource-servers",
            new JsonObject { ["identifier"] = identifier, ["name"] = UniqueName("API"), ["scopes"] = new JsonArray([.. scopes.Select(s => (JsonNode)new JsonObject { ["value"] = s, ["description"] = s })]) }.ToJsonString());
        Assert.True(status == HttpStatusCode.Created, created?.ToJsonString());
        return created!.AsObject();
    }

    [Fact]
    public async Task PostClient_AllSettings_201WithSecretOnceAndSecretWorks()
    {
        var created = await CreateClientAsync(new JsonObject
        {
            ["name"] = "Billing",
            ["app_type"] = "regular_web",
            ["callbacks"] = new JsonArray("https://app.example.com/callback", "https://*.example.com/cb"),
            ["allowed_origins"] = new JsonArray("https://app.example.com"),
            ["web_origins"] = new JsonArray("https://APP.example.com:443"),
            ["grant_types"] = new JsonArray("client_credentials", "authorization_code"),
            ["client_metadata"] = new JsonObject { ["tier"] = "gold" },
        });
        var (_, got) = await CallAsync(HttpMethod.Get, $"/api/v2/clients/{created["client_id"]}");

        Assert.Equal(64, ((string)created["client_secret"]!).Length);
        Assert.Equal("regular_web", (string)created["app_type"]!);
        Assert.Equal(["https://app.example.com/callback", "https://*.example.com/cb"], created["callbacks"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(["https://app.example.com"], got!["web_origins"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("gold", (string)got["client_metadata"]!["tier"]!);
        Assert.Null(got["client_secret"]);
        var store = App.Services.GetRequiredService<IApplicationStore>();
        Assert.NotNull(await store.AuthenticateAsync((string)created["client_id"]!, (string)created["client_secret"]!));
    }

    [Theory]
    [InlineData("""{"name":"x","foo":1}""", "Payload validation error: 'Additional properties not allowed: foo'.")]
    [InlineData("""{"app_type":"spa"}""", "Missing required property: name")]
    [InlineData("""{"name":"x","app_type":"robot"}""", "on property app_type")]
    [InlineData("""{"name":"x","grant_types":["magic"]}""", "on property grant_types")]
    [InlineData("""{"name":"x","callbacks":["not a url"]}""", "on property callbacks")]
    [InlineData("""{"name":"x","client_metadata":{"a":1}}""", "Expected type string but found type integer' on property client_metadata.a")]
    [InlineData("""{"name":"x","client_metadata":{"k0":"v","k1":"v","k2":"v","k3":"v","k4":"v","k5":"v","k6":"v","k7":"v","k8":"v","k9":"v","k10":"v"}}""", "at most 10 keys")]
    public async Task PostClient_BadBody_400(string json, string message)
    {
        var (status, body) = await CallAsync(HttpMethod.Post, "/api/v2/clients", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", message);
    }

    [Fact]
    public async Task PostClient_MetadataValueOver255_400()
    {
        var (status, body) = await CallAsync(HttpMethod.Post, "/api/v2/clients",
            new JsonObject { ["name"] = "x", ["client_metadata"] = new JsonObject { ["k"] = new string('v', 256) } }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", "longer than 255 characters");
    }

    [Fact]
    public async Task PatchClient_MetadataMergesNullRemoves_OtherFieldsReplace()
    {
        var created = await CreateClientAsync(new JsonObject { ["name"] = UniqueName("App"), ["client_metadata"] = new JsonObject { ["a"] = "1", ["b"] = "2" } });

        var (status, patched) = await CallAsync(HttpMethod.Patch, $"/api/v2/clients/{created["client_id"]}",
            """{"client_metadata":{"b":null,"c":"3"},"callbacks":["https://x.example.com/cb"],"name":"Renamed"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"a":"1","c":"3"}""", patched!["client_metadata"]!.ToJsonString());
        Assert.Equal("Renamed", (string)patched["name"]!);
        Assert.Equal(["https://x.example.com/cb"], patched["callbacks"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task ClientAndGrantChanges_AreAuditedWithoutSecrets()
    {
        var created = await CreateClientAsync();
        var id = (string)created["client_id"]!;
        var api = await CreateApiAsync("read:a");
        var token = App.Issuer.Token("update:clients update:client_keys create:client_grants", clientId: "auditor");

        await SendAsync(HttpMethod.Patch, $"/api/v2/clients/{id}", """{"client_metadata":{"k":"v"},"app_type":"spa"}""", token);
        var (_, rotated) = await SendAsync(HttpMethod.Post, $"/api/v2/clients/{id}/rotate-secret", token: token);
        var (_, grant) = await SendAsync(HttpMethod.Post, "/api/v2/client-grants",
            new JsonObject { ["client_id"] = id, ["audience"] = (string)api["identifier"]!, ["scope"] = new JsonArray("read:a") }.ToJsonString(), token);

        var log = App.Services.GetRequiredService<IIdentityAuditLog>();
        var entries = await log.ListAsync(IdentityAuditSubjects.Client, id);
        Assert.Equal(["secret-rotated", "updated", "created"], entries.Select(e => e.Action));
        Assert.Equal("Changed: client_metadata, app_type.", entries[1].Details);
        Assert.Equal("auditor", entries[0].Actor);
        Assert.DoesNotContain(entries, e => e.Details.Contains((string)rotated!["client_secret"]!, StringComparison.Ordinal));
        var grantEntry = Assert.Single(await log.ListAsync(IdentityAuditSubjects.ClientGrant, (string)grant!["id"]!));
        Assert.Equal("Created with scopes: read:a.", grantEntry.Details);
        Assert.Single(await log.ListAsync(IdentityAuditSubjects.ResourceServer, (string)api["id"]!));
    }

    [Fact]
    public async Task GrantTypes_WithoutClientCredentials_TokenEndpointRefusesUntilPatchedBack()
    {
        var created = await CreateClientAsync(new JsonObject { ["name"] = UniqueName("Web"), ["app_type"] = "regular_web", ["grant_types"] = new JsonArray("authorization_code") });
        var id = (string)created["client_id"]!;
        var api = await CreateApiAsync("read:a");
        await CallAsync(HttpMethod.Post, "/api/v2/client-grants", new JsonObject { ["client_id"] = id, ["audience"] = (string)api["identifier"]!, ["scope"] = new JsonArray("read:a") }.ToJsonString());
        var tokenRequest = new JsonObject { ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = (string)created["client_secret"]!, ["audience"] = (string)api["identifier"]! }.ToJsonString();
        async Task<(HttpStatusCode, JsonNode?)> TokenAsync()
        {
            using var client = App.CreateClient();
            using var response = await client.PostAsync(new Uri("/oauth/token", UriKind.Relative), new StringContent(tokenRequest, System.Text.Encoding.UTF8, "application/json"));
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        }

        var (refused, error) = await TokenAsync();
        await CallAsync(HttpMethod.Patch, $"/api/v2/clients/{id}", """{"grant_types":["authorization_code","client_credentials"]}""");
        var (allowed, token) = await TokenAsync();

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("unauthorized_client", (string)error!["error"]!);
        Assert.Equal("Grant type 'client_credentials' not allowed for the client.", (string)error["error_description"]!);
        Assert.Equal(HttpStatusCode.OK, allowed);
        Assert.NotNull(token!["access_token"]);
    }

    [Fact]
    public async Task RotateSecret_NewSecretWorksOldDoesNot()
    {
        var created = await CreateClientAsync();
        var id = (string)created["client_id"]!;

        var (status, rotated) = await CallAsync(HttpMethod.Post, $"/api/v2/clients/{id}/rotate-secret");

        Assert.Equal(HttpStatusCode.OK, status);
        var store = App.Services.GetRequiredService<IApplicationStore>();
        Assert.Null(await store.AuthenticateAsync(id, (string)created["client_secret"]!));
        Assert.NotNull(await store.AuthenticateAsync(id, (string)rotated!["client_secret"]!));
    }

    [Fact]
    public async Task Clients_UnknownId_404InexistentClient()
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/v2/clients/nope"), (HttpMethod.Delete, "/api/v2/clients/nope"), (HttpMethod.Post, "/api/v2/clients/nope/rotate-secret") })
        {
            var (status, body) = await CallAsync(method, path);

            Assert.Equal(HttpStatusCode.NotFound, status);
            AssertError(body, 404, "inexistent_client", "The client does not exist");
        }
    }

    [Fact]
    public async Task ListClients_PagingAndFields_Auth0Shape()
    {
        await CreateClientAsync();
        await CreateClientAsync();

        var (status, page) = await CallAsync(HttpMethod.Get, "/api/v2/clients?include_totals=true&per_page=1&page=1&fields=client_id,name");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["start", "limit", "total", "clients"], page!.AsObject().Select(p => p.Key));
        Assert.Equal(1, (int)page["start"]!);
        Assert.True((int)page["total"]! >= 2);
        Assert.Equal(["client_id", "name"], page["clients"]![0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task DeleteClient_204ThenGone()
    {
        var created = await CreateClientAsync();

        var (status, _) = await CallAsync(HttpMethod.Delete, $"/api/v2/clients/{created["client_id"]}");
        var (after, _) = await CallAsync(HttpMethod.Get, $"/api/v2/clients/{created["client_id"]}");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(HttpStatusCode.NotFound, after);
    }

    [Fact]
    public async Task ResourceServers_CrudByIdAndIdentifier()
    {
        var api = await CreateApiAsync("read:a", "write:a");
        var identifier = (string)api["identifier"]!;

        var (_, byIdentifier) = await CallAsync(HttpMethod.Get, "/api/v2/resource-servers/" + Uri.EscapeDataString(identifier));
        var (patchStatus, patched) = await CallAsync(HttpMethod.Patch, $"/api/v2/resource-servers/{api["id"]}", """{"scopes":[{"value":"read:a"}],"token_lifetime":600}""");
        var (duplicate, conflict) = await CallAsync(HttpMethod.Post, "/api/v2/resource-servers", new JsonObject { ["identifier"] = identifier }.ToJsonString());
        var (deleteStatus, _) = await CallAsync(HttpMethod.Delete, $"/api/v2/resource-servers/{api["id"]}");
        var (gone, missing) = await CallAsync(HttpMethod.Get, $"/api/v2/resource-servers/{api["id"]}");

        Assert.Equal((string)api["id"]!, (string)byIdentifier!["id"]!);
        Assert.False((bool)api["is_system"]!);
        Assert.Equal("RS256", (string)api["signing_alg"]!);
        Assert.Equal(HttpStatusCode.OK, patchStatus);
        Assert.Equal(600, (int)patched!["token_lifetime"]!);
        Assert.Equal(["read:a"], patched["scopes"]!.AsArray().Select(s => (string)s!["value"]!));
        Assert.Equal(HttpStatusCode.Conflict, duplicate);
        AssertError(conflict, 409, "conflict", "A resource server with the same identifier already exists");
        Assert.Equal(HttpStatusCode.NoContent, deleteStatus);
        Assert.Equal(HttpStatusCode.NotFound, gone);
        AssertError(missing, 404, "inexistent_resource_server", "The resource server does not exist");
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "Missing required property: identifier")]
    [InlineData("""{"identifier":"https://x/","identifier2":1}""", "Additional properties not allowed: identifier2")]
    [InlineData("""{"identifier":"https://x/","signing_alg":"HS256"}""", "on property signing_alg")]
    [InlineData("""{"identifier":"https://x/","scopes":[{"value":"has space"}]}""", "on property scopes")]
    [InlineData("""{"identifier":"https://x/","token_lifetime":0}""", "on property token_lifetime")]
    public async Task PostResourceServer_BadBody_400(string json, string message)
    {
        var (status, body) = await CallAsync(HttpMethod.Post, "/api/v2/resource-servers", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", message);
    }

    [Fact]
    public async Task ManagementApi_OffersAuth0ScopesAndCannotBeDeleted()
    {
        var (_, list) = await CallAsync(HttpMethod.Get, "/api/v2/resource-servers");
        var management = list!.AsArray().Single(a => (bool)a!["is_system"]!)!;

        var (status, body) = await CallAsync(HttpMethod.Delete, $"/api/v2/resource-servers/{management["id"]}");

        var scopes = management["scopes"]!.AsArray().Select(s => (string)s!["value"]!).ToList();
        foreach (var scope in new[] { "read:users", "update:users", "create:users", "delete:users", "read:users_app_metadata", "update:users_app_metadata", "read:clients", "read:client_keys", "update:client_keys", "read:resource_servers", "read:client_grants", "create:client_grants" })
            Assert.Contains(scope, scopes);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "operation_not_supported", "cannot be deleted");
    }

    [Fact]
    public async Task ClientGrants_CreateListPatchDelete()
    {
        var client = await CreateClientAsync();
        var api = await CreateApiAsync("read:a", "write:a");
        var clientId = (string)client["client_id"]!;
        var audience = (string)api["identifier"]!;

        var (status, grant) = await CallAsync(HttpMethod.Post, "/api/v2/client-grants",
            new JsonObject { ["client_id"] = clientId, ["audience"] = audience, ["scope"] = new JsonArray("read:a") }.ToJsonString());
        var (_, byAudience) = await CallAsync(HttpMethod.Get, "/api/v2/client-grants?audience=" + Uri.EscapeDataString(audience));
        var (_, byClient) = await CallAsync(HttpMethod.Get, $"/api/v2/client-grants?client_id={clientId}&include_totals=true");
        var (duplicate, conflict) = await CallAsync(HttpMethod.Post, "/api/v2/client-grants",
            new JsonObject { ["client_id"] = clientId, ["audience"] = audience, ["scope"] = new JsonArray() }.ToJsonString());
        var (_, patched) = await CallAsync(HttpMethod.Patch, $"/api/v2/client-grants/{grant!["id"]}", """{"scope":["read:a","write:a"]}""");
        var (undefinedStatus, undefinedScope) = await CallAsync(HttpMethod.Patch, $"/api/v2/client-grants/{grant["id"]}", """{"scope":["admin"]}""");
        var (deleteStatus, _) = await CallAsync(HttpMethod.Delete, $"/api/v2/client-grants/{grant["id"]}");
        var (gone, missing) = await CallAsync(HttpMethod.Delete, $"/api/v2/client-grants/{grant["id"]}");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(["id", "client_id", "audience", "scope"], grant.AsObject().Select(p => p.Key));
        Assert.Equal((string)grant["id"]!, (string)byAudience![0]!["id"]!);
        Assert.Equal(1, (int)byClient!["total"]!);
        Assert.Equal(HttpStatusCode.Conflict, duplicate);
        AssertError(conflict, 409, "conflict", "already exists");
        Assert.Equal(["read:a", "write:a"], patched!["scope"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(HttpStatusCode.BadRequest, undefinedStatus);
        AssertError(undefinedScope, 400, "invalid_body", "The API does not define these scopes: admin");
        Assert.Equal(HttpStatusCode.NoContent, deleteStatus);
        Assert.Equal(HttpStatusCode.NotFound, gone);
        AssertError(missing, 404, "inexistent_client_grant", "The client grant does not exist");
    }

    [Fact]
    public async Task PostClientGrant_UnknownClientOrAudience_404()
    {
        var client = await CreateClientAsync();

        var (clientStatus, noClient) = await CallAsync(HttpMethod.Post, "/api/v2/client-grants", """{"client_id":"nope","audience":"https://x/","scope":[]}""");
        var (audienceStatus, noApi) = await CallAsync(HttpMethod.Post, "/api/v2/client-grants",
            new JsonObject { ["client_id"] = (string)client["client_id"]!, ["audience"] = "https://nowhere.example.com/", ["scope"] = new JsonArray() }.ToJsonString());

        Assert.Equal(HttpStatusCode.NotFound, clientStatus);
        AssertError(noClient, 404, "inexistent_client", "The client does not exist");
        Assert.Equal(HttpStatusCode.NotFound, audienceStatus);
        AssertError(noApi, 404, "inexistent_resource_server", "https://nowhere.example.com/");
    }

    [Theory]
    [InlineData("GET", "/api/v2/clients", "read:users", "read:clients,read:client_keys")]
    [InlineData("POST", "/api/v2/clients", "read:clients", "create:clients")]
    [InlineData("PATCH", "/api/v2/clients/x", "read:clients", "update:clients,update:client_keys")]
    [InlineData("POST", "/api/v2/clients/x/rotate-secret", "update:clients", "update:client_keys")]
    [InlineData("DELETE", "/api/v2/clients/x", "update:clients", "delete:clients")]
    [InlineData("GET", "/api/v2/resource-servers", "read:clients", "read:resource_servers")]
    [InlineData("POST", "/api/v2/resource-servers", "read:resource_servers", "create:resource_servers")]
    [InlineData("PATCH", "/api/v2/resource-servers/x", "read:resource_servers", "update:resource_servers")]
    [InlineData("DELETE", "/api/v2/resource-servers/x", "read:resource_servers", "delete:resource_servers")]
    [InlineData("GET", "/api/v2/client-grants", "read:clients", "read:client_grants")]
    [InlineData("POST", "/api/v2/client-grants", "read:client_grants", "create:client_grants")]
    [InlineData("PATCH", "/api/v2/client-grants/x", "read:client_grants", "update:client_grants")]
    [InlineData("DELETE", "/api/v2/client-grants/x", "read:client_grants", "delete:client_grants")]
    public async Task Endpoint_WithoutScope_403ExpectedAnyOf(string method, string path, string granted, string expected)
    {
        var (status, body) = await SendAsync(new HttpMethod(method), path, method is "POST" or "PATCH" ? "{}" : null, App.Issuer.Token(granted));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(body, 403, "insufficient_scope", $"Insufficient scope, expected any of: {expected}");
    }
}
