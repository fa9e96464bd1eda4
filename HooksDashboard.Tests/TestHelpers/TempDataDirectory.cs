using Microsoft.Data.Sqlite;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>A fresh, empty data folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempDataDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("hooksdashboard-tests-").FullName;

    public void Dispose()
    {
        // Pooled connections keep hooks.db and its WAL files open; close the idle ones before deleting.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
