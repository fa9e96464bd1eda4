using System.Formats.Tar;
using System.Text.Json.Nodes;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Modules;

public sealed class NpmPackageInstallerTests : IAsyncLifetime, IDisposable
{
    private readonly TempDataDirectory _data = new();
    private LoopbackNpmRegistry _registry = null!;

    private string CacheDirectory => Path.Combine(_data.Path, "packages");

    public async Task InitializeAsync() => _registry = await LoopbackNpmRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _data.Dispose();

    private NpmPackageInstaller Installer() => TestPackageInstaller.Create(_registry.Url, CacheDirectory);

    private static Dictionary<string, string> Map(params (string Name, string Version)[] entries) =>
        entries.ToDictionary(e => e.Name, e => e.Version, StringComparer.Ordinal);

    [Fact]
    public async Task InstallAsync_TransitiveDependencies_ResolvesRangesToHighestAndUnpacksEachPackage()
    {
        _registry.Publish("app-lib", "1.0.0", dependencies: Map(("helper", "^2.1.0")));
        _registry.Publish("helper", "2.0.0");
        _registry.Publish("helper", "2.1.0");
        _registry.Publish("helper", "2.4.1", files: new Dictionary<string, string> { ["lib/main.js"] = "module.exports = 'helper 2.4.1';" });
        _registry.Publish("helper", "3.0.0");

        var graph = await Installer().InstallAsync(Map(("app-lib", "1.0.0")));

        var lib = graph.Roots["app-lib"];
        Assert.Equal("1.0.0", lib.Version);
        Assert.True(File.Exists(Path.Combine(lib.Directory, "package.json")));
        var helper = lib.Dependencies["helper"];
        Assert.Equal("2.4.1", helper.Version);
        Assert.Equal("module.exports = 'helper 2.4.1';", File.ReadAllText(Path.Combine(helper.Directory, "lib", "main.js")));
        Assert.StartsWith(Path.GetFullPath(CacheDirectory), helper.Directory, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallAsync_DistTagAndLatestPreference_PicksAsNpmDoes()
    {
        _registry.Publish("tagged", "1.0.0");
        _registry.Publish("tagged", "1.5.0");
        _registry.Publish("tagged", "2.0.0-beta.1");
        _registry.SetTag("tagged", "latest", "1.0.0");
        _registry.SetTag("tagged", "next", "2.0.0-beta.1");

        var installer = Installer();
        // latest satisfies ^1.0.0, so npm takes it over the higher 1.5.0.
        Assert.Equal("1.0.0", (await installer.InstallAsync(Map(("tagged", "^1.0.0")))).Roots["tagged"].Version);
        Assert.Equal("2.0.0-beta.1", (await installer.InstallAsync(Map(("tagged", "next")))).Roots["tagged"].Version);
        Assert.Equal("1.5.0", (await installer.InstallAsync(Map(("tagged", ">1.0.0 <2.0.0")))).Roots["tagged"].Version);
    }

    [Fact]
    public async Task InstallAsync_SameVersionReachedTwice_InstalledOnceAndShared()
    {
        _registry.Publish("a", "1.0.0", dependencies: Map(("shared", "^1.0.0")));
        _registry.Publish("b", "1.0.0", dependencies: Map(("shared", "~1.2.0")));
        _registry.Publish("shared", "1.2.3");

        var graph = await Installer().InstallAsync(Map(("a", "1.0.0"), ("b", "1.0.0")));

        Assert.Same(graph.Roots["a"].Dependencies["shared"], graph.Roots["b"].Dependencies["shared"]);
        Assert.Single(Directory.GetFiles(Path.Combine(CacheDirectory, "index", "shared")));
        Assert.Single(_registry.Requests, r => r.EndsWith("shared/1.2.3.tgz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstallAsync_DependencyCycle_ClosesOnItself()
    {
        _registry.Publish("ping", "1.0.0", dependencies: Map(("pong", "1.0.0")));
        _registry.Publish("pong", "1.0.0", dependencies: Map(("ping", "^1.0.0")));

        var graph = await Installer().InstallAsync(Map(("ping", "1.0.0")));

        var ping = graph.Roots["ping"];
        Assert.Same(ping, ping.Dependencies["pong"].Dependencies["ping"]);
    }

    [Fact]
    public async Task InstallAsync_PeerDependencies_TakenFromTheDependantOrInstalledBesideIt()
    {
        _registry.Publish("plugin", "1.0.0", peerDependencies: Map(("host", "^2.0.0")));
        _registry.Publish("host", "2.0.0");
        _registry.Publish("host", "2.3.0");
        _registry.Publish("framework", "1.0.0", dependencies: Map(("plugin", "1.0.0"), ("host", "2.0.0")));

        var installer = Installer();
        // The dependant provides its own host: the plugin gets that one.
        var withHost = await installer.InstallAsync(Map(("framework", "1.0.0")));
        var framework = withHost.Roots["framework"];
        Assert.Same(framework.Dependencies["host"], framework.Dependencies["plugin"].Dependencies["host"]);
        Assert.Equal("2.0.0", framework.Dependencies["plugin"].Dependencies["host"].Version);

        // The hook depends on the plugin alone: npm 7+ installs the peer beside it, visible to the hook too.
        var alone = await installer.InstallAsync(Map(("plugin", "1.0.0")));
        Assert.Equal("2.3.0", alone.Roots["plugin"].Dependencies["host"].Version);
        Assert.Same(alone.Roots["host"], alone.Roots["plugin"].Dependencies["host"]);
    }

    [Fact]
    public async Task InstallAsync_ConflictingPeer_RefusedAsEresolve()
    {
        _registry.Publish("plugin", "1.0.0", peerDependencies: Map(("host", "^2.0.0")));
        _registry.Publish("host", "1.0.0");

        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("plugin", "1.0.0"), ("host", "1.0.0"))));

        Assert.Contains("plugin@1.0.0 needs host@\"^2.0.0\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallAsync_FailingOptionalDependencies_SkippedAsNpmDoes()
    {
        _registry.Publish("tolerant", "1.0.0", optionalDependencies: Map(("missing-optional", "^1.0.0"), ("native-optional", "1.0.0"), ("mac-only", "1.0.0"), ("fine-optional", "1.0.0")));
        _registry.Publish("native-optional", "1.0.0", files: new Dictionary<string, string> { ["binding.gyp"] = "{}", ["index.js"] = "" });
        _registry.Publish("mac-only", "1.0.0", extraManifest: new JsonObject { ["os"] = new JsonArray("darwin") });
        _registry.Publish("fine-optional", "1.0.0");

        var graph = await Installer().InstallAsync(Map(("tolerant", "1.0.0")));

        var tolerant = graph.Roots["tolerant"];
        Assert.Equal("1.0.0", tolerant.Dependencies["fine-optional"].Version);
        Assert.False(tolerant.Dependencies.ContainsKey("missing-optional"));
        Assert.False(tolerant.Dependencies.ContainsKey("native-optional"));
        Assert.False(tolerant.Dependencies.ContainsKey("mac-only"));
    }

    [Fact]
    public async Task InstallAsync_TamperedTarball_RefusedAndNothingLeftInTheCache()
    {
        var published = _registry.Publish("victim", "1.0.0");
        published.ServeTamperedTarball(LoopbackNpmRegistry.Pack([new TarballEntry("package/package.json", """{"name":"victim","version":"1.0.0"}"""), new TarballEntry("package/index.js", "steal()")]));

        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("victim", "1.0.0"))));

        Assert.Contains("Integrity check failed for victim@1.0.0", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(CacheDirectory, "content")) && Directory.EnumerateFileSystemEntries(Path.Combine(CacheDirectory, "content")).Any());
        Assert.False(Directory.Exists(Path.Combine(CacheDirectory, "index")));
    }

