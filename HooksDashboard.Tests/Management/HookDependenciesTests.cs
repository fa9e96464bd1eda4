using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Management;

/// <summary>Saving a hook through the Management API installs its npm dependencies first (from the loopback registry).</summary>
public sealed class HookDependenciesTests(ManagementApiFixture app) : ManagementApiTestBase(app)
{
    private static string UniquePackage(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    [Fact]
    public async Task Post_ScriptRequiresUndeclaredPackages_PinsThemInTheSavedDependencies()
    {
        var plain = UniquePackage("plain");
        var webtask = UniquePackage("webtask");
        SharedNpmRegistry.Instance.Publish(plain, "1.0.0");
        SharedNpmRegistry.Instance.Publish(plain, "1.2.0");
        SharedNpmRegistry.Instance.Publish(webtask, "2.0.0");
        SharedNpmRegistry.Instance.Publish(webtask, "3.0.0");
        var script = $$"""
            const a = require('{{plain}}');
            const b = require("{{webtask}}@2.0.0");
            const sub = require('{{plain}}/lib/extra');
            const crypto = require('crypto'), zlib = require('node:zlib');
            // require('commented-out') is not a call
            const text = "require('inside-a-string')";
            module.exports = function (client, scope, audience, context, cb) { cb(null, { scope: scope }); };
            """;

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks",
            new JsonObject { ["name"] = UniqueName(), ["script"] = script, ["triggerId"] = "credentials-exchange", ["dependencies"] = new JsonObject { ["lodash"] = "4.17.21" } }.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, status);
        var expected = new Dictionary<string, string> { ["lodash"] = "4.17.21", [plain] = "1.2.0", [webtask] = "2.0.0" };
        Assert.Equal(expected, body!["dependencies"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!));
        var (_, read) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{body["id"]}");
        Assert.Equal(expected, read!["dependencies"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!));
    }

    [Fact]
    public async Task Post_DependencyCannotBeInstalled_400AndNothingSaved()
    {
        var name = UniqueName();
        var missing = UniquePackage("missing");

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks",
            new JsonObject { ["name"] = name, ["script"] = Script, ["triggerId"] = "credentials-exchange", ["dependencies"] = new JsonObject { [missing] = "1.0.0" } }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", $"Dependencies could not be installed: Package '{missing}' was not found in the npm registry");
        Assert.EndsWith("on property dependencies.", (string)body!["message"]!, StringComparison.Ordinal);
        var (_, hooks) = await SendAsync(HttpMethod.Get, "/api/v2/hooks");
        Assert.DoesNotContain(hooks!.AsArray(), h => (string)h!["name"]! == name);
    }

    [Fact]
    public async Task Patch_MissingVersion_400ListingVersionsAndTheHookUnchanged()
    {
        var package = UniquePackage("versions");
        SharedNpmRegistry.Instance.Publish(package, "1.0.0");
        var created = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{created["id"]}",
            new JsonObject { ["script"] = "module.exports = function (c, s, a, x, cb) { cb(); };", ["dependencies"] = new JsonObject { [package] = "^2.0.0" } }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", $"No version of '{package}' matches '^2.0.0'. Newest versions: 1.0.0");
        var (_, read) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{created["id"]}");
        Assert.Equal(Script, (string)read!["script"]!);
        Assert.Empty(read["dependencies"]!.AsObject());
    }

    [Fact]
    public async Task Patch_ScriptGainsARequire_AddsThePinnedVersion()
    {
        var package = UniquePackage("added");
        SharedNpmRegistry.Instance.Publish(package, "0.3.1");
        var created = await CreateHookAsync();

        var (status, body) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{created["id"]}",
            new JsonObject { ["script"] = $"const p = require('{package}');\nmodule.exports = function (c, s, a, x, cb) {{ cb(); }};" }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0.3.1", (string)body!["dependencies"]![package]!);
    }

    [Fact]
    public async Task Post_RequireConflictsWithDeclaredVersion_400()
    {
        var package = UniquePackage("conflict");
        SharedNpmRegistry.Instance.Publish(package, "1.0.0");
        SharedNpmRegistry.Instance.Publish(package, "2.0.0");

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks",
            new JsonObject
            {
                ["name"] = UniqueName(),
                ["script"] = $"const p = require('{package}@1.0.0');\nmodule.exports = function (c, s, a, x, cb) {{ cb(); }};",
                ["triggerId"] = "credentials-exchange",
                ["dependencies"] = new JsonObject { [package] = "2.0.0" },
            }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", $"The script requires '{package}@1.0.0' but the hook's dependencies declare {package} \"2.0.0\"");
    }

    [Theory]
    [InlineData("Bad Name", "1.0.0", "Dependency 'Bad Name' is not a valid npm package name' on property dependencies.")]
    [InlineData("lodash", "git+https://github.com/lodash/lodash.git", "Dependency 'lodash' has an invalid version 'git+https://github.com/lodash/lodash.git'' on property dependencies.")]
    [InlineData("lodash", "", "Dependency 'lodash' has an invalid version ''' on property dependencies.")]
    [InlineData("lodash", "file:../lodash", "Dependency 'lodash' has an invalid version 'file:../lodash'' on property dependencies.")]
    public async Task Post_InvalidDependency_400NamingItOnPropertyDependencies(string package, string version, string expected)
    {
        var name = UniqueName();

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v2/hooks",
            new JsonObject { ["name"] = name, ["script"] = Script, ["triggerId"] = "credentials-exchange", ["dependencies"] = new JsonObject { [package] = version } }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", expected);
        Assert.EndsWith("on property dependencies.", (string)body!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_TooManyDependencies_400WithTheLimit()
    {
        var (_, created) = await SendAsync(HttpMethod.Post, "/api/v2/hooks",
            new JsonObject { ["name"] = UniqueName(), ["script"] = Script, ["triggerId"] = "credentials-exchange" }.ToJsonString());
        var many = new JsonObject();
        for (var i = 0; i <= HooksDashboard.Hooks.HookRules.MaxDependencies; i++)
            many[$"pkg{i}"] = "1.0.0";

        var (status, body) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{created!["id"]}", new JsonObject { ["dependencies"] = many }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 400, "invalid_body", $"At most {HooksDashboard.Hooks.HookRules.MaxDependencies} dependencies are allowed' on property dependencies.");
    }

    [Fact]
    public async Task Patch_EmptyDependencies_ClearsThem()
    {
        var (_, created) = await SendAsync(HttpMethod.Post, "/api/v2/hooks",
            new JsonObject { ["name"] = UniqueName(), ["script"] = Script, ["triggerId"] = "credentials-exchange", ["dependencies"] = new JsonObject { ["lodash"] = "4.17.21" } }.ToJsonString());

        var (status, body) = await SendAsync(HttpMethod.Patch, $"/api/v2/hooks/{created!["id"]}", new JsonObject { ["dependencies"] = new JsonObject() }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body!["dependencies"]!.AsObject());
        var (_, read) = await SendAsync(HttpMethod.Get, $"/api/v2/hooks/{created["id"]}?fields=dependencies");
        Assert.Equal(["dependencies"], read!.AsObject().Select(p => p.Key));
        Assert.Empty(read["dependencies"]!.AsObject());
    }
}
