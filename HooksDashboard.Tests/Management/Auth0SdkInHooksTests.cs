using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Events;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Management;

/// <summary>
/// The real <c>auth0</c> npm package inside hooks, installed by the app's own installer from the public registry
/// (category <c>Registry</c>), against the running server: the hook's SDK is given <c>domain</c> = the issuer's host,
/// so every request it makes (its own token request included) goes to this server over its own-server route.
/// </summary>
[Trait("Category", "Registry")]
public sealed class Auth0SdkInHooksTests(Auth0SdkInHooksTests.Server server) : IClassFixture<Auth0SdkInHooksTests.Server>
{
    /// <summary>The exact versions the hooks pin (Auth0 hooks pinned them in require('auth0@x.y.z')).</summary>
    public const string V4 = "4.37.1";

    private const string PostRegistrationV4 = """
        const { ManagementClient } = require('auth0@4.37.1');
        module.exports = async function (user, context, cb) {
          const s = context.webtask.secrets;
          const management = new ManagementClient({ domain: s.domain, clientId: s['client-id'], clientSecret: s['client-secret'] });
          await management.users.update({ id: 'auth0|' + user.id }, { app_metadata: { plan: 'gold-v4' } });
          cb();
        };
        """;

    [Fact]
    public async Task PostUserRegistrationHookWithAuth0V4_SetsAppMetadataPlan_ShownByGetUser()
    {
        await server.EnableAsync(PostUserRegistrationPoint.TriggerId, PostRegistrationV4, V4);

        var userId = await server.SignUpAsync("v4-" + Guid.NewGuid().ToString("N")[..8] + "@example.com");

        var user = await server.WaitForUserAsync(userId, u => u["app_metadata"]?["plan"] is not null);
        Assert.Equal("gold-v4", (string?)user["app_metadata"]!["plan"]);
    }

    [Fact]
    public async Task ManagementAndAuthenticationClientsV4_InsideAHook_WorkAgainstThisServer()
    {
        const string Script = """
            const { ManagementClient, AuthenticationClient } = require('auth0');
            module.exports = async function (user, context, cb) {
              const s = context.webtask.secrets;
              const options = { domain: s.domain, clientId: s['client-id'], clientSecret: s['client-secret'] };
              const out = {};
              const grant = await new AuthenticationClient(options).oauth.clientCredentialsGrant({ audience: 'https://' + s.domain + '/api/v2/' });
              out.grant = { tokenType: grant.data.token_type, hasToken: grant.data.access_token.split('.').length === 3 };
              const m = new ManagementClient(options);
              const email = 'sdk-' + Date.now() + '@example.com';
              const created = (await m.users.create({ connection: 'Username-Password-Authentication', email: email, password: 'Passw0rd!Long' })).data;
              out.got = (await m.users.get({ id: created.user_id })).data.email === email;
              const updated = (await m.users.update({ id: created.user_id }, { user_metadata: { theme: 'dark' }, app_metadata: { plan: 'gold' } })).data;
              out.updated = { user_metadata: updated.user_metadata, app_metadata: updated.app_metadata };
              out.byEmail = (await m.usersByEmail.getByEmail({ email: email })).data.map(u => u.user_id === created.user_id);
              out.search = (await m.users.getAll({ q: 'email:"' + email + '"', search_engine: 'v3' })).data.length;
              out.client = (await m.clients.get({ client_id: s['client-id'] })).data.client_id === s['client-id'];
              out.clients = (await m.clients.getAll()).data.some(c => c.client_id === s['client-id']);
              await m.users.delete({ id: created.user_id });
              try { await m.users.get({ id: created.user_id }); out.afterDelete = 'found'; } catch (e) { out.afterDelete = e.statusCode; }
              cb(null, out);
            };
            """;

        var result = await server.TestAsync(PostChangePasswordPoint.TriggerId, Script, V4);

        Assert.True(result.IsSuccess, $"{result.Error?.Name}: {result.Error?.Message}\n{string.Join('\n', result.Logs.Select(l => l.Message))}");
        Assert.Equal(
            """{"grant":{"tokenType":"Bearer","hasToken":true},"got":true,"updated":{"user_metadata":{"theme":"dark"},"app_metadata":{"plan":"gold"}},"byEmail":[true],"search":1,"client":true,"clients":true,"afterDelete":404}""",
            result.Data!.ToJsonString());
        // Every request went to this server's public host; none needed an egress allowance.
        Assert.All(result.Requests, r => Assert.StartsWith("https://" + Server.Domain + "/", r.Url, StringComparison.Ordinal));
    }

