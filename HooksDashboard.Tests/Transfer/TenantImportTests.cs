using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Cli;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Transfer;

/// <summary>
/// Two running instances of this product on loopback: the source, whose hooks, secrets and dependencies are created
/// through its Management API, and the target, into which <c>hooks import --from-tenant</c> brings them over HTTP with
/// an application granted the source's Management API (its first-start application, configured by
/// <c>Bootstrap:ClientId</c>/<c>Bootstrap:ClientSecret</c>), exactly as it would read an Auth0 tenant.
/// </summary>
public sealed class TenantImportTests : IClassFixture<TenantImportTests.TwoInstances>
{
    private const string SourceClient = "source-app";
    private const string SourceSecret = "source-secret-at-least-32-characters-long";
    private const string TargetClient = "target-app";
    private const string TargetSecret = "target-secret-at-least-32-characters-long";

    private readonly TwoInstances _instances;

    public TenantImportTests(TwoInstances instances) => _instances = instances;

    /// <summary>The source and the target, each with its own data folder and management application.</summary>
    public sealed class TwoInstances : IDisposable
    {
        public KestrelAppFactory Source { get; } = Instance(SourceClient, SourceSecret);

        public KestrelAppFactory Target { get; } = Instance(TargetClient, TargetSecret);

        private static KestrelAppFactory Instance(string clientId, string secret)
        {
            var app = new KestrelAppFactory();
            app.Settings["Bootstrap:ClientId"] = clientId;
            app.Settings["Bootstrap:ClientSecret"] = secret;
            return app;
        }

        public void Dispose()
        {
            Source.Dispose();
            Target.Dispose();
        }
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>A client of the source's Management API with its application's token, as any Auth0 client gets one.</summary>
    private async Task<HttpClient> SourceApiAsync()
    {
        var client = new HttpClient { BaseAddress = new Uri(_instances.Source.Address + "/") };
        using var response = await client.PostAsJsonAsync(new Uri("oauth/token", UriKind.Relative), new
        {
            grant_type = "client_credentials",
            client_id = SourceClient,
            client_secret = SourceSecret,
            audience = _instances.Source.Audience,
        });
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["access_token"]!);
        return client;
    }

