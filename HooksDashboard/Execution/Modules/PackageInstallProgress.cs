namespace HooksDashboard.Execution.Modules;

/// <summary>The phase an install is in.</summary>
public enum PackageInstallStage
{
    /// <summary>Reading package metadata from the registry to resolve the tree.</summary>
    Resolving,

    /// <summary>Bringing the resolved packages into the cache (downloads, integrity checks, unpacking).</summary>
    Fetching,

    /// <summary>Every package is in the cache.</summary>
    Done,
}

/// <summary>
/// How far one <see cref="IPackageInstaller.InstallAsync(IReadOnlyDictionary{string, string}, IProgress{PackageInstallProgress}?, CancellationToken)"/>
/// has come, reported as it goes (from any thread; each report is a consistent snapshot).
/// </summary>
/// <param name="Stage">The phase.</param>
/// <param name="MetadataRead">Packages whose metadata has been read so far (resolving).</param>
/// <param name="PackagesDone">Packages of the tree now in the cache (already cached ones count at once).</param>
/// <param name="PackagesTotal">Packages in the resolved tree; 0 while resolving.</param>
/// <param name="BytesDownloaded">Tarball bytes downloaded by this install (cached packages add nothing).</param>
public sealed record PackageInstallProgress(PackageInstallStage Stage, int MetadataRead, int PackagesDone, int PackagesTotal, long BytesDownloaded)
{
    /// <summary>"Resolving: metadata of 3 packages read", "Fetching: 2 of 7 packages, 48.2 KB", "7 packages ready".</summary>
    public string Describe() => Stage switch
    {
        PackageInstallStage.Resolving => $"Resolving: metadata of {MetadataRead} {Plural(MetadataRead)} read",
        PackageInstallStage.Fetching => $"Fetching: {PackagesDone} of {PackagesTotal} {Plural(PackagesTotal)}, {FormatBytes(BytesDownloaded)}",
        _ => $"{PackagesTotal} {Plural(PackagesTotal)} ready, {FormatBytes(BytesDownloaded)} downloaded",
    };

    /// <summary>Bytes in B, KB or MB (1024-based, one decimal).</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MB",
    };

    private static string Plural(int count) => count == 1 ? "package" : "packages";
}
