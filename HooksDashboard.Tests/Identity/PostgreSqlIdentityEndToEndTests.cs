using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Events;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Identity.Tokens;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using HooksDashboard.Tests.Users;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HooksDashboard.Tests.Identity;

/// <summary>
/// The whole app on PostgreSQL only (<c>Storage:Provider=PostgreSQL</c>, an empty database it migrates itself):
/// tokens for a client-credentials grant and sign-ups with pre- and post-user-registration hooks, every row read
/// back from PostgreSQL.
/// </summary>
public sealed class PostgreSqlIdentityEndToEndTests : IAsyncLifetime
{
    private const string Audience = "https://orders.example.com/";

    private PostgreSqlServer _server = null!;
    private string _database = null!;
    private UsersTestHost _host = null!;

    private UsersAppFactory App => _host.App;

    public async Task InitializeAsync()
    {
        _server = await PostgreSqlServer.GetAsync();
        _database = await _server.CreateDatabaseAsync(migrated: false);
        _host = UsersTestHost.Create(new Dictionary<string, string?>
        {
            [StorageOptions.ProviderKey] = nameof(StorageProvider.PostgreSQL),
            ["ConnectionStrings:" + StorageOptions.ConnectionStringName] = _server.ConnectionString(_database),
            ["Issuer"] = "https://tenant.example.com/",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DropDatabaseAsync(_database);
    }

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString(_database));
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    /// <summary>The answer and the server's log, for a failure message.</summary>
    private async Task<string> DescribeAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{string.Join('\n', App.Logs.Messages.TakeLast(20))}";

    [Fact]
    public async Task Token_ClientCredentialsGrantWithHook_IssuedFromPostgreSqlRows()
    {
        Assert.Equal(StorageProvider.PostgreSQL, App.Services.GetRequiredService<IDatabase>().Provider);
        var application = await App.Services.GetRequiredService<IApplicationStore>().CreateAsync(new NewApplication("Orders worker"));
        var api = await App.Services.GetRequiredService<IResourceServerStore>().CreateAsync(
            new NewResourceServer(Audience, "Orders", [new("read:orders", "Read"), new("write:orders", "Write")], 600));
        await App.Services.GetRequiredService<IClientGrantStore>().CreateAsync(application.Application.ClientId, api.Id, ["read:orders"]);
        await App.AddHookAsync(CredentialsExchangePoint.TriggerId,
            "module.exports = function (client, scope, audience, context, cb) { cb(null, { scope: scope, 'https://example.com/app': client.name }); };");

        // In process first: an exception here shows its stack (the endpoint answers a bare 500).
        var direct = await App.Services.GetRequiredService<IClientCredentialsExchange>().ExchangeAsync(
            new ClientCredentialsRequest(application.Application.ClientId, application.ClientSecret, Audience, null), null);
        Assert.NotNull(direct.Token);
        var response = await _host.Client.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = application.Application.ClientId,
            ["client_secret"] = application.ClientSecret,
            ["audience"] = Audience,
        }));
        var wrongSecret = await _host.Client.PostAsJsonAsync("/oauth/token", new
        {
            grant_type = "client_credentials",
            client_id = application.Application.ClientId,
            client_secret = application.ClientSecret + "x",
            audience = Audience,
        });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await DescribeAsync(response));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("read:orders", (string?)body["scope"]);
        var validation = await App.Services.GetRequiredService<IAccessTokenIssuer>().ValidateAsync((string)body["access_token"]!, Audience);
        Assert.True(validation.IsValid, validation.Error);
        Assert.Equal("Orders worker", (string?)validation.Claims!["https://example.com/app"]);
        Assert.Equal(application.Application.ClientId + "@clients", (string?)validation.Claims["sub"]);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM client_grants g JOIN apis a ON a.id = g.api_id WHERE g.client_id = @Id AND a.identifier = @Audience;",
            new { Id = application.Application.ClientId, Audience }));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM signing_keys;"));
    }

    [Fact]
    public async Task SignUp_PreAndPostRegistrationHooks_UserStoredOnPostgreSqlAndPostEventProcessed()
    {
        await App.AddHookAsync(PreUserRegistrationPoint.TriggerId,
            "module.exports = function (user, context, cb) { cb(null, { user: { app_metadata: { plan: 'gold' } } }); };");
        await App.AddHookAsync(PostUserRegistrationPoint.TriggerId,
            "module.exports = function (user, context, cb) { cb(null, { seen: user.email, id: user.id, plan: user.app_metadata && user.app_metadata.plan }); };");

        var response = await _host.SignUpAsync("New.User@Example.com", username: "newuser");
        var duplicate = await _host.SignUpAsync("new.user@EXAMPLE.com");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await DescribeAsync(response));
        var id = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["_id"]!;
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal("invalid_signup", (string?)JsonNode.Parse(await duplicate.Content.ReadAsStringAsync())!["code"]);
        Assert.Equal("""{"plan":"gold"}""", await ScalarAsync<string>("SELECT app_metadata FROM users WHERE id = @Id;", new { Id = "auth0|" + id }));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM users;"));

        var done = await App.WaitForEventAsync(e => e.TriggerId == PostUserRegistrationPoint.TriggerId, e => e.Status is HookEventStatus.Done or HookEventStatus.Failed);
        Assert.Equal(HookEventStatus.Done, done.Status);
        var data = JsonNode.Parse(done.Result!)!["data"]!;
        Assert.Equal("New.User@Example.com", (string?)data["seen"]);
        Assert.Equal(id, (string?)data["id"]);
        Assert.Equal("gold", (string?)data["plan"]);
        Assert.Equal("done", await ScalarAsync<string>("SELECT status FROM hook_events WHERE id = @Id;", new { done.Id }));
    }
}
