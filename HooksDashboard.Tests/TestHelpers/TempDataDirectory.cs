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
        // A background writer finishing its last batch (the execution log's, a connection's -wal file) can add a file
        // while the folder is being emptied ("Directory not empty"): try again shortly, as it has stopped by then.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(100 * attempt);
                SqliteConnection.ClearAllPools();
            }
        }
    }
}
