using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// An npm registry on 127.0.0.1 for tests: packuments (<c>GET /{name}</c>, scoped names as <c>@scope%2fname</c>) and
/// tarballs (<c>GET /-/tarballs/...</c>) of packages the test publishes from in-memory file maps or fixture folders,
/// packed as npm packs them (<c>package/</c> prefix, gzip) with a correct <c>dist.integrity</c> (sha512) and
/// <c>shasum</c>. Tests can tamper with what is served (a wrong integrity, a raw hostile tarball), require a bearer
/// token, read the requests it got, and <see cref="DisposeAsync"/> it to make the registry unreachable.
/// </summary>
public sealed class LoopbackNpmRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, PackageEntry> _packages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _tarballs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Dictionary<string, string>> _tags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _rawMetadata = new(StringComparer.Ordinal);
    private bool _disposed;

    private LoopbackNpmRegistry(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The registry's base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>When set, every request must carry <c>Authorization: Bearer {RequiredToken}</c> (else 401).</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Paths requested so far (decoded), in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Authorization headers received, in order (empty string when none).</summary>
    public ConcurrentQueue<string> AuthorizationHeaders { get; } = new();

    /// <summary>Starts a registry with nothing published.</summary>
    public static async Task<LoopbackNpmRegistry> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var registry = new LoopbackNpmRegistry(app);
        app.Run(registry.HandleAsync);
        await app.StartAsync();
        registry.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/";
        return registry;
    }

    /// <summary>A loopback URL where nothing listens: installs fail at once with "could not be reached".</summary>
    public static string ClosedUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    /// <summary>
    /// Publishes name@version with <paramref name="files"/> (path → text; a package.json is written from the other
    /// arguments unless given). The newest non-prerelease version becomes <c>latest</c> unless a tag was set.
    /// </summary>
    public PublishedPackage Publish(
        string name,
        string version,
        IReadOnlyDictionary<string, string>? files = null,
        IReadOnlyDictionary<string, string>? dependencies = null,
        IReadOnlyDictionary<string, string>? peerDependencies = null,
        IReadOnlyDictionary<string, string>? optionalDependencies = null,
        JsonObject? extraManifest = null)
    {
        var manifest = new JsonObject { ["name"] = name, ["version"] = version };
        if (dependencies is not null)
            manifest["dependencies"] = ToJson(dependencies);
        if (peerDependencies is not null)
            manifest["peerDependencies"] = ToJson(peerDependencies);
        if (optionalDependencies is not null)
        {
            manifest["optionalDependencies"] = ToJson(optionalDependencies);
            // npm lists optional dependencies under dependencies too.
            var all = manifest["dependencies"] as JsonObject ?? [];
            foreach (var (dependency, range) in optionalDependencies)
                all[dependency] = range;
            manifest["dependencies"] = all;
        }
        if (extraManifest is not null)
        {
            foreach (var (key, value) in extraManifest)
                manifest[key] = value?.DeepClone();
        }

        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, text) in files ?? new Dictionary<string, string> { ["index.js"] = $"module.exports = {{ name: '{name}', version: '{version}' }};\n" })
            contents[path] = Encoding.UTF8.GetBytes(text);
        if (!contents.ContainsKey("package.json"))
            contents["package.json"] = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        return PublishTarball(name, version, Pack(contents.Select(c => new TarballEntry("package/" + c.Key, c.Value))), manifest);
    }

    /// <summary>Publishes a fixture folder (its package.json names the package and version).</summary>
    public PublishedPackage PublishFolder(string folder)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "package.json")))!.AsObject();
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => new TarballEntry("package/" + Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes(f)));
        return PublishTarball((string)manifest["name"]!, (string)manifest["version"]!, Pack(files), manifest);
    }

    /// <summary>Publishes a tarball as given (e.g. a hostile one built with <see cref="Pack"/>), with its correct integrity.</summary>
    public PublishedPackage PublishTarball(string name, string version, byte[] tarball, JsonObject? manifest = null)
    {
        var path = $"-/tarballs/{name}/{version}.tgz";
        _tarballs[path] = tarball;
        var versionJson = (manifest?.DeepClone() as JsonObject) ?? [];
        versionJson["name"] = name;
        versionJson["version"] = version;
        versionJson["dist"] = new JsonObject
        {
            ["tarball"] = Url + path,
            ["integrity"] = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball)),
