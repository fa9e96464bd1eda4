using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;

namespace HooksDashboard.Tests.Users;

public sealed class SignupEndpointTests : IAsyncLifetime
{
    private UsersTestHost _host = null!;

    private UsersAppFactory _app => _host.App;

    private HttpClient _client => _host.Client;

    public Task InitializeAsync()
    {
        _host = UsersTestHost.Create(new Dictionary<string, string?>
        {
            // A hook that never calls cb fails fast here instead of after Auth0's 20 s.
            ["Execution:Points:pre-user-registration:TimeoutMs"] = "300",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)!;

    [Fact]
    public async Task SignUp_ValidJson_StoresUserAndAnswersLikeAuth0()
    {
        var response = await _host.SignUpAsync("Ann@Example.com", username: "ann", userMetadata: new JsonObject { ["hobby"] = "surfing" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Matches("^[0-9a-f]{24}$", body["_id"]!.GetValue<string>());
        Assert.Equal("Ann@Example.com", body["email"]!.GetValue<string>());
        Assert.False(body["email_verified"]!.GetValue<bool>());
        Assert.Equal("ann", body["username"]!.GetValue<string>());
        Assert.Equal("surfing", body["user_metadata"]!["hobby"]!.GetValue<string>());

        var stored = await _app.Users.GetAsync("auth0|" + body["_id"]!.GetValue<string>());
        Assert.NotNull(stored);
        Assert.Equal("ann", stored.Username);
        Assert.StartsWith("con_", stored.ConnectionId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_Form_StoresUser()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = await _app.ClientIdAsync(),
            ["connection"] = UsersAppFactory.Connection,
            ["email"] = "form@example.com",
            ["password"] = UsersAppFactory.StrongPassword,
            ["user_metadata"] = """{"plan":"basic"}""",
        });

        var response = await _client.PostAsync("/dbconnections/signup", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("basic", (await JsonAsync(response))["user_metadata"]!["plan"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("client_id")]
    [InlineData("connection")]
    [InlineData("email")]
    [InlineData("password")]
    public async Task SignUp_MissingField_Answers400InvalidBodyNamingIt(string field)
    {
        var body = new JsonObject
        {
            ["client_id"] = await _app.ClientIdAsync(),
            ["connection"] = UsersAppFactory.Connection,
            ["email"] = "missing@example.com",
            ["password"] = UsersAppFactory.StrongPassword,
        };
        body.Remove(field);

        var response = await _client.PostAsJsonAsync("/dbconnections/signup", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonAsync(response);
        Assert.Equal("BadRequestError", error["name"]!.GetValue<string>());
        Assert.Equal("invalid_body", error["code"]!.GetValue<string>());
        Assert.Equal($"Missing required property: {field}", error["description"]!.GetValue<string>());
        Assert.Equal(400, error["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task SignUp_UnknownClient_Answers400InvalidClientAndStoresNothing()
    {
        var response = await _client.PostAsJsonAsync("/dbconnections/signup", new
        {
            client_id = "no-such-client",
            connection = UsersAppFactory.Connection,
            email = "stranger@example.com",
            password = UsersAppFactory.StrongPassword,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonAsync(response);
        Assert.Equal("invalid_client", error["code"]!.GetValue<string>());
        Assert.Equal("Unknown client: no-such-client", error["description"]!.GetValue<string>());
        Assert.Equal(0, (await _app.Users.SearchAsync("stranger@", 0, 10)).Total);
    }

    [Fact]
    public async Task SignUp_NotJsonNorForm_Answers400InvalidBody()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        var response = await _client.PostAsync("/dbconnections/signup", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_body", (await JsonAsync(response))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignUp_UnknownConnection_Answers400InvalidConnection()
    {
        var response = await _client.PostAsJsonAsync("/dbconnections/signup", new
        {
            client_id = await _app.ClientIdAsync(),
            connection = "Nope",
            email = "who@example.com",
            password = UsersAppFactory.StrongPassword,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonAsync(response);
        Assert.Equal("invalid_connection", error["code"]!.GetValue<string>());
        Assert.Contains("Nope", error["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email", null)]
    [InlineData("user@", null)]
    [InlineData("ok@example.com", "has space")]
    [InlineData("ok@example.com", "sixteen-chars-xx")]
    public async Task SignUp_InvalidEmailOrUsername_Answers400InvalidBody(string email, string? username)
    {
        var response = await _host.SignUpAsync(email, username: username);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_body", (await JsonAsync(response))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignUp_MetadataNotStrings_Answers400InvalidBody()
    {
        var response = await _host.SignUpAsync("meta@example.com", userMetadata: new JsonObject { ["age"] = 42 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("user_metadata.age", (await JsonAsync(response))["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_WeakPassword_AnswersPasswordStrengthErrorWithRules()
    {
        var response = await _host.SignUpAsync("weak@example.com", password: "password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonAsync(response);
        Assert.Equal("PasswordStrengthError", error["name"]!.GetValue<string>());
        Assert.Equal("Password is too weak", error["message"]!.GetValue<string>());
        Assert.Equal("invalid_password", error["code"]!.GetValue<string>());
        Assert.False(error["description"]!["verified"]!.GetValue<bool>());
        var rules = error["description"]!["rules"]!.AsArray();
        Assert.Equal("lengthAtLeast", rules[0]!["code"]!.GetValue<string>());
        Assert.True(rules[0]!["verified"]!.GetValue<bool>());
        Assert.Equal("containsAtLeast", rules[1]!["code"]!.GetValue<string>());
        Assert.False(rules[1]!["verified"]!.GetValue<bool>());
        Assert.Equal(4, rules[1]!["items"]!.AsArray().Count);
        Assert.Equal(0, (await _app.Users.SearchAsync("weak@", 0, 10)).Total);
    }

    [Fact]
    public async Task SignUp_DuplicateEmailInAnotherCase_AnswersInvalidSignup()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.SignUpAsync("dup@example.com")).StatusCode);

        var response = await _host.SignUpAsync("DUP@Example.COM");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonAsync(response);
        Assert.Equal("""{"name":"BadRequestError","code":"invalid_signup","description":"Invalid sign up","statusCode":400}""", error.ToJsonString());
    }

    [Fact]
    public async Task SignUp_DuplicateUsername_AnswersInvalidSignup()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.SignUpAsync("first@example.com", username: "sam")).StatusCode);

        var response = await _host.SignUpAsync("second@example.com", username: "Sam");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_signup", (await JsonAsync(response))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignUp_HookDenies_AnswersFriendlyMessageInDescriptionAndStoresNothing()
    {
        await _app.AddHookAsync(PreUserRegistrationPoint.TriggerId, """
            module.exports = function (user, context, cb) {
              cb(new PreUserRegistrationError('blocked domain ' + user.email, 'Sign-ups from this domain are not allowed.'));
            };
            """);

        var response = await _host.SignUpAsync("eve@blocked.example");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonAsync(response);
        Assert.Equal("extensibility_error", error["code"]!.GetValue<string>());
        Assert.Equal("Sign-ups from this domain are not allowed.", error["description"]!.GetValue<string>());
        Assert.Equal(0, (await _app.Users.SearchAsync("eve@", 0, 10)).Total);
    }

    [Fact]
    public async Task SignUp_HookAddsMetadata_StoresIt()
    {
        await _app.AddHookAsync(PreUserRegistrationPoint.TriggerId, """
            module.exports = function (user, context, cb) {
              cb(null, { user: { user_metadata: { lang: context.requestLanguage, tenant: user.tenant }, app_metadata: { plan: 'gold', 'bad.key': 1 } } });
            };
            """);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dbconnections/signup")
        {
            Content = JsonContent.Create(new
            {
                client_id = await _app.ClientIdAsync(),
                connection = UsersAppFactory.Connection,
                email = "meta@example.com",
                password = UsersAppFactory.StrongPassword,
                user_metadata = new { hobby = "chess" },
            }),
        };
        request.Headers.AcceptLanguage.ParseAdd("fr-CA, en;q=0.5");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        var stored = await _app.Users.GetAsync("auth0|" + body["_id"]!.GetValue<string>());
        Assert.Equal("""{"hobby":"chess","lang":"fr-ca","tenant":"hooksdashboard"}""", stored!.UserMetadata.ToJsonString());
        Assert.Equal("""{"plan":"gold"}""", stored.AppMetadata.ToJsonString());
    }

    [Fact]
    public async Task SignUp_HookTimesOut_AnswersErrorWithoutInternalsAndStoresNothing()
    {
        await _app.AddHookAsync(PreUserRegistrationPoint.TriggerId, "module.exports = function (user, context, cb) { /* never calls cb */ };");

        var response = await _host.SignUpAsync("slow@example.com");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = await JsonAsync(response);
        Assert.Equal("extensibility_error", error["code"]!.GetValue<string>());
        var description = error["description"]!.GetValue<string>();
        Assert.DoesNotContain("timeout", description, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ms", description.Split(' '), StringComparer.Ordinal);
        Assert.Equal(0, (await _app.Users.SearchAsync("slow@", 0, 10)).Total);
    }

    [Fact]
    public async Task SignUp_HookThrows_AnswersErrorWithoutTheExceptionMessage()
    {
        await _app.AddHookAsync(PreUserRegistrationPoint.TriggerId, "module.exports = function (user, context, cb) { throw new TypeError('secret internals'); };");

        var response = await _host.SignUpAsync("crash@example.com");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("secret internals", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_HookGetsTheContractPayload()
    {
        await _app.AddHookAsync(PreUserRegistrationPoint.TriggerId, """
            module.exports = function (user, context, cb) {
              var ok = user.password === 'Str0ng!Passw0rd' && user.emailVerified === false && user.username === 'pat'
                && context.connection.name === 'Username-Password-Authentication' && /^con_[A-Za-z0-9]{16}$/.test(context.connection.id)
                && context.connection.tenant === user.tenant;
              cb(null, { user: { app_metadata: { payloadOk: ok } } });
            };
            """);

        var response = await _host.SignUpAsync("pat@example.com", username: "pat");

        var stored = await _app.Users.GetAsync("auth0|" + (await JsonAsync(response))["_id"]!.GetValue<string>());
        Assert.True(stored!.AppMetadata["payloadOk"]!.GetValue<bool>());
    }
}