    private static async Task<string> CreateAsync(HttpClient api, object hook, Dictionary<string, string>? secrets = null)
    {
        using var created = await api.PostAsJsonAsync(new Uri("api/v2/hooks", UriKind.Relative), hook);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, body);
        var id = (string)JsonNode.Parse(body)!["id"]!;
        if (secrets is not null)
        {
            using var added = await api.PostAsJsonAsync(new Uri($"api/v2/hooks/{id}/secrets", UriKind.Relative), secrets);
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }
        return id;
    }

    private async Task<(int Exit, string Out, string Err)> ImportAsync(params string[] args)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOOKS_DOMAIN"] = _instances.Target.Address,
            ["HOOKS_CLIENT_ID"] = TargetClient,
            ["HOOKS_CLIENT_SECRET"] = TargetSecret,
        };
        return await CliRun.CaptureAsync(["hooks", "import", "--from-tenant", _instances.Source.Address, .. args], k => environment.GetValueOrDefault(k));
    }

    [Fact]
    public async Task ImportFromTenant_SecondInstance_PreviewThenApplyGivesTheSameHooks()
    {
        using var api = await SourceApiAsync();
        var withSecrets = Unique("tenant-a");
        var plain = Unique("tenant-b");
        await CreateAsync(api, new
        {
            name = withSecrets,
            triggerId = "credentials-exchange",
            enabled = true,
            script = "const _ = require('lodash');\nmodule.exports = function (client, scope, audience, context, cb) { cb(null, { scope: _.identity(scope) }); };\n",
            dependencies = new Dictionary<string, string> { ["lodash"] = "4.17.21" },
        }, new Dictionary<string, string> { ["API_KEY"] = "source-value-never-shown", ["REGION"] = "eu" });
        await CreateAsync(api, new
        {
            name = plain,
            triggerId = "post-change-password",
            script = "module.exports = function (user, context, cb) { cb(); };\n",
        });
        var sourceStore = _instances.Source.Services.GetRequiredService<IHookStore>();
        var targetStore = _instances.Target.Services.GetRequiredService<IHookStore>();

        // The tenant shows secret names only: a new secret without a value is named, nothing is written.
        var missing = await ImportAsync("--dry-run", "--tenant-client-id", SourceClient, "--tenant-client-secret", SourceSecret);
        Assert.Equal(1, missing.Exit);
        Assert.Contains($"Import from tenant 127.0.0.1:{new Uri(_instances.Source.Address).Port} (Management API)", missing.Out, StringComparison.Ordinal);
        Assert.Contains("?API_KEY", missing.Out, StringComparison.Ordinal);
        Assert.Contains("?REGION", missing.Out, StringComparison.Ordinal);
        Assert.Contains("API_KEY", missing.Out[missing.Out.IndexOf("Error:", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("source-value-never-shown", missing.Out + missing.Err, StringComparison.Ordinal);
        Assert.Null(await targetStore.FindByNameAsync(withSecrets));

        string[] values = ["--secret", $"{withSecrets}.API_KEY=target-key", "--secret", $"{withSecrets}.REGION=us"];
        // The and deploy-cli's wording: --client-id/--client-secret name the tenant's application.
        var preview = await ImportAsync(["--dry-run", "--client-id", SourceClient, "--client-secret", SourceSecret, .. values]);
        Assert.True(preview.Exit == 0, preview.Err + preview.Out);
        Assert.Contains($"create  {withSecrets}", preview.Out, StringComparison.Ordinal);
        Assert.Contains($"create  {plain}", preview.Out, StringComparison.Ordinal);
        Assert.Null(await targetStore.FindByNameAsync(withSecrets));

        var applied = await ImportAsync(["--yes", "--client-id", SourceClient, "--client-secret", SourceSecret, .. values]);
        Assert.True(applied.Exit == 0, applied.Err + applied.Out);

        foreach (var name in new[] { withSecrets, plain })
        {
            var source = (await sourceStore.FindByNameAsync(name))!;
            var target = (await targetStore.FindByNameAsync(name))!;
            Assert.Equal(source.TriggerId, target.TriggerId);
            Assert.Equal(source.Script, target.Script);
            Assert.Equal(source.Enabled, target.Enabled);
            Assert.Equal(source.Dependencies.OrderBy(d => d.Key, StringComparer.Ordinal), target.Dependencies.OrderBy(d => d.Key, StringComparer.Ordinal));
            Assert.Equal(await sourceStore.ListSecretNamesAsync(source.Id), await targetStore.ListSecretNamesAsync(target.Id));
        }
        var imported = (await targetStore.FindByNameAsync(withSecrets))!;
        Assert.Equal("target-key", (await targetStore.GetSecretValuesAsync(imported.Id))["API_KEY"]);

        // Imported again: the target keeps the values it was given, nothing changes.
        var again = await ImportAsync("--yes", "--tenant-client-id", SourceClient, "--tenant-client-secret", SourceSecret);
        Assert.True(again.Exit == 0, again.Err + again.Out);
        Assert.Contains("Nothing to change", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFromTenant_WrongClientSecret_SaysTheCredentialsWereRefused()
    {
        var (exit, output, error) = await ImportAsync("--dry-run", "--tenant-client-id", SourceClient, "--tenant-client-secret", "not-the-secret");

        Assert.Equal(1, exit);
        Assert.Contains($"refused the client credentials of {SourceClient}", error, StringComparison.Ordinal);
        Assert.Contains("cannot be imported (1 problem above)", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFromTenant_ApplicationWithoutReadHooks_NamesTheMissingScope()
    {
        // An application of the source granted the Management API without read:hooks, as Auth0 lets one be.
        var services = _instances.Source.Services;
        var clientId = Unique("no-read");
        const string Secret = "no-read-secret-at-least-32-characters-long";
        await services.GetRequiredService<IApplicationStore>().CreateWithCredentialsAsync(new NewApplication(clientId), clientId, Secret);
        var api = (await services.GetRequiredService<IResourceServerStore>().FindByIdentifierAsync(_instances.Source.Audience))!;
        await services.GetRequiredService<IClientGrantStore>().CreateAsync(clientId, api.Id, ["create:hooks"]);

        var (exit, _, error) = await ImportAsync("--dry-run", "--tenant-client-id", clientId, "--tenant-client-secret", Secret);

        Assert.Equal(1, exit);
        Assert.Contains("refused GET /api/v2/hooks?page=0&per_page=50&include_totals=true (403: Insufficient scope, expected any of: read:hooks)", error, StringComparison.Ordinal);
        Assert.Contains($"The application {clientId} needs the scope read:hooks", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFromTenant_WithoutTenantCredentials_IsAUsageError()
    {
        var (exit, _, error) = await ImportAsync("--dry-run");

        Assert.Equal(2, exit);
        Assert.Contains("--client-id is required with --from-tenant", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFromTenant_ThisServersCredentialsOnlyAsFlags_AsksForTheEnvironment()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new Dictionary<string, string?> { ["HOOKS_DOMAIN"] = _instances.Target.Address };

        var exit = await CliApp.RunAsync(["hooks", "import", "--from-tenant", _instances.Source.Address, "--client-id", SourceClient, "--client-secret", SourceSecret, "--dry-run"],
            stdout, stderr, k => environment.GetValueOrDefault(k));

        Assert.Equal(2, exit);
        Assert.Contains("set HOOKS_CLIENT_ID: with --from-tenant, --client-id is the tenant's application", stderr.ToString(), StringComparison.Ordinal);
    }
}
