namespace HooksDashboard.Execution.Modules;

/// <summary>
/// Where npm packages come from and where they are kept (configuration section <c>Packages</c>). The bounds keep a
/// hostile or broken registry from filling the disk or holding a save forever.
/// </summary>
public sealed class PackageOptions
{
    public const string SectionName = "Packages";

    /// <summary>The public npm registry, used when <see cref="RegistryUrl"/> is not set.</summary>
    public const string DefaultRegistryUrl = "https://registry.npmjs.org/";

    /// <summary>The registry's base URL (<c>Packages:RegistryUrl</c>); packuments are read from <c>{RegistryUrl}{escaped name}</c>.</summary>
    public string RegistryUrl { get; set; } = DefaultRegistryUrl;

    /// <summary>Optional bearer token (<c>Packages:RegistryToken</c>), sent to the registry's own host only.</summary>
    public string? RegistryToken { get; set; }

    /// <summary>
    /// The package cache (<c>Packages:CacheDirectory</c>); a relative path is taken from the data folder; unset means
    /// <c>{DataDirectory}/packages</c>. Resolved once when the options are built.
    /// </summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary>How long one registry request (metadata or tarball) may take.</summary>
    public int RequestTimeoutSeconds { get; set; } = 60;

    /// <summary>Largest packument (package metadata document) accepted.</summary>
    public long MaxMetadataBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest compressed tarball accepted.</summary>
    public long MaxTarballBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Largest total size of one package's unpacked files.</summary>
    public long MaxUnpackedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Most files and folders in one package.</summary>
    public int MaxEntries { get; set; } = 50_000;

    /// <summary>Most packages (transitive ones included) one hook's dependencies may bring in.</summary>
    public int MaxPackages { get; set; } = 1_500;

    /// <summary>The registry URL with a trailing slash, as a URI; throws a clear error for a malformed setting.</summary>
    public Uri RegistryBaseUri()
    {
        var text = string.IsNullOrWhiteSpace(RegistryUrl) ? DefaultRegistryUrl : RegistryUrl.Trim();
        if (!text.EndsWith('/'))
            text += "/";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new PackageInstallException($"Packages:RegistryUrl '{RegistryUrl}' is not an http(s) URL.");
        return uri;
    }

    /// <summary>Resolves <see cref="CacheDirectory"/> against the data folder.</summary>
    internal static string ResolveCacheDirectory(string? configured, string dataDirectory) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "packages" : configured, dataDirectory);
}
