namespace HooksDashboard.Tests.TestHelpers;

/// <summary>Files of the repository the tests run from (found by walking up to <c>HooksDashboard.sln</c>).</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HooksDashboard.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No HooksDashboard.sln above {AppContext.BaseDirectory}.");
    });

    /// <summary>The folder holding <c>HooksDashboard.sln</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The app's project folder.</summary>
    public static string ProjectFolder => Path.Combine(Root, "HooksDashboard");

    /// <summary>A file's full path from its path relative to the repository root.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string ReadAllText(string relative) => File.ReadAllText(PathOf(relative));
}
