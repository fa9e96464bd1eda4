using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Events;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Identity.Users;
using HooksDashboard.Logs;
using HooksDashboard.Tests.TestHelpers;
using HooksDashboard.Tests.Users;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Hooks;

/// <summary>
/// A hook at every point that prints its secret, throws it, denies with it and returns it: the value must reach no
/// server log line and no byte of any file in the data folder (database, WAL, shared memory, key ring, signing key).
/// </summary>
public sealed class SecretsAtRestTests
{
    private const string Secret = "Zq9-distinctive-hook-secret-Wv4";
    private const string Audience = "https://api.example.com/";

    private static readonly Dictionary<string, string> Scripts = new()
    {
        // Denies with the secret when asked for one scope (logged as a denial), crashes with it otherwise (a failure).
        [CredentialsExchangePoint.TriggerId] = """
            module.exports = function (client, scope, audience, context, cb) {
              console.log('exchange ' + context.webtask.secrets.KEY);
              if (scope.length === 1) return cb(new InvalidScopeError('denied ' + context.webtask.secrets.KEY));
              throw new Error('exchange crashed ' + context.webtask.secrets.KEY);
            };
            """,
        [PreUserRegistrationPoint.TriggerId] = """
            module.exports = function (user, context, cb) {
              console.log('pre ' + context.webtask.secrets.KEY);
              if (user.email.indexOf('deny') === 0) throw new Error('pre crashed ' + context.webtask.secrets.KEY);
              cb(null, { user: { app_metadata: { seen: true } } });
            };
            """,
        [PostUserRegistrationPoint.TriggerId] = """
            module.exports = function (user, context, cb) {
              console.log('post ' + context.webtask.secrets.KEY);
              cb(new Error('post failed ' + context.webtask.secrets.KEY));
            };
            """,
        [PostChangePasswordPoint.TriggerId] = """
            module.exports = function (user, context, cb) {
              var result = { echoed: context.webtask.secrets.KEY };
              result[context.webtask.secrets.KEY] = true;
              console.log('changed %s', context.webtask.secrets.KEY, { key: context.webtask.secrets.KEY });
              cb(null, result);
            };
            """,
        [SendPhoneMessagePoint.TriggerId] = """
            module.exports = function (recipient, text, context, cb) {
              console.log('sms ' + context.webtask.secrets.KEY);
              cb(new Error('sms failed ' + context.webtask.secrets.KEY));
            };
            """,
    };

    [Fact]
    public async Task HooksAtEveryPoint_LeakTheirSecret_NoLogLineAndNoFileInTheDataFolderHoldsIt()
    {
        using var data = new TempDataDirectory();
        var app = new UsersAppFactory(data.Path);
        try
        {
            using var client = app.CreateClient();
            var hooks = new Dictionary<string, Hook>();
            foreach (var (triggerId, script) in Scripts)
            {
                hooks[triggerId] = await app.AddHookAsync(triggerId, script);
                await app.Hooks.AddSecretsAsync(hooks[triggerId].Id, new Dictionary<string, string> { ["KEY"] = Secret });
            }

            await RunEveryPointAsync(app, client, hooks);
            await app.Services.GetRequiredService<IExecutionLog>().FlushAsync();

            // The runs happened and were stored, redacted.
            var records = await app.Services.GetRequiredService<IExecutionLogQuery>().ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First(100));
            foreach (var hook in hooks.Values)
                Assert.Contains(records.Items, r => r.HookId == hook.Id && r.Logs.Any(l => l.Message.Contains(SecretRedactorMarker, StringComparison.Ordinal)));
            Assert.Contains(app.Logs.Messages, m => m.Contains("exchange crashed [redacted]", StringComparison.Ordinal));
            Assert.Contains(app.Logs.Messages, m => m.Contains("denied [redacted]", StringComparison.Ordinal));
            Assert.Contains(app.Logs.Messages, m => m.Contains("pre crashed [redacted]", StringComparison.Ordinal));
            Assert.Contains(app.Logs.Messages, m => m.Contains("post failed [redacted]", StringComparison.Ordinal));

            // While the server runs (WAL and shared memory present), and after it stopped (checkpointed).
            AssertNoFileHoldsTheSecret(data.Path);
        }
        finally
        {
            await app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        AssertNoFileHoldsTheSecret(data.Path);
        Assert.DoesNotContain(app.Logs.Messages, m => m.Contains(Secret, StringComparison.Ordinal));
    }