    private const string PostRegistrationV2 = """
        const ManagementClient = require('auth0@VERSION').ManagementClient;
        module.exports = function (user, context, cb) {
          const s = context.webtask.secrets;
          const management = new ManagementClient({ domain: s.domain, clientId: s['client-id'], clientSecret: s['client-secret'], scope: 'update:users' });
          management.updateAppMetadata({ id: 'auth0|' + user.id }, { plan: 'gold-v2' }, function (err) { cb(err); });
        };
        """;

    /// <summary>
    /// 2.17.0's module graph keeps about 69 MB of engine objects, more than the default 64 MB call limit: it loads
    /// because module evaluation has its own room (ModuleMemoryBytes), under the default limits.
    /// </summary>
    [Theory]
    [InlineData("2.42.0")]
    [InlineData("2.17.0")]
    public async Task PostUserRegistrationHookWithAuth0V2_SetsAppMetadataPlan_ShownByGetUser(string version)
    {
        await server.EnableAsync(PostUserRegistrationPoint.TriggerId, PostRegistrationV2.Replace("VERSION", version, StringComparison.Ordinal), version);

        var userId = await server.SignUpAsync("v2-" + Guid.NewGuid().ToString("N")[..8] + "@example.com");

        var user = await server.WaitForUserAsync(userId, u => u["app_metadata"]?["plan"] is not null);
        Assert.Equal("gold-v2", (string?)user["app_metadata"]!["plan"]);
    }

    /// <summary>The v2 API (kept by v3): promise-returning methods, errors with statusCode.</summary>
    [Theory]
    [InlineData("2.42.0")]
    [InlineData("3.7.2")]
    public async Task ManagementAndAuthenticationClientsV2V3_InsideAHook_WorkAgainstThisServer(string version)
    {
        var script = """
            const auth0 = require('auth0@VERSION');
            module.exports = async function (user, context, cb) {
              const s = context.webtask.secrets;
              const options = { domain: s.domain, clientId: s['client-id'], clientSecret: s['client-secret'] };
              const m = new auth0.ManagementClient(Object.assign({ scope: 'read:users update:users delete:users create:users read:clients' }, options));
              const out = {};
              const grant = await new auth0.AuthenticationClient(options).clientCredentialsGrant({ audience: 'https://' + s.domain + '/api/v2/' });
              out.grant = { tokenType: grant.token_type, hasToken: grant.access_token.split('.').length === 3 };
              const email = 'sdk-' + Date.now() + '@example.com';
              const id = (await m.createUser({ connection: 'Username-Password-Authentication', email: email, password: 'Passw0rd!Long' })).user_id;
              out.got = (await m.getUser({ id: id })).email === email;
              out.name = (await m.updateUser({ id: id }, { name: 'SDK user' })).name;
              out.app_metadata = (await m.updateAppMetadata({ id: id }, { plan: 'gold' })).app_metadata;
              out.user_metadata = (await m.updateUserMetadata({ id: id }, { theme: 'dark' })).user_metadata;
              out.byEmail = (await m.getUsersByEmail(email)).map(u => u.user_id === id);
              out.search = (await m.getUsers({ q: 'email:"' + email + '"', search_engine: 'v3' })).length;
              out.client = (await m.getClient({ client_id: s['client-id'] })).client_id === s['client-id'];
              out.clients = (await m.getClients()).some(c => c.client_id === s['client-id']);
              await m.deleteUser({ id: id });
              try { await m.getUser({ id: id }); out.afterDelete = 'found'; } catch (e) { out.afterDelete = e.statusCode; }
              cb(null, out);
            };
            """.Replace("VERSION", version, StringComparison.Ordinal);

        var result = await server.TestAsync(PostChangePasswordPoint.TriggerId, script, version);

        Assert.True(result.IsSuccess, $"{result.Error?.Name}: {result.Error?.Message} (line {result.Error?.Line}) {result.Error?.Details?.ToJsonString()}\n{string.Join('\n', result.Logs.Select(l => l.Message))}");
        Assert.Equal(
            """{"grant":{"tokenType":"Bearer","hasToken":true},"got":true,"name":"SDK user","app_metadata":{"plan":"gold"},"user_metadata":{"theme":"dark"},"byEmail":[true],"search":1,"client":true,"clients":true,"afterDelete":404}""",
            result.Data!.ToJsonString());
        Assert.All(result.Requests, r => Assert.StartsWith("https://" + Server.Domain + "/", r.Url, StringComparison.Ordinal));
    }

