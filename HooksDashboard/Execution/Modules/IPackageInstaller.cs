namespace HooksDashboard.Execution.Modules;

/// <summary>
/// Brings a hook's npm dependencies into the package cache and says where they are. The only part of module
/// loading that touches the network (the registry); the executor only ever reads the resulting folders.
/// </summary>
public interface IPackageInstaller
{
    /// <summary>
    /// Resolves each name → version (or range, or dist-tag) and everything it depends on, fetches what the cache lacks,
    /// checks every tarball's integrity and unpacks it. Throws <see cref="PackageInstallException"/> with a message
    /// meant for the user (registry unreachable, unknown package or version, integrity mismatch, native add-on ...).
    /// Called when a hook is saved, by the test panel and by <c>run-hook</c>; never during a runtime invocation.
    /// </summary>
    Task<PackageGraph> InstallAsync(IReadOnlyDictionary<string, string> dependencies, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="InstallAsync(IReadOnlyDictionary{string, string}, CancellationToken)"/>, reporting how far it has come to
    /// <paramref name="progress"/> (metadata read, packages in the cache, bytes downloaded) — the dashboard's Modules
    /// panel shows it. Reports come from any thread; the install behaves exactly as without them.
    /// </summary>
    Task<PackageGraph> InstallAsync(IReadOnlyDictionary<string, string> dependencies, IProgress<PackageInstallProgress>? progress, CancellationToken cancellationToken = default);

    /// <summary>The graph of dependencies that are already installed, without any network access; null when any is missing.</summary>
    PackageGraph? TryGetInstalled(IReadOnlyDictionary<string, string> dependencies);
}

/// <summary>Installing dependencies failed; <see cref="Exception.Message"/> is meant for the user.</summary>
public sealed class PackageInstallException : Exception
{
    public PackageInstallException()
    {
    }

    public PackageInstallException(string message)
        : base(message)
    {
    }

    public PackageInstallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
