using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Cli;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Transfer;

/// <summary>
/// Auth0's own auth0-deploy-cli (npm, unchanged) against two instances of the app, as a team moving off Auth0 uses it:
/// it imports a tenant file into the first, exports it again in its own directory format, which must equal what
/// <c>hooks export</c> writes, and imports that export of ours into the second instance. The tool is installed once
/// into a cache folder; when npm or node is missing the test FAILS, saying so.
/// </summary>
public sealed class DeployCliRoundTripTests : IDisposable
{
    internal const string ClientId = "deploy-cli-client";
    internal const string ClientSecret = "deploy-cli-client-secret-of-at-least-32-characters";

    private const string TierScript = """
        module.exports = function (client, scope, audience, context, cb) {
          var accessToken = { scope: scope };
          accessToken['https://example.com/tier'] = context.webtask.secrets.TIER;
          cb(null, { accessToken: accessToken });
        };

        """;

    private const string VetScript = """
        module.exports = function (user, context, cb) {
          const _ = require('lodash');
          if (_.endsWith(user.email, '@' + context.webtask.secrets.BLOCKED_DOMAIN)) {
            return cb(new PreUserRegistrationError('Denied', 'Sign-ups from this domain are closed'));
          }
          cb(null, { user: { app_metadata: { vetted: true } } });
        };

        """;

    private readonly KestrelAppFactory _source = Instance();
    private readonly KestrelAppFactory _target = Instance();
    private readonly TempDataDirectory _work = new();

    private static KestrelAppFactory Instance()
    {
        var app = new KestrelAppFactory();
        app.Settings["Bootstrap:ClientId"] = ClientId;
        app.Settings["Bootstrap:ClientSecret"] = ClientSecret;
        return app;
    }

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task DeployCli_ImportExportAndImportOfOurExport_KeepEveryHook()
    {
        var deployCli = await DeployCli.InstallAsync();

        // 1. deploy-cli's YAML format with keyword-replaced secrets, into the first instance.
        var tenant = Path.Combine(_work.Path, "tenant");
        Directory.CreateDirectory(Path.Combine(tenant, "hooks"));
        await File.WriteAllTextAsync(Path.Combine(tenant, "hooks", "tier-claim.js"), TierScript);
        await File.WriteAllTextAsync(Path.Combine(tenant, "hooks", "vet-signups.js"), VetScript);
        await File.WriteAllTextAsync(Path.Combine(tenant, "tenant.yaml"), """
            hooks:
              - name: tier-claim
                script: ./hooks/tier-claim.js
                dependencies: {}
                enabled: true
                secrets:
                  TIER: "##TIER##"
                triggerId: credentials-exchange
              - name: vet-signups
                script: ./hooks/vet-signups.js
                dependencies:
                  lodash: 4.17.21
                enabled: false
                secrets:
                  BLOCKED_DOMAIN: "##BLOCKED##"
                triggerId: pre-user-registration
            """);
        var keywords = new JsonObject { ["TIER"] = "gold", ["BLOCKED"] = "example.org" };
        await deployCli.RunAsync(_source, ["import", "--input_file", Path.Combine(tenant, "tenant.yaml")], keywords, _work.Path);

        await AssertHooksAsync(_source, tier: "gold", blocked: "example.org");

        // 2. deploy-cli's export of the instance, in its directory format, against ours.
        var theirs = Path.Combine(_work.Path, "theirs");
        await deployCli.RunAsync(_source, ["export", "--format", "directory", "--output_folder", theirs], keywords: null, _work.Path);
        var ours = Path.Combine(_work.Path, "ours");
        var exported = await CliApp.RunAsync(["hooks", "export", ours, "--format", "directory"], TextWriter.Null, new StringWriter(), name => name switch
        {
            "HOOKS_DOMAIN" => _source.Address,
            "HOOKS_CLIENT_ID" => ClientId,
            "HOOKS_CLIENT_SECRET" => ClientSecret,
            _ => null,
        });
        Assert.Equal(0, exported);
        foreach (var name in new[] { "tier-claim", "vet-signups" })
        {
            var theirHook = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(theirs, "hooks", name + ".json")));
            var ourHook = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(ours, "hooks", name + ".json")));
            Assert.True(JsonNode.DeepEquals(theirHook, ourHook), $"{name}: deploy-cli wrote {theirHook}, hooks export wrote {ourHook}");
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(theirs, "hooks", name + ".js")),
                await File.ReadAllTextAsync(Path.Combine(ours, "hooks", name + ".js")));
        }

        // 3. Our export, its masked secrets given as keywords, imported by deploy-cli into the second instance.
        foreach (var (name, secret, keyword) in new[] { ("tier-claim", "TIER", "TIER"), ("vet-signups", "BLOCKED_DOMAIN", "BLOCKED") })
        {
            var path = Path.Combine(ours, "hooks", name + ".json");
            var hook = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
            Assert.Equal("_VALUE_NOT_SHOWN_", (string)hook["secrets"]![secret]!);
            hook["secrets"]![secret] = $"##{keyword}##";
            await File.WriteAllTextAsync(path, hook.ToJsonString());
        }
        await deployCli.RunAsync(_target, ["import", "--input_file", ours], new JsonObject { ["TIER"] = "silver", ["BLOCKED"] = "example.net" }, _work.Path);

        await AssertHooksAsync(_target, tier: "silver", blocked: "example.net");
    }

    private static async Task AssertHooksAsync(KestrelAppFactory app, string tier, string blocked)
    {
        var store = app.Services.GetRequiredService<IHookStore>();
        var hooks = (await store.ListAsync()).OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["tier-claim", "vet-signups"], hooks.Select(h => h.Name));

        Assert.Equal("credentials-exchange", hooks[0].TriggerId);
        Assert.True(hooks[0].Enabled);
        Assert.Equal(TierScript, hooks[0].Script);
        Assert.Empty(hooks[0].Dependencies);
        Assert.Equal(new Dictionary<string, string> { ["TIER"] = tier }, await store.GetSecretValuesAsync(hooks[0].Id));

        Assert.Equal("pre-user-registration", hooks[1].TriggerId);
        Assert.False(hooks[1].Enabled);
        Assert.Equal(VetScript, hooks[1].Script);
        Assert.Equal(new Dictionary<string, string> { ["lodash"] = "4.17.21" }, hooks[1].Dependencies);
        Assert.Equal(new Dictionary<string, string> { ["BLOCKED_DOMAIN"] = blocked }, await store.GetSecretValuesAsync(hooks[1].Id));
    }
}

