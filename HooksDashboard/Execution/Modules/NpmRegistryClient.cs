using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Execution.Modules;

/// <summary>Where the resolver reads package metadata: the registry, or (offline) the package cache.</summary>
public interface IPackumentSource
{
    /// <summary>The package's metadata; throws <see cref="PackageInstallException"/> with a message for the user.</summary>
    Task<Packument> GetPackumentAsync(string name, CancellationToken cancellationToken);
}

/// <summary>
/// Reads packuments and tarballs from the configured npm registry (<see cref="PackageOptions"/>): npm's URL
/// escaping of scoped names, the abbreviated-metadata Accept header, an optional bearer token, bounded answer sizes
/// and a timeout per request. Every failure becomes a <see cref="PackageInstallException"/> saying what went wrong.
/// </summary>
public sealed class NpmRegistryClient(IHttpClientFactory clients, IOptions<PackageOptions> options) : IPackumentSource
{
    /// <summary>The name of the <see cref="HttpClient"/> this client uses (registered by <c>AddPackages</c>).</summary>
    public const string HttpClientName = "npm-registry";

    // npm asks for the abbreviated ("corgi") document first: a fraction of the full one's size.
    private const string AcceptMetadata = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";

    private readonly PackageOptions _options = options.Value;

    /// <summary>The packument URL of a package: scoped names keep their '@' and escape the '/' (<c>@scope%2fname</c>), as npm does.</summary>
    public static Uri PackumentUri(Uri registry, string name)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var escaped = name.StartsWith('@')
            ? "@" + Uri.EscapeDataString(name[1..])
            : Uri.EscapeDataString(name);
        return new Uri(registry, escaped);
    }

    public async Task<Packument> GetPackumentAsync(string name, CancellationToken cancellationToken)
    {
        var registry = _options.RegistryBaseUri();
        var uri = PackumentUri(registry, name);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd(AcceptMetadata);
        var body = await SendAsync(request, registry, $"the metadata of '{name}'", _options.MaxMetadataBytes, notFound: () =>
            new PackageInstallException($"Package '{name}' was not found in the npm registry ({registry})."), cancellationToken).ConfigureAwait(false);
        var packument = Packument.Parse(name, body);
        if (packument.Versions.Count == 0)
            throw new PackageInstallException($"Package '{name}' has no published versions in the npm registry ({registry}).");
        return packument;
    }

    /// <summary>The tarball of one version, whole in memory (bounded by <see cref="PackageOptions.MaxTarballBytes"/>).</summary>
    public async Task<byte[]> DownloadTarballAsync(PackageManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var registry = _options.RegistryBaseUri();
        var what = $"the tarball of {manifest.Name}@{manifest.Version}";
        if (!Uri.TryCreate(manifest.Tarball, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new PackageInstallException($"The registry gave no usable tarball URL for {manifest.Name}@{manifest.Version} ('{manifest.Tarball}').");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return await SendAsync(request, registry, what, _options.MaxTarballBytes, notFound: () =>
            new PackageInstallException($"The registry has no tarball for {manifest.Name}@{manifest.Version} (HTTP 404 from {uri})."), cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> SendAsync(HttpRequestMessage request, Uri registry, string what, long maxBytes, Func<PackageInstallException> notFound, CancellationToken cancellationToken)
    {
        // The token belongs to the registry: a tarball hosted elsewhere never sees it (npm does the same).
        if (!string.IsNullOrEmpty(_options.RegistryToken) && SameOrigin(request.RequestUri!, registry))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.RegistryToken);

        var client = clients.CreateClient(HttpClientName);
        var timeout = TimeSpan.FromSeconds(Math.Max(1, _options.RequestTimeoutSeconds));
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw notFound();
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new PackageInstallException($"The npm registry ({registry}) refused access to {what} (HTTP {(int)response.StatusCode}); check Packages:RegistryToken.");
            if (!response.IsSuccessStatusCode)
                throw new PackageInstallException($"The npm registry ({registry}) answered HTTP {(int)response.StatusCode} for {what}.");
            if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
                throw new PackageInstallException($"{Capitalize(what)} is {length:N0} bytes, more than the {maxBytes:N0} allowed.");

            await using var stream = await response.Content.ReadAsStreamAsync(timeoutSource.Token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeoutSource.Token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                    throw new PackageInstallException($"{Capitalize(what)} is more than the {maxBytes:N0} bytes allowed.");
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PackageInstallException($"The npm registry ({registry}) did not deliver {what} within {timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            throw new PackageInstallException($"The npm registry ({registry}) could not be reached for {what}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new PackageInstallException($"The connection to the npm registry ({registry}) broke while reading {what}: {ex.Message}", ex);
        }
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
