using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Hooks;

/// <summary>A dependency added because the script requires a package its dependencies did not name.</summary>
/// <param name="Name">The package.</param>
/// <param name="Version">The exact version it was pinned to.</param>
/// <param name="Specifier">The <c>require</c> argument as written, e.g. <c>uuid</c> or <c>uuid@9.0.1</c>.</param>
public sealed record AddedDependency(string Name, string Version, string Specifier);

/// <summary>A hook's dependencies made ready to run.</summary>
/// <param name="Dependencies">The declared dependencies plus the ones <paramref name="Added"/> for undeclared requires.</param>
/// <param name="Added">What the script required without declaring it, pinned to an exact version.</param>
/// <param name="Graph">The installed packages.</param>
public sealed record PreparedDependencies(IReadOnlyDictionary<string, string> Dependencies, IReadOnlyList<AddedDependency> Added, PackageGraph Graph);

/// <summary>
/// What a hook's code needs from npm, made ready: its declared dependencies, plus every package the script requires
/// by a literal name without declaring it — pinned to the version of webtask's <c>require('x@1.2.3')</c>, else to
/// the registry's <c>latest</c> — installed through <see cref="IPackageInstaller"/>. Used by saves (through
/// <see cref="PackageInstallingHookStore"/>), the test panel and <c>run-hook</c>; never by a runtime invocation.
/// </summary>
public sealed class HookPackages(IPackageInstaller installer, NpmRegistryClient registry)
{
    /// <summary>Throws <see cref="PackageInstallException"/> with a message for the user when anything cannot be installed.</summary>
    public async Task<PreparedDependencies> PrepareAsync(string script, IReadOnlyDictionary<string, string>? declared, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var dependencies = new Dictionary<string, string>(declared ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var added = new List<AddedDependency>();
        foreach (var required in RequireScanner.Scan(script))
        {
            if (dependencies.TryGetValue(required.Name, out var spec))
            {
                if (required.Version is not null && !Compatible(required.Name, spec, required.Version))
                    throw new PackageInstallException(
                        $"The script requires '{required.Specifier}' but the hook's dependencies declare {required.Name} \"{spec}\": change one to match the other.");
                continue;
            }

            var version = await PinAsync(required, cancellationToken).ConfigureAwait(false);
            dependencies[required.Name] = version;
            added.Add(new AddedDependency(required.Name, version, required.Specifier));
        }

        if (HookRules.ValidateDependencies(dependencies) is { } error)
            throw new PackageInstallException(error);
        var graph = await installer.InstallAsync(dependencies, cancellationToken).ConfigureAwait(false);
        return new PreparedDependencies(dependencies, added, graph);
    }

    /// <summary>The exact version an undeclared require gets: its own version when exact, else what the registry resolves it to.</summary>
    private async Task<string> PinAsync(RequiredPackage required, CancellationToken cancellationToken)
    {
        var spec = VersionSpec.Parse(required.Name, required.Version ?? "latest");
        if (spec.IsExact(out var exact))
            return exact;
        var packument = await registry.GetPackumentAsync(spec.PackageName, cancellationToken).ConfigureAwait(false);
        return VersionPicker.Pick(packument, spec).Version;
    }

    private static bool Compatible(string name, string declared, string required)
    {
        if (string.Equals(declared.Trim(), required.Trim(), StringComparison.Ordinal))
            return true;
        try
        {
            return VersionSpec.Parse(name, declared).IsSatisfiedBy(required.Trim().TrimStart('=', 'v'));
        }
        catch (PackageInstallException)
        {
            return false;
        }
    }
}