#pragma warning disable CA5350 // npm's legacy shasum is SHA-1; the registry serves it as npm's does.
            ["shasum"] = Convert.ToHexStringLower(SHA1.HashData(tarball)),
#pragma warning restore CA5350
        };
        var entry = _packages.GetOrAdd(name, _ => new PackageEntry());
        lock (entry)
            entry.Versions[version] = versionJson;
        return new PublishedPackage(this, name, version, path);
    }

    /// <summary>Answers <c>GET /{name}</c> with <paramref name="body"/> as it is (e.g. broken JSON).</summary>
    public void ServeRawMetadata(string name, string body) => _rawMetadata[name] = body;

    /// <summary>Sets a dist-tag (e.g. <c>latest</c>, <c>next</c>).</summary>
    public void SetTag(string name, string tag, string version) =>
        _tags.GetOrAdd(name, _ => new Dictionary<string, string>(StringComparer.Ordinal))[tag] = version;

    /// <summary>Packs entries into a gzip-compressed tar exactly as given (names, types and link targets untouched).</summary>
    public static byte[] Pack(IEnumerable<TarballEntry> entries)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in entries)
            {
                var entry = new PaxTarEntry(file.Type, file.Name);
                if (file.Type == TarEntryType.RegularFile)
                    entry.DataStream = new MemoryStream(file.Content ?? []);
                if (file.LinkName is not null)
                    entry.LinkName = file.LinkName;
                writer.WriteEntry(entry);
            }
        }
        return output.ToArray();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value!.TrimStart('/'));
        Requests.Enqueue(path);
        var authorization = context.Request.Headers.Authorization.ToString();
        AuthorizationHeaders.Enqueue(authorization);
        if (RequiredToken is not null && authorization != "Bearer " + RequiredToken)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (_rawMetadata.TryGetValue(path, out var raw))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(raw);
            return;
        }

        if (_tarballs.TryGetValue(path, out var tarball))
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(tarball);
            return;
        }

        if (_packages.TryGetValue(path, out var entry))
        {
            JsonObject versions;
            lock (entry)
                versions = new JsonObject(entry.Versions.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value.DeepClone())));
            var tags = new JsonObject();
            var latest = entry.Versions.Keys
                .Select(v => Semver.SemVersion.Parse(v, Semver.SemVersionStyles.Strict))
                .Where(v => !v.IsPrerelease)
                .OrderByDescending(v => v, Semver.SemVersion.PrecedenceComparer)
                .FirstOrDefault();
            if (latest is not null)
                tags["latest"] = latest.ToString();
            if (_tags.TryGetValue(path, out var explicitTags))
            {
                foreach (var (tag, version) in explicitTags)
                    tags[tag] = version;
            }
            context.Response.ContentType = "application/vnd.npm.install-v1+json";
            await context.Response.WriteAsync(new JsonObject { ["name"] = path, ["dist-tags"] = tags, ["versions"] = versions }.ToJsonString());
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        await context.Response.WriteAsync("""{"error":"Not found"}""");
    }

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> map) =>
        new(map.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A published version, for tampering with what the registry serves.</summary>
    public sealed record PublishedPackage(LoopbackNpmRegistry Registry, string Name, string Version, string TarballPath)
    {
        /// <summary>Serves other bytes than the integrity says (a tampered tarball or a man in the middle).</summary>
        public void ServeTamperedTarball(byte[] replacement) => Registry._tarballs[TarballPath] = replacement;

        /// <summary>Changes this version's packument entry (e.g. removes <c>dist.integrity</c>).</summary>
        public void EditManifest(Action<JsonObject> edit)
        {
            var entry = Registry._packages[Name];
            lock (entry)
                edit(entry.Versions[Version]);
        }
    }

    private sealed class PackageEntry
    {
        public Dictionary<string, JsonObject> Versions { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>One tar entry for <see cref="LoopbackNpmRegistry.Pack"/>.</summary>
public sealed record TarballEntry(string Name, byte[]? Content, TarEntryType Type = TarEntryType.RegularFile, string? LinkName = null)
{
    public TarballEntry(string name, string text) : this(name, Encoding.UTF8.GetBytes(text)) { }
}