/// <summary>auth0-deploy-cli installed from npm into a cache folder, run with node against a test instance.</summary>
internal sealed class DeployCli(string folder)
{
    public static async Task<DeployCli> InstallAsync() =>
        new(await NpmToolCache.InstallAsync("auth0-deploy-cli@8", "hooksdashboard-npm-auth0-deploy-cli-8", Path.Combine("auth0-deploy-cli", "lib", "index.js"), TimeSpan.FromMinutes(5)));

    /// <summary>Runs <c>a0deploy</c> with a config naming the instance, its bootstrap application and the hooks alone.</summary>
    public async Task RunAsync(KestrelAppFactory app, string[] arguments, JsonObject? keywords, string workingDirectory)
    {
        var address = new Uri(app.Address);
        var config = new JsonObject
        {
            ["AUTH0_DOMAIN"] = address.Authority,
            ["AUTH0_CLIENT_ID"] = DeployCliRoundTripTests.ClientId,
            ["AUTH0_CLIENT_SECRET"] = DeployCliRoundTripTests.ClientSecret,
            ["AUTH0_AUDIENCE"] = app.Audience,
            ["AUTH0_INCLUDED_ONLY"] = new JsonArray("hooks"),
        };
        if (keywords is not null)
            config["AUTH0_KEYWORD_REPLACE_MAPPINGS"] = keywords.DeepClone();
        var configPath = Path.Combine(workingDirectory, $"deploy-cli-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());

        var preload = Path.Combine(AppContext.BaseDirectory, "Management", "Sdk", "https-as-http.js");
        var cli = Path.Combine(folder, "node_modules", "auth0-deploy-cli", "lib", "index.js");
        var run = await NpmToolCache.RunAsync("node", ["--require", preload, cli, .. arguments, "--config_file", configPath], workingDirectory, [], TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0 && run.StandardOutput.Contains("Successful", StringComparison.Ordinal), $"a0deploy {string.Join(' ', arguments)} failed:\n{run}");
    }
}
