using System.Diagnostics;
using System.Text.Json.Nodes;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Management;

/// <summary>
/// Auth0's own Node SDK (npm <c>auth0</c> v4), unchanged, against the app on a real loopback server. The
/// package is installed once into a cache folder; when npm or node is missing the test FAILS, saying so.
/// </summary>
public sealed class Auth0SdkTests : IDisposable
{
    private const string ClientId = "sdk-client";
    private const string ClientSecret = "sdk-client-secret-of-at-least-32-characters";
    private readonly KestrelAppFactory _app = new();

    public Auth0SdkTests()
    {
        _app.Settings["Bootstrap:ClientId"] = ClientId;
        _app.Settings["Bootstrap:ClientSecret"] = ClientSecret;
    }

    [Fact]
    public async Task ClientCredentialsGrantThenManagementClientHooks_WorkUnchanged()
    {
        var sdk = await Auth0Sdk.InstallAsync();

        var result = await sdk.RunAsync(Path.Combine(AppContext.BaseDirectory, "Management", "Sdk", "auth0-sdk-hooks.js"), new Dictionary<string, string>
        {
            ["HOOKS_BASE"] = _app.Address,
            ["HOOKS_CLIENT_ID"] = ClientId,
            ["HOOKS_CLIENT_SECRET"] = ClientSecret,
            ["HOOKS_AUDIENCE"] = _app.Audience,
        });

        Assert.Equal("Bearer", (string)result["grant"]!["token_type"]!);
        Assert.Contains("update:hooks", (string)result["grant"]!["scope"]!, StringComparison.Ordinal);
        var created = result["created"]!;
        Assert.Equal(26, ((string)created["id"]!).Length);
        Assert.False((bool)created["enabled"]!);
        Assert.Equal("4.17.21", (string)created["dependencies"]!["lodash"]!);
        Assert.Contains((string)created["id"]!, result["list"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(1, (int)result["page"]!["limit"]!);
        Assert.Equal(["id", "name"], result["page"]!["hooks"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal((string)created["name"]!, (string)result["got"]!["name"]!);
        Assert.True((bool)result["updated"]!["enabled"]!);
        Assert.EndsWith(" renamed", (string)result["updated"]!["name"]!, StringComparison.Ordinal);
        Assert.Equal("""{"API_KEY":"_VALUE_NOT_SHOWN_","OTHER":"_VALUE_NOT_SHOWN_"}""", result["secretsAfterAdd"]!.ToJsonString());
        Assert.Equal("""{"API_KEY":"_VALUE_NOT_SHOWN_"}""", result["secretsAfterDelete"]!.ToJsonString());
        Assert.Equal(409, (int)result["duplicateSecret"]!["statusCode"]!);
        Assert.Equal(400, (int)result["invalidCreate"]!["statusCode"]!);
        Assert.Equal("invalid_body", (string)result["invalidCreate"]!["errorCode"]!);
        Assert.Equal(404, (int)result["afterDelete"]!["statusCode"]!);
        Assert.Equal("HookDoesNotExist", (string)result["afterDelete"]!["errorCode"]!);
    }

    [Fact]
    public async Task ManagementClientUsersClientsResourceServersClientGrants_WorkUnchanged()
    {
        var sdk = await Auth0Sdk.InstallAsync();

        var result = await sdk.RunAsync(Path.Combine(AppContext.BaseDirectory, "Management", "Sdk", "auth0-sdk-identity.js"), new Dictionary<string, string>
        {
            ["HOOKS_BASE"] = _app.Address,
            ["HOOKS_CLIENT_ID"] = ClientId,
            ["HOOKS_CLIENT_SECRET"] = ClientSecret,
            ["HOOKS_AUDIENCE"] = _app.Audience,
        });

        var created = result["created"]!;
        var userId = (string)created["user_id"]!;
        Assert.StartsWith("auth0|", userId, StringComparison.Ordinal);
        Assert.Equal("Username-Password-Authentication", (string)created["identities"]![0]!["connection"]!);
        Assert.Equal(409, (int)result["duplicate"]!["statusCode"]!);
        Assert.Equal(userId, (string)result["got"]!["user_id"]!);
        Assert.Equal("""{"plan":"gold"}""", result["updated"]!["app_metadata"]!.ToJsonString());
        Assert.Equal("dark", (string)result["updated"]!["user_metadata"]!["theme"]!);
        Assert.True((bool)result["updated"]!["blocked"]!);
        Assert.Equal(1, (int)result["search"]!["total"]!);
        Assert.Equal(["user_id", "email", "app_metadata"], result["search"]!["users"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal([userId], result["byEmail"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(400, (int)result["badQuery"]!["statusCode"]!);
        Assert.Equal("invalid_query_string", (string)result["badQuery"]!["errorCode"]!);
        Assert.Equal(400, (int)result["unknownField"]!["statusCode"]!);
        Assert.Contains("Additional properties not allowed: favourite_colour", (string)result["unknownField"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(404, (int)result["afterDelete"]!["statusCode"]!);
        Assert.Equal("inexistent_user", (string)result["afterDelete"]!["errorCode"]!);

        var apiId = (string)result["api"]!["id"]!;
        Assert.Equal(apiId, (string)result["apiByIdentifier"]!);
        Assert.Equal(900, (int)result["apiUpdated"]!);
        Assert.Contains((string)result["api"]!["identifier"]!, result["apis"]!.AsArray().Select(i => (string)i!));

        var clientId = (string)result["client"]!["client_id"]!;
        Assert.True((bool)result["client"]!["has_secret"]!);
        Assert.Equal("gold", (string)result["clientGot"]!["client_metadata"]!["tier"]!);
        Assert.Equal("""{"region":"eu"}""", result["clientUpdated"]!["client_metadata"]!.ToJsonString());
        Assert.Equal(["https://sdk.example.com"], result["clientUpdated"]!["web_origins"]!.AsArray().Select(i => (string)i!));
        Assert.True((bool)result["rotatedDiffers"]!);
        Assert.Contains(clientId, result["clients"]!.AsArray().Select(i => (string)i!));

        Assert.Equal(clientId, (string)result["grant"]!["client_id"]!);
        Assert.Equal([(string)result["grant"]!["id"]!], result["grants"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(["read:things", "write:things"], result["grantUpdated"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(409, (int)result["grantConflict"]!["statusCode"]!);
        Assert.Equal("inexistent_client", (string)result["clientAfterDelete"]!["errorCode"]!);
        Assert.Equal("inexistent_resource_server", (string)result["apiAfterDelete"]!["errorCode"]!);
    }

    public void Dispose() => _app.Dispose();
}

/// <summary>npm's <c>auth0@4</c> in a cache folder under the system temp folder, and node to run scripts with it.</summary>
internal sealed class Auth0Sdk(string folder)
{
    public static async Task<Auth0Sdk> InstallAsync() =>
        new(await NpmToolCache.InstallAsync("auth0@4", "hooksdashboard-npm-auth0-4", Path.Combine("auth0", "package.json"), TimeSpan.FromMinutes(3)));

    /// <summary>Runs a script with the SDK resolvable; returns the JSON it printed on its last line.</summary>
    public async Task<JsonNode> RunAsync(string script, Dictionary<string, string> environment)
    {
        environment["NODE_PATH"] = Path.Combine(folder, "node_modules");
        var run = await NpmToolCache.RunAsync("node", [script], folder, environment, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"The SDK script failed:\n{run}");
        var last = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        return JsonNode.Parse(last)!;
    }
}