    [Fact]
    public async Task InstallAsync_NoIntegrityButShasum_VerifiedBySha1()
    {
        var published = _registry.Publish("old-package", "0.1.0");
        published.EditManifest(m => m["dist"]!.AsObject().Remove("integrity"));

        var graph = await Installer().InstallAsync(Map(("old-package", "0.1.0")));
        Assert.Equal("0.1.0", graph.Roots["old-package"].Version);

        // A wrong shasum is refused too.
        var wrong = _registry.Publish("old-wrong", "0.1.0");
        wrong.EditManifest(m => { m["dist"]!.AsObject().Remove("integrity"); m["dist"]!["shasum"] = new string('0', 40); });
        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("old-wrong", "0.1.0"))));
        Assert.Contains("sha1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallAsync_MissingVersion_ListsTheNewestVersions()
    {
        _registry.Publish("lib", "1.0.0");
        _registry.Publish("lib", "1.1.0");

        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("lib", "^9.0.0"))));

        Assert.Equal("No version of 'lib' matches '^9.0.0'. Newest versions: 1.1.0, 1.0.0 (dist-tags: latest 1.1.0).", error.Message);
    }

    [Fact]
    public async Task InstallAsync_MissingTransitiveVersion_NamesTheChain()
    {
        _registry.Publish("top", "1.0.0", dependencies: Map(("lib", "^2.0.0")));
        _registry.Publish("lib", "1.0.0");

        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("top", "1.0.0"))));

        Assert.Contains("No version of 'lib' matches '^2.0.0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(required by top@1.0.0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallAsync_UnknownPackage_SaysNotFound()
    {
        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("no-such-package", "1.0.0"))));

        Assert.Equal($"Package 'no-such-package' was not found in the npm registry ({_registry.Url}).", error.Message);
    }

    [Fact]
    public async Task InstallAsync_UnreachableRegistry_SaysSo()
    {
        var url = LoopbackNpmRegistry.ClosedUrl();
        var installer = TestPackageInstaller.Create(url, CacheDirectory);

        var error = await Assert.ThrowsAsync<PackageInstallException>(() => installer.InstallAsync(Map(("lodash", "4.17.21"))));

        Assert.StartsWith($"The npm registry ({url}) could not be reached for the metadata of 'lodash'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallAsync_BadJsonMetadata_SaysSo()
    {
        _registry.ServeRawMetadata("broken", "{\"versions\": {");

        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("broken", "1.0.0"))));

        Assert.StartsWith("The registry's metadata for 'broken' is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("package/../../escape.js")]
    [InlineData("/etc/evil.js")]
    [InlineData("package/lib/../../../escape.js")]
    public async Task InstallAsync_PathTraversalEntry_Refused(string entryName)
    {
        _registry.PublishTarball("sneaky", "1.0.0", LoopbackNpmRegistry.Pack([
            new TarballEntry("package/package.json", """{"name":"sneaky","version":"1.0.0"}"""),
            new TarballEntry(entryName, "owned()"),
        ]));

        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("sneaky", "1.0.0"))));

        Assert.Contains("unsafe path", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data.Path, "escape.js")));
        Assert.False(File.Exists(Path.Combine(CacheDirectory, "escape.js")));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(CacheDirectory, "tmp")));
    }

    [Fact]
    public async Task InstallAsync_Base256UidInHeaders_UnpacksAsNpmDoes()
    {
        // npm's own tarballs (e.g. buffer-equal-constant-time@1.0.1) carry GNU base-256 uids that TarReader overflows on.
        var tar = Gunzip(LoopbackNpmRegistry.Pack([new TarballEntry("package/package.json", """{"name":"old-uid","version":"1.0.1"}""")]));
        for (var header = 0; header < tar.Length && tar[header] != 0; header += 1024)
        {
            // As in that tarball: uid and gid in base-256, the gid beyond a 32-bit signed int.
            byte[] uid = [0x80, 0, 0, 0, 0, 0x2a, 0xd0, 0xbb];
            byte[] gid = [0x80, 0, 0, 0, 0xd0, 0x1b, 0x12, 0x32];
            uid.CopyTo(tar, header + 108);
            gid.CopyTo(tar, header + 116);
            Array.Fill(tar, (byte)' ', header + 148, 8);
            var sum = tar.AsSpan(header, 512).ToArray().Sum(b => b);
            System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(tar, header + 148);
        }
        _registry.PublishTarball("old-uid", "1.0.1", Gzip(tar));

        var graph = await Installer().InstallAsync(Map(("old-uid", "1.0.1")));

        Assert.True(File.Exists(Path.Combine(graph.Roots["old-uid"].Directory, "package.json")));
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(data), System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(data);
        return output.ToArray();
    }

    [Fact]
    public async Task InstallAsync_LinkOutsideThePackage_Refused()
    {
        _registry.PublishTarball("linky", "1.0.0", LoopbackNpmRegistry.Pack([
            new TarballEntry("package/package.json", """{"name":"linky","version":"1.0.0"}"""),
            new TarballEntry("package/passwd", null, TarEntryType.SymbolicLink, "../../../../etc/passwd"),
        ]));

        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("linky", "1.0.0"))));

        Assert.Contains("points outside the package", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binding.gyp", "{}", "binding.gyp")]
    [InlineData("build/Release/addon.node", "\u007fELF", "build/Release/addon.node")]
    public async Task InstallAsync_NativeAddon_RefusedNamingThePackage(string file, string content, string reason)
    {
        _registry.Publish("bcrypt-like", "5.1.1", files: new Dictionary<string, string> { [file] = content, ["index.js"] = "" });

        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("bcrypt-like", "5.1.1"))));

        Assert.StartsWith("Package bcrypt-like@5.1.1 is a native add-on:", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(CacheDirectory, "content")) && Directory.EnumerateFileSystemEntries(Path.Combine(CacheDirectory, "content")).Any());
    }

    [Theory]
    [InlineData("bcrypt", "6.0.0")]
    [InlineData("bcrypt", "5.1.1")]
    public async Task InstallAsync_NativeAddonTheEngineGivesNatively_Installed(string name, string version)
    {
        // AcceleratedPackages: the engine gives bcrypt's API itself and never loads the package's files.
        _registry.Publish(name, version, files: new Dictionary<string, string> { ["binding.gyp"] = "{}", ["prebuilds/linux-x64/bcrypt.node"] = "\u007fELF", ["bcrypt.js"] = "" },
            extraManifest: new JsonObject { ["scripts"] = new JsonObject { ["install"] = "node-gyp-build" } });

        var graph = await Installer().InstallAsync(Map((name, version)));

        Assert.Equal(version, graph.Roots[name].Version);
    }

    [Fact]
    public async Task InstallAsync_InstallScriptCallingNodeGyp_Refused()
    {
        _registry.Publish("gyp-script", "1.0.0", extraManifest: new JsonObject { ["scripts"] = new JsonObject { ["install"] = "node-gyp rebuild" } });

        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("gyp-script", "1.0.0"))));

        Assert.Contains("\"install\" script runs node-gyp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryGetInstalled_AfterRestartWithRegistryGone_AnswersFromTheCache()
    {
        _registry.Publish("cached", "1.0.0", dependencies: Map(("dep", "^1.0.0")));
        _registry.Publish("dep", "1.2.0");
        var dependencies = Map(("cached", "^1.0.0"));
        await Installer().InstallAsync(dependencies);
        await _registry.DisposeAsync();

        // A new installer (a restarted server) with no registry.
        var restarted = TestPackageInstaller.Create(LoopbackNpmRegistry.ClosedUrl(), CacheDirectory);
        var graph = restarted.TryGetInstalled(dependencies);

        Assert.NotNull(graph);
        Assert.Equal("1.2.0", graph.Roots["cached"].Dependencies["dep"].Version);
        // InstallAsync of the same map needs no network either.
        Assert.Equal("1.0.0", (await restarted.InstallAsync(dependencies)).Roots["cached"].Version);
    }

    [Fact]
    public async Task TryGetInstalled_ExactMapWithoutItsLock_ResolvesFromTheCacheAlone()
    {
        _registry.Publish("one", "1.0.0", dependencies: Map(("two", "^2.0.0")));
        _registry.Publish("two", "2.0.1");
        await Installer().InstallAsync(Map(("one", "1.0.0")));
        foreach (var file in Directory.GetFiles(Path.Combine(CacheDirectory, "locks")))
            File.Delete(file);
        await _registry.DisposeAsync();

        var graph = TestPackageInstaller.Create(LoopbackNpmRegistry.ClosedUrl(), CacheDirectory).TryGetInstalled(Map(("one", "1.0.0")));

        Assert.NotNull(graph);
        Assert.Equal("2.0.1", graph.Roots["one"].Dependencies["two"].Version);
    }

    [Fact]
    public async Task TryGetInstalled_Repeated_BuildsTheGraphOnceUntilAFolderGoes()
    {
        _registry.Publish("memo", "1.0.0");
        var installer = Installer();
        await installer.InstallAsync(Map(("memo", "1.0.0")));

        var first = installer.TryGetInstalled(Map(("memo", "1.0.0")));
        Assert.Same(first, installer.TryGetInstalled(Map(("memo", "1.0.0"))));

        Directory.Delete(first!.Roots["memo"].Directory, recursive: true);
        Assert.Null(installer.TryGetInstalled(Map(("memo", "1.0.0"))));
    }

    [Fact]
    public void TryGetInstalled_NeverInstalled_IsNull()
    {
        Assert.Null(Installer().TryGetInstalled(Map(("never", "1.0.0"))));
        Assert.Empty(_registry.Requests);
    }

    [Fact]
    public async Task InstallAsync_ScopedPackage_EscapedAsNpmDoesAndStoredByName()
    {
        _registry.Publish("@acme/tools", "3.1.0", dependencies: Map(("@acme/core", "^1.0.0")));
        _registry.Publish("@acme/core", "1.0.4");

        var graph = await Installer().InstallAsync(Map(("@acme/tools", "^3.0.0")));

        Assert.Equal("1.0.4", graph.Roots["@acme/tools"].Dependencies["@acme/core"].Version);
        Assert.Equal("@acme/tools", graph.Roots["@acme/tools"].Name);
        Assert.Equal(new Uri("https://registry.npmjs.org/@acme%2Ftools"), NpmRegistryClient.PackumentUri(new Uri("https://registry.npmjs.org/"), "@acme/tools"));
    }

    [Fact]
    public async Task InstallAsync_RegistryToken_SentToTheRegistry()
    {
        _registry.RequiredToken = "s3cret";
        _registry.Publish("private-lib", "1.0.0");

        var refused = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("private-lib", "1.0.0"))));
        Assert.Contains("HTTP 401", refused.Message, StringComparison.Ordinal);

        var installer = TestPackageInstaller.Create(_registry.Url, CacheDirectory, o => o.RegistryToken = "s3cret");
        Assert.Equal("1.0.0", (await installer.InstallAsync(Map(("private-lib", "1.0.0")))).Roots["private-lib"].Version);
    }

    [Fact]
    public async Task InstallAsync_PhantomDependency_VisibleThroughHoistingAsInNpmsLayout()
    {
        // sloppy requires "hoisted" without declaring it; npm hoists hoisted (a dependency of the hook's other root) to the top.
        _registry.Publish("sloppy", "1.0.0");
        _registry.Publish("other", "1.0.0", dependencies: Map(("hoisted", "1.0.0")));
        _registry.Publish("hoisted", "1.0.0");

        var graph = await Installer().InstallAsync(Map(("sloppy", "1.0.0"), ("other", "1.0.0")));

        Assert.Equal("1.0.0", graph.Roots["sloppy"].Dependencies["hoisted"].Version);
    }

    [Fact]
    public async Task InstallAsync_NpmAlias_InstallsTheTargetUnderTheAlias()
    {
        _registry.Publish("uses-alias", "1.0.0", dependencies: Map(("width-cjs", "npm:string-width@^4.2.0")));
        _registry.Publish("string-width", "4.2.3");

        var graph = await Installer().InstallAsync(Map(("uses-alias", "1.0.0")));

        var aliased = graph.Roots["uses-alias"].Dependencies["width-cjs"];
        Assert.Equal(("string-width", "4.2.3"), (aliased.Name, aliased.Version));
    }

    [Fact]
    public async Task InstallAsync_GitDependency_RefusedClearly()
    {
        var error = await Assert.ThrowsAsync<PackageInstallException>(() => Installer().InstallAsync(Map(("thing", "github:user/thing"))));

        Assert.Contains("only versions from the npm registry can be installed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallAsync_ConcurrentInstallsOfTheSamePackage_BothSucceedWithOneCopy()
    {
        _registry.Publish("popular", "1.0.0");
        var first = TestPackageInstaller.Create(_registry.Url, CacheDirectory);
        var second = TestPackageInstaller.Create(_registry.Url, CacheDirectory);

        var graphs = await Task.WhenAll(first.InstallAsync(Map(("popular", "1.0.0"))), second.InstallAsync(Map(("popular", "1.0.0"))));

        Assert.Equal(graphs[0].Roots["popular"].Directory, graphs[1].Roots["popular"].Directory);
        Assert.Single(Directory.GetDirectories(Path.Combine(CacheDirectory, "content"), "*", SearchOption.TopDirectoryOnly));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(CacheDirectory, "tmp")));
    }

    [Fact]
    public async Task InstallAsync_WithProgress_ReportsMetadataPackagesAndBytesThenDone()
    {
        _registry.Publish("progress-lib", "1.0.0", dependencies: Map(("progress-dep", "^1.0.0")));
        _registry.Publish("progress-dep", "1.0.0");
        var reports = new System.Collections.Concurrent.ConcurrentQueue<PackageInstallProgress>();
        var installer = Installer();

        var graph = await installer.InstallAsync(Map(("progress-lib", "1.0.0")), new SynchronousProgress(reports.Enqueue));

        var all = reports.ToList();
        Assert.Equal(PackageInstallStage.Resolving, all[0].Stage);
        Assert.Contains(all, r => r is { Stage: PackageInstallStage.Resolving, MetadataRead: 2 });
        Assert.Contains(all, r => r is { Stage: PackageInstallStage.Fetching, PackagesDone: 1, PackagesTotal: 2 });
        var last = all[^1];
        Assert.Equal(PackageInstallStage.Done, last.Stage);
        Assert.Equal((2, 2), (last.PackagesDone, last.PackagesTotal));
        Assert.True(last.BytesDownloaded > 0, "The tarballs' bytes are counted.");
        Assert.Equal(2, graph.PackageCount);
        Assert.Equal(1, graph.TransitiveCount("progress-lib"));

        // Installed: the lock answers, with no download.
        reports.Clear();
        await installer.InstallAsync(Map(("progress-lib", "1.0.0")), new SynchronousProgress(reports.Enqueue));
        Assert.Equal([new PackageInstallProgress(PackageInstallStage.Done, 0, 2, 2, 0)], reports);
    }

    [Fact]
    public async Task TryGetInstalled_Graph_CountsOwnDependenciesNotHoistedOnes()
    {
        _registry.Publish("count-a", "1.0.0", dependencies: Map(("count-shared", "^1.0.0"), ("count-only-a", "1.0.0")));
        _registry.Publish("count-b", "1.0.0", dependencies: Map(("count-shared", "^1.0.0")));
        _registry.Publish("count-shared", "1.0.0");
        _registry.Publish("count-only-a", "1.0.0");
        var map = Map(("count-a", "1.0.0"), ("count-b", "1.0.0"));
        var installer = Installer();
        await installer.InstallAsync(map);

        var graph = installer.TryGetInstalled(map)!;

        // count-b sees count-only-a through npm's hoisting, but does not bring it in.
        Assert.Equal(2, graph.TransitiveCount("count-a"));
        Assert.Equal(1, graph.TransitiveCount("count-b"));
        Assert.Equal(4, graph.PackageCount);
        Assert.Equal(0, graph.TransitiveCount("not-a-root"));
    }

    /// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post to the thread pool, after the install returns).</summary>
    private sealed class SynchronousProgress(Action<PackageInstallProgress> report) : IProgress<PackageInstallProgress>
    {
        public void Report(PackageInstallProgress value) => report(value);
    }
}