    /// <summary>One running server for the class; the app installs each pinned auth0 version once, from the public registry.</summary>
    public sealed class Server : IDisposable
    {
        public const string Domain = "tenant.example.com";
        private const string ClientId = "hooks-sdk-client";
        private const string ClientSecret = "hooks-sdk-client-secret-of-at-least-32-characters";
        private readonly KestrelAppFactory _app = new();
        private readonly HttpClient _http;
        private readonly SemaphoreSlim _gate = new(1, 1);

        public Server()
        {
            _app.Settings["Issuer"] = $"https://{Domain}/";
            _app.Settings["Packages:RegistryUrl"] = "https://registry.npmjs.org/";
            _app.Settings["Bootstrap:ClientId"] = ClientId;
            _app.Settings["Bootstrap:ClientSecret"] = ClientSecret;
            // SDK calls take several round trips to this server each.
            _app.Settings["Execution:Defaults:TimeoutMs"] = "20000";
            _http = new HttpClient { BaseAddress = new Uri(_app.Address) };
        }

        private IHookStore Hooks => _app.Services.GetRequiredService<IHookStore>();

        private static Dictionary<string, string> Secrets => new() { ["domain"] = Domain, ["client-id"] = ClientId, ["client-secret"] = ClientSecret };

        /// <summary>Saves and enables the point's hook with <c>auth0</c> at <paramref name="version"/> (installed on save).</summary>
        public async Task EnableAsync(string triggerId, string script, string version)
        {
            await _gate.WaitAsync();
            try
            {
                foreach (var old in await Hooks.ListAsync(new HookQuery(TriggerId: triggerId)))
                    await Hooks.DeleteAsync(old.Id);
                var hook = await Hooks.CreateAsync(new NewHook("SDK " + Guid.NewGuid().ToString("N")[..8], triggerId, script, Enabled: true,
                    new Dictionary<string, string> { ["auth0"] = version }));
                await Hooks.AddSecretsAsync(hook.Id, Secrets);
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Runs the script as the test panel does, with <c>auth0</c> at <paramref name="version"/> and the SDK's secrets.</summary>
        public async Task<ExecutionResult> TestAsync(string triggerId, string script, string version)
        {
            var hook = await Hooks.CreateAsync(new NewHook("SDK test " + Guid.NewGuid().ToString("N")[..8], triggerId, script, Enabled: false,
                new Dictionary<string, string> { ["auth0"] = version }));
            await Hooks.AddSecretsAsync(hook.Id, Secrets);
            return await _app.Services.GetRequiredService<IHookRunner>().TestAsync(hook.Id, script, null);
        }

        /// <summary>Signs a user up through /dbconnections/signup; returns the user id.</summary>
        public async Task<string> SignUpAsync(string email)
        {
            using var response = await _http.PostAsJsonAsync("/dbconnections/signup", new
            {
                client_id = ClientId,
                connection = "Username-Password-Authentication",
                email,
                password = "Passw0rd!Long",
            });
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
            return "auth0|" + (string)body["_id"]!;
        }

        /// <summary>GET /api/v2/users/{id} until <paramref name="done"/> holds (the post-* hook runs after the sign-up answered).</summary>
        public async Task<JsonObject> WaitForUserAsync(string userId, Func<JsonObject, bool> done)
        {
            var token = await ManagementTokenAsync();
            JsonObject user = [];
            for (var attempt = 0; attempt < 300; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/users/" + Uri.EscapeDataString(userId));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await _http.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                user = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                if (done(user))
                    return user;
                var events = await _app.Services.GetRequiredService<IHookEventStore>().ListAsync(PostUserRegistrationPoint.TriggerId);
                if (events.FirstOrDefault(e => e.Payload.Contains(userId[6..], StringComparison.Ordinal)) is { Status: HookEventStatus.Done or HookEventStatus.Failed } finished)
                    Assert.Fail($"The hook's event ended ({finished.Status}) without the change: {finished.LastError}\n{finished.Result}");
                await Task.Delay(200);
            }

            Assert.Fail("The hook did not change the user in time: " + user.ToJsonString());
            return user;
        }

        private async Task<string> ManagementTokenAsync()
        {
            using var response = await _http.PostAsJsonAsync("/oauth/token", new
            {
                grant_type = "client_credentials",
                client_id = ClientId,
                client_secret = ClientSecret,
                audience = $"https://{Domain}/api/v2/",
            });
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
            return (string)body["access_token"]!;
        }

        public void Dispose()
        {
            _http.Dispose();
            _app.Dispose();
            _gate.Dispose();
        }
    }
}