    private const string SecretRedactorMarker = "[redacted]";

    private static async Task RunEveryPointAsync(UsersAppFactory app, HttpClient client, Dictionary<string, Hook> hooks)
    {
        // credentials-exchange: a denial and a crash through POST /oauth/token.
        var created = await app.Services.GetRequiredService<IApplicationStore>().CreateAsync(new NewApplication("Secrets test"));
        var api = await app.Services.GetRequiredService<IResourceServerStore>().CreateAsync(
            new NewResourceServer(Audience, "Things", [new("read:things", "Read"), new("write:things", "Write")], 3600));
        await app.Services.GetRequiredService<IClientGrantStore>().CreateAsync(created.Application.ClientId, api.Id, ["read:things", "write:things"]);
        foreach (var scope in new[] { "read:things", "read:things write:things" })
        {
            using var token = await client.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = created.Application.ClientId,
                ["client_secret"] = created.ClientSecret,
                ["audience"] = Audience,
                ["scope"] = scope,
            }));
            Assert.True(token.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.InternalServerError, $"{scope}: {token.StatusCode}");
        }

        // pre-user-registration: a crash (refused sign-up), then a success that queues post-user-registration.
        using (var denied = await app.SignUpAsync(client, "deny@example.com"))
            Assert.Equal(HttpStatusCode.InternalServerError, denied.StatusCode);
        using var signedUp = await app.SignUpAsync(client, "ann@example.com");
        Assert.Equal(HttpStatusCode.OK, signedUp.StatusCode);
        var userId = "auth0|" + (string)(await signedUp.Content.ReadFromJsonAsync<JsonObject>())!["_id"]!;

        // post-change-password: succeeds with the secret in its console and its result.
        await app.Services.GetRequiredService<IUserService>().ChangePasswordAsync(userId, "N3w!Passw0rd-x");

        // post-user-registration fails on every attempt (retries, then failed); post-change-password is done.
        var failed = await app.WaitForEventAsync(e => e.TriggerId == PostUserRegistrationPoint.TriggerId, e => e.Status == HookEventStatus.Failed);
        Assert.Equal("Error: post failed [redacted]", failed.LastError);
        var done = await app.WaitForEventAsync(e => e.TriggerId == PostChangePasswordPoint.TriggerId, e => e.Status == HookEventStatus.Done);
        Assert.Contains("\"echoed\":\"[redacted]\"", done.Result, StringComparison.Ordinal);

        // send-phone-message from the dashboard's user page, and a test-panel run (stored in the hook's history).
        var user = (await app.Users.GetAsync(userId))!;
        await app.Services.GetRequiredService<IPhoneMessageService>().SendTestCodeAsync(user, "+15555550100", new PhoneMessageRequester("127.0.0.1", "tests"));
        var hook = hooks[PostChangePasswordPoint.TriggerId];
        await app.Services.GetRequiredService<IHookRunner>().TestAsync(hook.Id, hook.Script, null);
        var history = await app.Services.GetRequiredService<ITestRunStore>().ListAsync(hook.Id);
        Assert.Contains("[redacted]", Assert.Single(history).Result.Logs[0].Message, StringComparison.Ordinal);
    }

    /// <summary>Every byte of every file under the folder, read while SQLite may hold it open, in UTF-8 and UTF-16.</summary>
    private static void AssertNoFileHoldsTheSecret(string folder)
    {
        var patterns = new[] { Encoding.UTF8.GetBytes(Secret), Encoding.Unicode.GetBytes(Secret), Encoding.BigEndianUnicode.GetBytes(Secret) };
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => Path.GetFileName(f) == "hooks.db");
        foreach (var file in files)
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            foreach (var pattern in patterns)
                Assert.True(bytes.AsSpan().IndexOf(pattern) < 0, $"{Path.GetRelativePath(folder, file)} holds the secret value.");
        }
    }
}
