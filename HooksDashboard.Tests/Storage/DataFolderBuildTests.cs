using System.Text.Json.Nodes;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Storage;

/// <summary>
/// The data folder holds the token signing key, the key ring and the database: none of it may become an item of the
/// project, or the Web SDK copies it into bin/ and into every publish folder (a *.json is Content by default).
/// </summary>
public sealed class DataFolderBuildTests : IDisposable
{
    private readonly TempDataDirectory _copy = new();

    public void Dispose() => _copy.Dispose();

    [Fact]
    public async Task ProjectItems_DataFolderFiles_AreNeitherContentNorCopiedToBuildOrPublish()
    {
        // A copy of the project (with the repository's build settings) whose folders hold what a running server writes:
        // the default data folder, and a DataDirectory pointed at another folder inside the project.
        File.Copy(RepositoryFiles.PathOf("Directory.Build.props"), Path.Combine(_copy.Path, "Directory.Build.props"));
        File.Copy(RepositoryFiles.PathOf("Directory.Packages.props"), Path.Combine(_copy.Path, "Directory.Packages.props"));
        var project = Directory.CreateDirectory(Path.Combine(_copy.Path, "HooksDashboard")).FullName;
        File.Copy(RepositoryFiles.PathOf("HooksDashboard/HooksDashboard.csproj"), Path.Combine(project, "HooksDashboard.csproj"));
        File.WriteAllText(Path.Combine(project, "appsettings.json"), "{}");
        string[] stateFiles =
        [
            "data/signing-key.json", "data/signing-key.json.0123456789abcdef.tmp", "data/hooks.db", "data/hooks.db-wal", "data/hooks.db-shm",
            "data/keys/key-5a0c2f3e-0000-4000-8000-000000000000.xml", "data/notes.txt",
            "state/signing-key.json", "state/hooks.db", "state/keys/key-6b1d3a4f-0000-4000-8000-000000000000.xml",
        ];
        foreach (var file in stateFiles)
        {
            var path = Path.Combine(project, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "{}");
        }

        var outcome = await ChildProcess.RunAsync("dotnet",
            ["msbuild", "HooksDashboard.csproj", "-nologo", "-getItem:Content", "-getItem:None", "-getItem:Compile", "-getItem:EmbeddedResource"],
            project, TimeSpan.FromMinutes(2));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var items = JsonNode.Parse(outcome.StandardOutput)!["Items"]!.AsObject()
            .SelectMany(kind => kind.Value!.AsArray().Select(item => (Kind: kind.Key, Path: Relative(project, (string)item!["FullPath"]!), Item: item!)))
            .ToList();
        // The query sees ordinary content (so an empty answer cannot pass for a fix) ...
        Assert.Contains(items, i => i.Kind == "Content" && i.Path == "appsettings.json" && (string?)i.Item["CopyToPublishDirectory"] is "PreserveNewest" or "Always");
        // ... and nothing the server writes, so nothing of it reaches bin/ or a publish folder.
        var leaked = items.Where(i => stateFiles.Contains(i.Path, StringComparer.Ordinal) || i.Path.StartsWith("data/", StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, "Data files are project items: " + string.Join(", ", leaked.Select(i => $"{i.Kind} {i.Path}")));
    }

    private static string Relative(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');
}
