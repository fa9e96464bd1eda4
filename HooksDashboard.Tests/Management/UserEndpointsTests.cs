using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Management;

public sealed class UserEndpointsTests(ManagementApiFixture app) : ManagementApiTestBase(app)
{
    private const string Password = "Str0ng!Passw0rd";
    private const string Connection = "Username-Password-Authentication";

    private string AllScopes => App.Issuer.Token(string.Join(' ', HooksDashboard.Identity.Apis.ManagementApi.Scopes.Select(s => s.Value)));

    private static string UniqueEmail(string prefix = "user") => $"{prefix}.{Guid.NewGuid().ToString("N")[..10]}@example.com";

    private async Task<JsonObject> CreateUserAsync(JsonObject? extra = null, string? email = null)
    {
        var body = new JsonObject { ["connection"] = Connection, ["email"] = email ?? UniqueEmail(), ["password"] = Password };
        foreach (var (key, value) in extra ?? [])
            body[key] = value?.DeepClone();
        var (status, created) = await SendAsync(HttpMethod.Post, "/api/v2/users", body.ToJsonString(), AllScopes);
        Assert.True(status == HttpStatusCode.Created, created?.ToJsonString());
        return created!.AsObject();
    }

    private Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token: token ?? AllScopes);

    [Fact]
    public async Task Post_ValidBody_201WithAuth0UserShape()
    {
        var email = UniqueEmail("Shape");

        var user = await CreateUserAsync(new JsonObject { ["given_name"] = "Ada", ["app_metadata"] = new JsonObject { ["plan"] = "gold" } }, email);

        Assert.StartsWith("auth0|", (string)user["user_id"]!, StringComparison.Ordinal);
        Assert.Equal(email, (string)user["email"]!);
        Assert.False((bool)user["email_verified"]!);
        Assert.Equal(email, (string)user["name"]!);
        Assert.Equal(email[..email.IndexOf('@')], (string)user["nickname"]!);
        Assert.Equal("Ada", (string)user["given_name"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string)user["created_at"]!);
        var identity = user["identities"]![0]!;
        Assert.Equal(Connection, (string)identity["connection"]!);
        Assert.Equal("auth0", (string)identity["provider"]!);
        Assert.Equal(((string)user["user_id"]!)["auth0|".Length..], (string)identity["user_id"]!);
        Assert.False((bool)identity["isSocial"]!);
        Assert.Equal("gold", (string)user["app_metadata"]!["plan"]!);
        Assert.Equal("{}", user["user_metadata"]!.ToJsonString());
        Assert.Null(user["blocked"]);
    }

    [Fact]
    public async Task Post_DuplicateEmailAnyCase_409Auth0Message()
    {
        var email = UniqueEmail("dup");
        await CreateUserAsync(email: email);

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/users",
            new JsonObject { ["connection"] = Connection, ["email"] = email.ToUpperInvariant(), ["password"] = Password }.ToJsonString(), AllScopes);

        Assert.Equal(HttpStatusCode.Conflict, status);
        AssertError(body, 409, "auth0_idp_error", "The user already exists.");
    }

    [Theory]
    [InlineData("""{"connection":"Username-Password-Authentication","email":"a@example.com","password":"Str0ng!Passw0rd","foo":1}""", "Payload validation error: 'Additional properties not allowed: foo'.")]
    [InlineData("""{"email":"a@example.com","password":"Str0ng!Passw0rd"}""", "Missing required property: connection")]
    [InlineData("""{"connection":"Username-Password-Authentication","password":"Str0ng!Passw0rd"}""", "Missing required property: email")]
    [InlineData("""{"connection":"Username-Password-Authentication","email":"a@example.com"}""", "Missing required property: password")]
    [InlineData("""{"connection":"Username-Password-Authentication","email":"not-an-email","password":"Str0ng!Passw0rd"}""", "on property email")]
    [InlineData("""{"connection":"Username-Password-Authentication","email":"a@example.com","password":"weak"}""", "PasswordStrengthError: Password is too weak")]
    [InlineData("""{"connection":"Username-Password-Authentication","email":"a@example.com","password":"Str0ng!Passw0rd","app_metadata":[]}""", "Expected type object but found type array' on property app_metadata")]
    [InlineData("""{"connection":"Username-Password-Authentication","email":"a@example.com","password":"Str0ng!Passw0rd","phone_number":"555"}""", "on property phone_number")]
    public async Task Post_BadBody_400(string json, string message)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/users", json, AllScopes);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, (string)body!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownConnection_400InexistentConnection()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/users",
            new JsonObject { ["connection"] = "Other", ["email"] = UniqueEmail(), ["password"] = Password }.ToJsonString(), AllScopes);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "inexistent_connection", "The connection does not exist.");
    }

    [Fact]
    public async Task Get_UnknownUser_404InexistentUser()
    {
        var (status, body) = await GetAsync("/api/v2/users/auth0%7C000000000000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, 404, "inexistent_user", "The user does not exist.");
    }

    [Fact]
    public async Task Get_EncodedIdAndFields_ReturnsOnlyThoseFields()
    {
        var user = await CreateUserAsync();
        var id = Uri.EscapeDataString((string)user["user_id"]!);

        var (_, included) = await GetAsync($"/api/v2/users/{id}?fields=user_id,email");
        var (_, excluded) = await GetAsync($"/api/v2/users/{id}?fields=identities,app_metadata,user_metadata&include_fields=false");

        Assert.Equal(["user_id", "email"], included!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("identities", excluded!.AsObject().Select(p => p.Key));
        Assert.Contains("email", excluded.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Patch_Metadata_MergesOneLevelDeepNullRemovesEmptyClears()
    {
        var user = await CreateUserAsync(new JsonObject
        {
            ["app_metadata"] = new JsonObject { ["plan"] = "free", ["keep"] = 1, ["nested"] = new JsonObject { ["a"] = 1, ["b"] = 2 } },
            ["user_metadata"] = new JsonObject { ["theme"] = "dark" },
        });
        var path = "/api/v2/users/" + Uri.EscapeDataString((string)user["user_id"]!);

        var (status, patched) = await SendAsync(HttpMethod.Patch, path,
            """{"app_metadata":{"plan":"gold","nested":{"a":3},"keep":null,"added":true}}""", AllScopes);
        var (_, cleared) = await SendAsync(HttpMethod.Patch, path, """{"user_metadata":{}}""", AllScopes);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"plan":"gold","nested":{"a":3},"added":true}""", patched!["app_metadata"]!.ToJsonString());
        Assert.Equal("""{"theme":"dark"}""", patched["user_metadata"]!.ToJsonString());
        Assert.Equal("{}", cleared!["user_metadata"]!.ToJsonString());
        Assert.Equal("""{"plan":"gold","nested":{"a":3},"added":true}""", cleared["app_metadata"]!.ToJsonString());
    }

    [Fact]
    public async Task Patch_ConcurrentMergesOfDifferentKeys_KeepEveryKey()
    {
        var user = await CreateUserAsync();
        var path = "/api/v2/users/" + Uri.EscapeDataString((string)user["user_id"]!);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => SendAsync(HttpMethod.Patch, path, new JsonObject { ["app_metadata"] = new JsonObject { [$"k{i}"] = i } }.ToJsonString(), AllScopes)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var (_, final) = await GetAsync(path);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"k{i}").Order(StringComparer.Ordinal), final!["app_metadata"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Patch_ProfileBlockedEmail_ChangesThemAndNewEmailIsUnverified()
    {
        var user = await CreateUserAsync(new JsonObject { ["email_verified"] = true });
        var path = "/api/v2/users/" + Uri.EscapeDataString((string)user["user_id"]!);
        var newEmail = UniqueEmail("moved");

        var (status, patched) = await SendAsync(HttpMethod.Patch, path,
            new JsonObject { ["blocked"] = true, ["email"] = newEmail, ["name"] = "Ada Lovelace", ["nickname"] = "ada", ["family_name"] = "Lovelace", ["picture"] = "https://example.com/a.png", ["phone_number"] = "+14155550100" }.ToJsonString(), AllScopes);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)patched!["blocked"]!);
        Assert.Equal(newEmail, (string)patched["email"]!);
        Assert.False((bool)patched["email_verified"]!);
        Assert.Equal("Ada Lovelace", (string)patched["name"]!);
        Assert.Equal("ada", (string)patched["nickname"]!);
        Assert.Equal("Lovelace", (string)patched["family_name"]!);
        Assert.Equal("https://example.com/a.png", (string)patched["picture"]!);
        Assert.Equal("+14155550100", (string)patched["phone_number"]!);
    }

    [Fact]
    public async Task Patch_PasswordSetsLastPasswordResetWeakRefused()
    {
        var user = await CreateUserAsync();
        var path = "/api/v2/users/" + Uri.EscapeDataString((string)user["user_id"]!);

        var (weakStatus, weak) = await SendAsync(HttpMethod.Patch, path, """{"password":"short"}""", AllScopes);
        var (status, patched) = await SendAsync(HttpMethod.Patch, path, """{"password":"An0ther!Passw0rd"}""", AllScopes);

        Assert.Equal(HttpStatusCode.BadRequest, weakStatus);
        Assert.StartsWith("PasswordStrengthError: Password is too weak", (string)weak!["message"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(patched!["last_password_reset"]);
    }

    [Theory]
    [InlineData("""{"foo":1}""", "Payload validation error: 'Additional properties not allowed: foo'.")]
    [InlineData("""{"app_metadata":null}""", "Expected type object but found type null' on property app_metadata")]
    [InlineData("""{"blocked":"yes"}""", "Expected type boolean but found type string' on property blocked")]
    [InlineData("""{"user_metadata":{"a.b":1}}""", "on property user_metadata")]
    [InlineData("""{"picture":"ftp://x"}""", "on property picture")]
    public async Task Patch_BadBody_400(string json, string message)
    {
        var user = await CreateUserAsync();

        var (status, body) = await SendAsync(HttpMethod.Patch, "/api/v2/users/" + Uri.EscapeDataString((string)user["user_id"]!), json, AllScopes);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", message);
    }

    [Fact]
    public async Task Patch_EmailOfAnotherUser_409()
    {
        var taken = UniqueEmail("taken");
        await CreateUserAsync(email: taken);
        var user = await CreateUserAsync();

        var (status, body) = await SendAsync(HttpMethod.Patch, "/api/v2/users/" + Uri.EscapeDataString((string)user["user_id"]!),
            new JsonObject { ["email"] = taken }.ToJsonString(), AllScopes);

        Assert.Equal(HttpStatusCode.Conflict, status);
        AssertError(body, 409, "auth0_idp_error", "The user already exists.");
    }

    [Fact]
    public async Task Patch_AppMetadataScopeOnly_MetadataAllowedOtherFields403()
    {
        var user = await CreateUserAsync();
        var path = "/api/v2/users/" + Uri.EscapeDataString((string)user["user_id"]!);
        var token = App.Issuer.Token("update:users_app_metadata");

        var (okStatus, _) = await SendAsync(HttpMethod.Patch, path, """{"app_metadata":{"plan":"x"}}""", token);
        var (status, body) = await SendAsync(HttpMethod.Patch, path, """{"blocked":true}""", token);

        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(body, 403, "insufficient_scope", "Insufficient scope, expected any of: update:users");
    }

    [Fact]
    public async Task Changes_AreAuditedWithTheApplicationAndNoValues()
    {
        var user = await CreateUserAsync(new JsonObject { ["app_metadata"] = new JsonObject { ["plan"] = "free" } });
        var id = (string)user["user_id"]!;
        var path = "/api/v2/users/" + Uri.EscapeDataString(id);

        await SendAsync(HttpMethod.Patch, path, """{"app_metadata":{"plan":"secret-plan-value"},"blocked":true,"password":"An0ther!Passw0rd"}""", App.Issuer.Token("update:users", clientId: "audited-app"));
        await SendAsync(HttpMethod.Delete, path, token: App.Issuer.Token("delete:users", clientId: "audited-app"));

        var entries = await App.Services.GetRequiredService<IIdentityAuditLog>().ListAsync(IdentityAuditSubjects.User, id);
        Assert.Equal(["deleted", "updated", "created"], entries.Select(e => e.Action));
        Assert.All(entries.Take(2), e => Assert.Equal((ActorKind.Application, "audited-app"), (e.ActorKind, e.Actor)));
        Assert.Equal("Changed: blocked (now blocked), app_metadata (plan), password.", entries[1].Details);
        Assert.DoesNotContain(entries, e => e.Details.Contains("secret-plan-value", StringComparison.Ordinal) || e.Details.Contains("Passw0rd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_RemovesUserThen404()
    {
        var user = await CreateUserAsync();
        var path = "/api/v2/users/" + Uri.EscapeDataString((string)user["user_id"]!);

        var (status, _) = await SendAsync(HttpMethod.Delete, path, token: AllScopes);
        var (again, body) = await SendAsync(HttpMethod.Delete, path, token: AllScopes);

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(HttpStatusCode.NotFound, again);
        AssertError(body, 404, "inexistent_user", "The user does not exist.");
    }

    [Fact]
    public async Task List_QueryForms_MatchTheRightUsers()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..8];
        var jo = await CreateUserAsync(new JsonObject { ["name"] = "Jo March", ["app_metadata"] = new JsonObject { ["tag"] = tag, ["plan"] = "gold", ["roles"] = new JsonArray("admin", "dev"), ["seats"] = 5 } });
        var amy = await CreateUserAsync(new JsonObject { ["name"] = "Amy March", ["app_metadata"] = new JsonObject { ["tag"] = tag, ["plan"] = "free", ["seats"] = 1 }, ["blocked"] = true });
        var beth = await CreateUserAsync(new JsonObject { ["name"] = "Beth", ["app_metadata"] = new JsonObject { ["tag"] = tag, ["plan"] = "gold \"quoted\"" } });
        async Task<string[]> Ids(string q)
        {
            var (status, body) = await GetAsync("/api/v2/users?search_engine=v3&sort=name:1&q=" + Uri.EscapeDataString($"app_metadata.tag:\"{tag}\" AND ({q})"));
            Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
            return [.. body!.AsArray().Select(u => (string)u!["name"]!)];
        }

        Assert.Equal(["Jo March"], await Ids($"email:\"{((string)jo["email"]!).ToUpperInvariant()}\""));
        Assert.Equal(["Amy March"], await Ids($"user_id:\"{amy["user_id"]}\""));
        Assert.Equal(["Jo March"], await Ids("app_metadata.plan:\"gold\""));
        Assert.Equal(["Beth"], await Ids("app_metadata.plan:\"gold \\\"quoted\\\"\""));
        Assert.Equal(["Jo March"], await Ids("name:jo*"));
        Assert.Equal(["Amy March", "Jo March"], await Ids("name:\"Jo March\" OR name:\"Amy March\""));
        Assert.Equal(["Beth", "Jo March"], await Ids("NOT blocked:true AND NOT name:nobody"));
        Assert.Equal(["Amy March", "Beth"], await Ids("-app_metadata.roles:admin"));
        Assert.Equal(["Jo March"], await Ids("app_metadata.roles:\"dev\""));
        Assert.Equal(["Jo March"], await Ids("app_metadata.seats:[2 TO 10]"));
        Assert.Equal(["Amy March", "Jo March"], await Ids("_exists_:app_metadata.seats"));
        Assert.Equal(["Amy March", "Jo March"], await Ids("(name:*March) AND (app_metadata.plan:gold OR blocked:true)"));
    }

    [Fact]
    public async Task List_IncludeTotalsAndPaging_Auth0PageShape()
    {
        var tag = "p" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
            await CreateUserAsync(new JsonObject { ["app_metadata"] = new JsonObject { ["tag"] = tag } });

        var (status, page) = await GetAsync($"/api/v2/users?include_totals=true&page=1&per_page=2&q=app_metadata.tag:{tag}&sort=created_at:1&fields=user_id");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["start", "limit", "length", "total", "users"], page!.AsObject().Select(p => p.Key));
        Assert.Equal(2, (int)page["start"]!);
        Assert.Equal(2, (int)page["limit"]!);
        Assert.Equal(1, (int)page["length"]!);
        Assert.Equal(3, (int)page["total"]!);
        Assert.Equal(["user_id"], page["users"]![0]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("q=email:", "Expected a value after 'email:'")]
    [InlineData("q=(name:a", "The '(' at position 1 is not closed")]
    [InlineData("q=name:\"abc", "The quoted phrase starting at position 6 is not closed")]
    [InlineData("q=name:a)", "Unexpected ')' at position 7")]
    [InlineData("q=foo:bar", "Unknown field 'foo'")]
    [InlineData("q=blocked:maybe", "takes true or false")]
    [InlineData("q=app_metadata.a'b:1", "is not a metadata path")]
    [InlineData("sort=email:2", "on property sort")]
    [InlineData("sort=password:1", "Cannot sort by 'password'")]
    [InlineData("search_engine=v1", "on property search_engine")]
    [InlineData("fields=secret", "Unknown field 'secret'")]
    [InlineData("per_page=101", "on property per_page")]
    [InlineData("bogus=1", "Additional properties not allowed: bogus")]
    public async Task List_BadQuery_400InvalidQueryString(string query, string message)
    {
        var (status, body) = await GetAsync("/api/v2/users?" + query.Replace("\"", "%22", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_query_string", message);
    }

    [Fact]
    public async Task UsersByEmail_AnyCase_ArrayOfTheUser()
    {
        var email = UniqueEmail("ByEmail");
        var user = await CreateUserAsync(email: email);

        var (status, found) = await GetAsync("/api/v2/users-by-email?email=" + Uri.EscapeDataString(email.ToLowerInvariant()));
        var (_, none) = await GetAsync("/api/v2/users-by-email?email=nobody%40example.com");
        var (missingStatus, missing) = await GetAsync("/api/v2/users-by-email");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((string)user["user_id"]!, (string)found![0]!["user_id"]!);
        Assert.Empty(none!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, missingStatus);
        AssertError(missing, 400, "invalid_query_string", "Missing required property: email");
    }

    [Theory]
    [InlineData("GET", "/api/v2/users", "read:hooks", "read:users")]
    [InlineData("POST", "/api/v2/users", "read:users", "create:users")]
    [InlineData("DELETE", "/api/v2/users/x", "update:users", "delete:users")]
    [InlineData("PATCH", "/api/v2/users/x", "read:users", "update:users,update:users_app_metadata")]
    [InlineData("GET", "/api/v2/users/x", "update:users", "read:users,read:users_app_metadata")]
    [InlineData("GET", "/api/v2/users-by-email?email=a%40b.c", "create:users", "read:users")]
    public async Task Endpoint_WithoutScope_403ExpectedAnyOf(string method, string path, string granted, string expected)
    {
        var (status, body) = await SendAsync(new HttpMethod(method), path, method is "POST" or "PATCH" ? "{}" : null, App.Issuer.Token(granted));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(body, 403, "insufficient_scope", $"Insufficient scope, expected any of: {expected}");
    }
}
