using HooksDashboard.Execution.Modules;
using HooksDashboard.Tests.Execution.Modules;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// Real published packages installed once by npm (no install scripts) into a temporary folder: the class fixture of
/// the Registry-category tests, which run the same code in node (from <see cref="Folder"/>) and as a hook (over
/// <see cref="Graph"/>). Fails, never skips, without npm: a skip would hide that real packages were never checked.
/// </summary>
public abstract class NpmInstalledPackages : IDisposable
{
    private readonly DirectoryInfo _folder;

    protected NpmInstalledPackages(string name, IReadOnlyList<string> packages, TimeSpan timeout)
    {
        Assert.True(NpmFactAttribute.NpmAvailable, "npm and node are needed to install the real packages (test.sh installs Debian's nodejs and npm when missing)");
        _folder = Directory.CreateTempSubdirectory($"hooks-{name}-");
        File.WriteAllText(Path.Combine(Folder, "package.json"), $$"""{ "name": "{{name}}", "version": "1.0.0", "private": true }""");
        var outcome = ChildProcess.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", .. packages],
            Folder, timeout).GetAwaiter().GetResult();
        Assert.True(outcome.ExitCode == 0, $"npm install failed:\n{outcome}");
        Graph = NodeModulesGraph.FromFolder(Path.Combine(Folder, "node_modules"));
    }

    public string Folder => _folder.FullName;

    public PackageGraph Graph { get; }

    /// <summary>
    /// What node prints running <paramref name="script"/> (a hook module exporting <c>function (cb)</c>) saved as
    /// <paramref name="name"/> beside the installed packages, so it requires the same ones.
    /// </summary>
    public async Task<string> RunInNodeAsync(string name, string script)
    {
        await File.WriteAllTextAsync(Path.Combine(Folder, name), script);
        var runner = Path.Combine(Folder, "run-" + name);
        await File.WriteAllTextAsync(runner, $"require('./{name}')(function () {{}});\n");
        return (NodeOracle.RunFile(runner) ?? throw new InvalidOperationException("node is required with npm")).Trim();
    }

    public void Dispose()
    {
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}
