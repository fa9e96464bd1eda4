namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// Where a browser test run puts its screenshots: a temp folder (never the repository) made on first use and
/// removed at the end when nothing was written to it, so runs without screenshots leave nothing behind. A
/// folder holding screenshots stays for a person to look at (the tests print its path).
/// </summary>
public sealed class ScreenshotFolder : IDisposable
{
    /// <summary>The prefix of the folder's name under the system temp folder.</summary>
    public const string Prefix = "hooksdashboard-screenshots-";

    private readonly Lazy<string> _path = new(() => Directory.CreateTempSubdirectory(Prefix).FullName);

    /// <summary>The folder; created by the first read.</summary>
    public string Path => _path.Value;

    public void Dispose()
    {
        if (_path.IsValueCreated && Directory.Exists(_path.Value) && !Directory.EnumerateFileSystemEntries(_path.Value).Any())
            Directory.Delete(_path.Value);
    }
}
