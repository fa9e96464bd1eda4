namespace HooksDashboard.Storage;

/// <summary>Where HooksDashboard keeps its state: the SQLite database and the Data Protection key ring.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// The data folder. Bound from the top-level configuration key <c>DataDirectory</c> (so the environment
    /// variable of that name works); a relative path is taken from the content root; unset means
    /// <c>{ContentRoot}/data</c>.
    /// </summary>
    public string DataDirectory { get; set; } = "";

    public string DatabasePath => Path.Combine(DataDirectory, "hooks.db");

    /// <summary>The Data Protection key ring that encrypts hook secrets: losing it makes stored secrets unreadable.</summary>
    public string KeysDirectory => Path.Combine(DataDirectory, "keys");

    /// <summary>Resolves <see cref="DataDirectory"/> against the content root; applied once when the options are built.</summary>
    internal static string ResolveDataDirectory(string? configured, string contentRootPath) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, contentRootPath);
}
