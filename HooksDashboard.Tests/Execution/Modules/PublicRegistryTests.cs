using HooksDashboard.Execution.Modules;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>
/// Real packages from the configured registry (the public one unless <c>HOOKS_TEST_REGISTRY_URL</c> names another).
/// Slow and networked: only in the <c>Registry</c> category, which test.sh runs when <c>CI=true</c> or
/// <c>HOOKS_TEST_REGISTRY=1</c>; every other test uses a loopback registry.
/// </summary>
[Trait("Category", "Registry")]
public sealed class PublicRegistryTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task InstallAsync_LodashUuidJsonwebtoken_InstallsTheRealTreesAndReusesThemOffline()
    {
        var registry = Environment.GetEnvironmentVariable("HOOKS_TEST_REGISTRY_URL") is { Length: > 0 } configured ? configured : PackageOptions.DefaultRegistryUrl;
        var cache = Path.Combine(_data.Path, "packages");
        var dependencies = new Dictionary<string, string> { ["lodash"] = "4.17.21", ["uuid"] = "^9.0.0", ["jsonwebtoken"] = "^9.0.0" };

        var graph = await TestPackageInstaller.Create(registry, cache, o => o.RequestTimeoutSeconds = 60).InstallAsync(dependencies);

        Assert.Equal("4.17.21", graph.Roots["lodash"].Version);
        Assert.True(File.Exists(Path.Combine(graph.Roots["lodash"].Directory, "lodash.js")));
        Assert.StartsWith("9.", graph.Roots["uuid"].Version, StringComparison.Ordinal);
        var jwt = graph.Roots["jsonwebtoken"];
        Assert.StartsWith("9.", jwt.Version, StringComparison.Ordinal);
        foreach (var dependency in new[] { "jws", "ms", "semver", "lodash.includes", "lodash.once" })
            Assert.True(File.Exists(Path.Combine(jwt.Dependencies[dependency].Directory, "package.json")), dependency);
        // jws → jwa → ecdsa-sig-formatter → safe-buffer: transitive dependencies are linked all the way down.
        var jwa = jwt.Dependencies["jws"].Dependencies["jwa"];
        Assert.Same(jwa.Dependencies["safe-buffer"], jwa.Dependencies["ecdsa-sig-formatter"].Dependencies["safe-buffer"]);

        // A restarted server with no registry finds the same graph in the cache.
        var offline = TestPackageInstaller.Create(LoopbackNpmRegistry.ClosedUrl(), cache).TryGetInstalled(dependencies);
        Assert.NotNull(offline);
        Assert.Equal(jwt.Version, offline.Roots["jsonwebtoken"].Version);
    }
}
